package cn.gongji.pricing;

import cn.gongji.common.Money;
import java.util.Collection;

/**
 * The sums over a visit's priced lines: the amount identity
 * {@code total = ownpay + over + prepay + inScope} holds because it holds per line.
 *
 * @param notAcctPayable the total of lines for items the personal account may not pay (Art. 10)
 */
public record LineTotals(Money total, Money ownpay, Money over, Money prepay, Money inScope, Money notAcctPayable, int lines) {

    public static LineTotals of(Collection<LinePricing> lines) {
        Money total = Money.ZERO, ownpay = Money.ZERO, over = Money.ZERO, prepay = Money.ZERO, inScope = Money.ZERO;
        Money notPayable = Money.ZERO;
        for (LinePricing l : lines) {
            total = total.plus(l.total());
            ownpay = ownpay.plus(l.ownpay());
            over = over.plus(l.over());
            prepay = prepay.plus(l.prepay());
            inScope = inScope.plus(l.inScope());
            if (!l.acctPayable()) {
                notPayable = notPayable.plus(l.total());
            }
        }
        return new LineTotals(total, ownpay, over, prepay, inScope, notPayable, lines.size());
    }
}
