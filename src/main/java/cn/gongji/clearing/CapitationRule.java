package cn.gongji.clearing;

import cn.gongji.clearing.PaymentMethod.Capitation;
import cn.gongji.common.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * 按人头付费 (docs/clearing.md "Capitation"). budget = per-person amount × enrolled persons (exact).
 * actual = the fund share of the enrolled persons' settlements in the statement. A surplus
 * (budget − actual) is kept up to keep-rate × budget (HALF_UP to the fen); an overspend
 * (actual − budget) is paid at share-rate × overspend (HALF_UP to the fen).
 */
public final class CapitationRule {

    private CapitationRule() {}

    public static MethodEffect apply(Capitation terms, long enrolled, Money actual) {
        Money budget = Money.of(terms.perPersonMonthly().amount().multiply(BigDecimal.valueOf(enrolled)));
        String head = "按人头：" + enrolled + " 人 × " + terms.perPersonMonthly() + " = 预算 " + budget + "，签约人员基金实际 "
                + actual;
        if (actual.compareTo(budget) <= 0) {
            Money surplus = budget.minus(actual);
            Money cap = budget.times(terms.surplusKeepRate(), RoundingMode.HALF_UP);
            Money kept = surplus.min(cap);
            return MethodEffect.of("capitation", null, actual, actual.plus(kept), head + "；结余 " + surplus + "，留用上限 "
                    + pct(terms.surplusKeepRate()) + " × 预算 = " + cap + "，留用 " + kept + " / surplus " + surplus
                    + ", kept " + kept);
        }
        Money overspend = actual.minus(budget);
        Money shared = overspend.times(terms.overspendShareRate(), RoundingMode.HALF_UP);
        return MethodEffect.of("capitation", null, actual, budget.plus(shared), head + "；超支 " + overspend + "，基金分担 "
                + pct(terms.overspendShareRate()) + " = " + shared + "，机构承担 " + overspend.minus(shared)
                + " / overspend " + overspend + ", fund shares " + shared);
    }

    static String pct(BigDecimal rate) {
        return rate.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}
