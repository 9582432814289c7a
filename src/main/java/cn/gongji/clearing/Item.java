package cn.gongji.clearing;

import cn.gongji.common.Money;
import java.time.Instant;
import java.time.YearMonth;

/**
 * One settlement row as clearing sees it: an original (refdSetlId null) or a reversal with negated
 * amounts. {@code originFrozen}: for a reversal, its original was taken by a closed statement.
 * {@code diseCodg}: the visit's diagnosis (2203), for per-disease scores.
 */
public record Item(String setlId, String refdSetlId, String mdtrtId, String psnNo, Instant setlTime,
        YearMonth naturalMonth, Money medfeeSumamt, Money fundPaySumamt, Money acctPay, Money psnCashPay,
        boolean originFrozen, String diseCodg) {

    public boolean reversal() {
        return refdSetlId != null;
    }

    /** +1 for an original, -1 for a reversal: how the row counts towards points. */
    public int sign() {
        return reversal() ? -1 : 1;
    }

    /** The statement line this row appears on in the period {@code month}. */
    public Category categoryIn(YearMonth month) {
        if (!naturalMonth.equals(month) || (reversal() && originFrozen)) {
            return Category.ADJUSTMENT;
        }
        return reversal() ? Category.CANCELLATION : Category.SETTLEMENT;
    }

    public enum Category {
        /** an original settled in the period's own month */
        SETTLEMENT("settlement"),
        /** a reversal in the period's own month of a settlement not frozen in a closed statement */
        CANCELLATION("cancellation"),
        /** a late posting (its month was closed) or the reversal of a settlement in a closed statement */
        ADJUSTMENT("adjustment");

        private final String code;

        Category(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
