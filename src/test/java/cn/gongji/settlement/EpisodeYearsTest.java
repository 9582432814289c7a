package cn.gongji.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class EpisodeYearsTest {

    private static final Duration DAY = Duration.ofHours(24);

    @Test
    void a_visit_within_the_window_after_new_year_reaches_back_across_it() {
        assertThat(EpisodeYears.around(LocalDateTime.of(2027, 1, 1, 0, 30), DAY)).containsExactly(2027);
        assertThat(EpisodeYears.around(LocalDateTime.of(2027, 1, 1, 0, 0), DAY)).containsExactly(2027);
        assertThat(EpisodeYears.around(LocalDateTime.of(2027, 1, 1, 23, 59, 59), DAY)).containsExactly(2027);
        // an episode opened at 2027-01-01 00:00 is the first that could cover a visit of 2 January 00:00: same year
        assertThat(EpisodeYears.around(LocalDateTime.of(2027, 1, 2, 0, 0), DAY)).isEmpty();
    }

    @Test
    void a_visit_within_the_window_before_new_year_reaches_forward_across_it() {
        assertThat(EpisodeYears.around(LocalDateTime.of(2026, 12, 31, 23, 30), DAY)).containsExactly(2027);
        assertThat(EpisodeYears.around(LocalDateTime.of(2026, 12, 31, 0, 0, 1), DAY)).containsExactly(2027);
        // its episode covers visits before 2027-01-01 00:00 only
        assertThat(EpisodeYears.around(LocalDateTime.of(2026, 12, 31, 0, 0), DAY)).isEmpty();
    }

    @Test
    void a_visit_far_from_new_year_reaches_none() {
        assertThat(EpisodeYears.around(LocalDateTime.of(2026, 6, 15, 9, 0), DAY)).isEmpty();
        assertThat(EpisodeYears.around(LocalDateTime.of(2026, 12, 30, 9, 0), DAY)).isEmpty();
    }

    @Test
    void a_longer_window_reaches_further() {
        assertThat(EpisodeYears.around(LocalDateTime.of(2027, 1, 2, 12, 0), Duration.ofHours(48))).containsExactly(2027);
        assertThat(EpisodeYears.around(LocalDateTime.of(2026, 12, 30, 12, 0), Duration.ofHours(48))).containsExactly(2027);
        // a window longer than a year (no policy has one) reaches every New Year inside it
        assertThat(EpisodeYears.around(LocalDateTime.of(2026, 6, 1, 0, 0), Duration.ofDays(400))).containsExactly(2026, 2027);
    }

    @Test
    void a_day_of_care_reaches_what_any_moment_of_it_reaches() {
        assertThat(EpisodeYears.around(LocalDate.of(2026, 12, 31), DAY)).containsExactly(2027);
        assertThat(EpisodeYears.around(LocalDate.of(2027, 1, 1), DAY)).containsExactly(2027);
        assertThat(EpisodeYears.around(LocalDate.of(2026, 12, 30), DAY)).isEmpty();
        assertThat(EpisodeYears.around(LocalDate.of(2027, 1, 2), DAY)).isEmpty();
        assertThat(EpisodeYears.around(LocalDate.of(2027, 1, 2), Duration.ofHours(25))).containsExactly(2027);
    }
}
