package cn.gongji.clearing;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.Set;

/**
 * Where a posting lands. A settlement row, a reversal or a recovery belongs to the month of its own
 * time (its natural month, Asia/Shanghai). When that month's period is closed it lands in the first
 * open period after it — never in a closed statement.
 */
public final class PeriodRule {

    private PeriodRule() {}

    /** The first month at or after {@code natural} that is not in {@code closed}. */
    public static YearMonth landing(YearMonth natural, Set<YearMonth> closed) {
        YearMonth m = natural;
        while (closed.contains(m)) {
            m = m.plusMonths(1);
        }
        return m;
    }

    /**
     * The earliest natural month whose postings can land in the open period {@code month}: every
     * month from it up to {@code month} (exclusive) is closed.
     */
    public static YearMonth earliestLandingIn(YearMonth month, Set<YearMonth> closed) {
        YearMonth m = month;
        while (closed.contains(m.minusMonths(1))) {
            m = m.minusMonths(1);
        }
        return m;
    }

    /** Why a month may not be closed yet, if so: only a month that has ended may close. */
    public static Optional<String> whyNotClosable(YearMonth month, LocalDate today) {
        if (!today.isAfter(month.atEndOfMonth())) {
            return Optional.of("清算期 " + month + " 尚未结束，最早可于 " + month.plusMonths(1).atDay(1) + " 关闭 / period "
                    + month + " has not ended: it can be closed from " + month.plusMonths(1).atDay(1));
        }
        return Optional.empty();
    }
}
