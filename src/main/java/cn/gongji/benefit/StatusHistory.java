package cn.gongji.benefit;

import cn.gongji.policy.PersonStatus;
import java.time.LocalDate;
import java.util.List;

/** The status in force on a date (POLICY.md §1: next-month rule). */
public final class StatusHistory {

    private StatusHistory() {}

    /**
     * @param changes the history in the order the changes were processed, the initial status first
     */
    public static PersonStatus statusOn(List<StatusChange> changes, LocalDate date) {
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("a person without a status");
        }
        PersonStatus status = changes.get(0).status();
        for (StatusChange c : changes) {
            if (!date.isBefore(c.inForceFrom())) {
                status = c.status();
            }
        }
        return status;
    }
}
