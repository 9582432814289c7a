package cn.gongji.benefit;

import cn.gongji.policy.PersonStatus;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One entry of a person's status history. A change processed on {@code processedDate} is in force
 * from the first day of the following month (Art. 6, Art. 11); the initial status is in force from
 * the start.
 */
public record StatusChange(PersonStatus status, LocalDate processedDate, boolean initial) {
    public StatusChange {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(processedDate, "processedDate");
    }

    public LocalDate inForceFrom() {
        return initial ? LocalDate.MIN : processedDate.withDayOfMonth(1).plusMonths(1);
    }
}
