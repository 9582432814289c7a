package cn.gongji.bench.sim;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

/**
 * When each visit happened (its begntime): spread over the care window (by default 1 January of
 * this year up to now) in opening hours, 08:00–17:30, so that ordinary traffic looks like a year of
 * ordinary care and not like every person being seen many times today (which the supervision rules
 * R07/R08 rightly warn about).
 *
 * <p>A person's k-th visit of the run gets a time that depends only on the seed, the person and k,
 * and is later than their (k−1)-th: the visits of one person are the sorted draws of {@code expected}
 * uniform times in the window (drawn one after the other as order statistics), so the same seed
 * gives the same calendar whatever the order in which the clients reach the persons. A person
 * visited more often than expected gets each further visit uniformly in what is left of the window.
 */
final class CareCalendar {

    static final LocalTime OPENS = LocalTime.of(8, 0);
    static final int OPEN_MINUTES = 9 * 60 + 30;   // 08:00–17:30

    private final LocalDate first;
    private final long totalMinutes;   // opening minutes from `first` up to a minute before now
    private final int expected;
    private final long seed;
    private final int[] visitsOf;      // per person: visits drawn so far (guarded by the person's stripe)
    private final double[] last;       // per person: the previous visit on the minute axis (likewise)
    private final Object[] locks = stripes();

    /**
     * @param first the first day of care (1 January, or later with --care-days)
     * @param now the generator's clock, in the business zone
     * @param persons the population size (a counter per person)
     * @param expected how many visits one person is expected to get in this run (at least 1)
     */
    CareCalendar(LocalDate first, LocalDateTime now, int persons, int expected, long seed) {
        LocalDateTime end = now.minusMinutes(1);
        if (first.isAfter(end.toLocalDate())) {
            first = end.toLocalDate();
        }
        this.first = first;
        long fullDays = ChronoUnit.DAYS.between(first, end.toLocalDate());
        long today = Math.clamp(ChronoUnit.MINUTES.between(end.toLocalDate().atTime(OPENS), end), 0, OPEN_MINUTES);
        this.totalMinutes = Math.max(1, fullDays * OPEN_MINUTES + today);
        this.expected = Math.max(1, expected);
        this.seed = seed;
        this.visitsOf = new int[persons];
        this.last = new double[persons];
    }

    /** The next visit's time of person {@code index} (0-based position in the population). */
    LocalDateTime next(int index) {
        synchronized (lockOf(index)) {
            int k = visitsOf[index]++;
            double from = k == 0 ? 0 : last[index];
            SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ ((long) index << 20) ^ k);
            int remaining = Math.max(1, expected - k);
            // the minimum of `remaining` uniform draws in what is left of the window
            double x = from + (totalMinutes - from) * (1 - Math.pow(r.nextDouble(), 1.0 / remaining));
            last[index] = x;
            return at(x);
        }
    }

    /** A point of the minute axis as a date and time of day (monotone: later points are later times). */
    LocalDateTime at(double x) {
        long m = Math.min((long) x, totalMinutes - 1);
        return first.plusDays(m / OPEN_MINUTES).atTime(OPENS).plusMinutes(m % OPEN_MINUTES)
                .plusSeconds((long) ((x - Math.floor(x)) * 60) % 60);
    }

    /** Locks striped over the persons: two clients never draw the same person's next visit at once. */
    private Object lockOf(int index) {
        return locks[index & (locks.length - 1)];
    }

    private static Object[] stripes() {
        Object[] s = new Object[256];
        for (int i = 0; i < s.length; i++) {
            s[i] = new Object();
        }
        return s;
    }

    /** The visits a person is expected to get: planned visits over persons, with room for chance. */
    static int expectedPerPerson(long plannedVisits, int persons) {
        if (plannedVisits <= 0) {
            return 12;   // an open-ended run: about a visit a month
        }
        return (int) Math.min(1000, Math.max(2, Math.ceil(1.5 * plannedVisits / Math.max(1, persons))));
    }
}
