package cn.gongji.clearing;

import cn.gongji.clearing.Item.Category;
import cn.gongji.common.Money;
import java.util.List;

/**
 * The clearing statement of one period: what the agency owes the institution, by fund type
 * (POLICY.md §6). The pooling fund (310100): {@code fundShare + Σ effects.amount − recovered}, where
 * fundShare is the sum of the fund shares (fund_pay_sumamt) of every row the statement took (originals
 * positive, reversals negative), changed by the payment method and less what was recovered. The
 * personal accounts (310200): {@code acctShare}, the sum of the rows' acct_pay, which the institution
 * took instead of cash and the agency pays as settled (no payment method applies to it).
 * {@code payable} is the two together.
 */
public record Statement(PeriodKey period, String method, Totals settlements, Totals cancellations,
        Totals adjustments, Money fundShare, List<MethodEffect> effects, Money methodEffect,
        List<RecoveryLine> recoveries, Money recovered, Money poolPayable, Money acctShare, Money payable,
        List<Line> items) {

    /** One row the statement took and the line it appears on. */
    public record Line(Item item, Category category) {}

    public static Statement build(PeriodKey period, String method, List<Item> items, List<MethodEffect> effects,
            List<RecoveryLine> recoveries) {
        Totals settled = Totals.ZERO;
        Totals cancelled = Totals.ZERO;
        Totals adjusted = Totals.ZERO;
        List<Line> lines = new java.util.ArrayList<>(items.size());
        for (Item i : items) {
            Category c = i.categoryIn(period.month());
            lines.add(new Line(i, c));
            switch (c) {
                case SETTLEMENT -> settled = settled.plus(i);
                case CANCELLATION -> cancelled = cancelled.plus(i);
                case ADJUSTMENT -> adjusted = adjusted.plus(i);
            }
        }
        Totals all = settled.plus(cancelled).plus(adjusted);
        Money fund = all.fundPaySumamt();
        Money effect = effects.stream().map(MethodEffect::amount).reduce(Money.ZERO, Money::plus);
        Money recovered = recoveries.stream().map(RecoveryLine::amount).reduce(Money.ZERO, Money::plus);
        Money pool = fund.plus(effect).minus(recovered);
        Money acct = all.acctPay();
        return new Statement(period, method, settled, cancelled, adjusted, fund, List.copyOf(effects), effect,
                List.copyOf(recoveries), recovered, pool, acct, pool.plus(acct), List.copyOf(lines));
    }
}
