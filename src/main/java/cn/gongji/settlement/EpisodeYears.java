package cn.gongji.settlement;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The New Years an episode read or write of one visit reaches across (docs/decisions.md, "An episode
 * across New Year"). A visit at {@code t} counts in an episode its institution opened in
 * {@code (t - window, t]}, and an episode it opens covers visits in {@code [t, t + window)}; the
 * settlements of one person within a year wait for each other on the year's accumulator, but a visit
 * of 31 December and one of 1 January hold different accumulators. So a settlement, or a cancel that
 * gives an episode its deductible back, whose window contains a 1 January 00:00 also takes that new
 * year's guard of the person ({@link SettlementStore#lockEpisodeYears}, and the same key in
 * {@code gongji_lock_and_read_for_settlement}, migration V028): the two sides of midnight then wait
 * for each other, and the second reads the episode the first opened or changed.
 */
public final class EpisodeYears {

    private EpisodeYears() {}

    /** The years {@code y} whose 1 January 00:00 lies strictly inside {@code (t - window, t + window)}, ascending. */
    public static List<Integer> around(LocalDateTime t, Duration window) {
        return within(t.minus(window), t.plus(window));
    }

    /**
     * {@link #around(LocalDateTime, Duration)} of every moment of {@code day} (a cancel knows the date
     * of care, not the hour): the years whose 1 January lies inside {@code (day - window, day + 1 + window)}.
     */
    public static List<Integer> around(LocalDate day, Duration window) {
        return within(day.atStartOfDay().minus(window), day.plusDays(1).atStartOfDay().plus(window));
    }

    private static List<Integer> within(LocalDateTime after, LocalDateTime before) {
        List<Integer> years = new ArrayList<>();
        for (int y = after.getYear() + 1; y <= before.getYear(); y++) {
            LocalDateTime newYear = LocalDate.of(y, 1, 1).atStartOfDay();
            if (newYear.isAfter(after) && newYear.isBefore(before)) {
                years.add(y);
            }
        }
        return years;
    }
}
