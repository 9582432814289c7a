package cn.gongji.account;

import cn.gongji.benefit.StatusHistory;
import cn.gongji.common.Money;
import cn.gongji.policy.PersonStatus;
import cn.gongji.policy.PolicyVersion;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The monthly personal-account credit (计入, Art. 8, Art. 11, POLICY.md §5).
 *
 * <ul>
 *   <li>The status in force for month m is the status on m's first day (a change processed on x is
 *       in force from the first of the month after x).</li>
 *   <li>In-service: {@code inServiceCreditRate × base}, where the base is the latest contribution
 *       base with effective_month ≤ m; HALF_UP to the fen (a decision: POLICY.md names no rounding
 *       point here, see docs/decisions.md).</li>
 *   <li>Retired: the policy's fixed {@code retiredMonthlyCredit}.</li>
 *   <li>Skipped, with a reason: insured only after m, insurance suspended before m, no or closed
 *       account, in-service without a base, a zero credit.</li>
 * </ul>
 */
public final class MonthlyCredit {

    private MonthlyCredit() {}

    public sealed interface Decision {
        String psnNo();
    }

    /** Credit {@code amount}; {@code reason} and {@code memo} go onto the entry. */
    public record Credit(String psnNo, Money amount, PersonStatus status, String reason, String memo) implements Decision {}

    public record Skip(String psnNo, SkipReason reason) implements Decision {}

    public enum SkipReason {
        NOT_YET_INSURED,
        INSURANCE_SUSPENDED,
        NO_ACCOUNT,
        ACCOUNT_CLOSED,
        NO_CONTRIBUTION_BASE,
        ZERO_CREDIT,
        /** Set by the store, not by this rule: the person-month already has its credit entry. */
        ALREADY_CREDITED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final String REASON_IN_SERVICE = "monthly_credit_in_service";
    public static final String REASON_RETIRED = "monthly_credit_retired";

    /** The ledger reference of a month's credit: {@code yyyy-MM}. */
    public static String ref(YearMonth month) {
        return month.toString();
    }

    public static Decision decide(YearMonth month, PolicyVersion policy, CreditFacts f) {
        LocalDate first = month.atDay(1);
        if (f.insuDate().isAfter(month.atEndOfMonth())) {
            return new Skip(f.psnNo(), SkipReason.NOT_YET_INSURED);
        }
        if (f.pausInsuDate() != null && !f.pausInsuDate().isAfter(first)) {
            return new Skip(f.psnNo(), SkipReason.INSURANCE_SUSPENDED);
        }
        switch (f.account()) {
            case NONE -> {
                return new Skip(f.psnNo(), SkipReason.NO_ACCOUNT);
            }
            case CLOSED -> {
                return new Skip(f.psnNo(), SkipReason.ACCOUNT_CLOSED);
            }
            case OPEN -> { }
        }
        PersonStatus status = StatusHistory.statusOn(f.history(), first);
        Money amount;
        String reason;
        String memo;
        if (status == PersonStatus.RETIRED) {
            amount = policy.retiredMonthlyCredit();
            reason = REASON_RETIRED;
            memo = month + " 退休定额 / retired fixed amount " + amount + ", policy " + policy.versionId();
        } else {
            if (f.baseInForce() == null) {
                return new Skip(f.psnNo(), SkipReason.NO_CONTRIBUTION_BASE);
            }
            amount = f.baseInForce().times(policy.inServiceCreditRate(), RoundingMode.HALF_UP);
            reason = REASON_IN_SERVICE;
            memo = month + " 在职 / in service: " + policy.inServiceCreditRate().toPlainString() + " × base "
                    + f.baseInForce() + " = " + amount + " (HALF_UP), policy " + policy.versionId();
        }
        if (!amount.isPositive()) {
            return new Skip(f.psnNo(), SkipReason.ZERO_CREDIT);
        }
        return new Credit(f.psnNo(), amount, status, reason, memo);
    }
}
