package cn.gongji.benefit;

import static cn.gongji.policy.PersonStatus.IN_SERVICE;
import static cn.gongji.policy.PersonStatus.RETIRED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A change processed on date x is in force from the first day of the month after x (Art. 6, 11). */
class StatusHistoryTest {

    private static final StatusChange HIRED = new StatusChange(IN_SERVICE, LocalDate.of(2010, 3, 5), true);

    @Test
    void the_initial_status_is_in_force_from_the_start() {
        assertThat(StatusHistory.statusOn(List.of(HIRED), LocalDate.of(2001, 1, 1))).isEqualTo(IN_SERVICE);
    }

    @Test
    void a_change_processed_on_the_first_of_a_month_waits_for_the_next_month() {
        List<StatusChange> h = List.of(HIRED, new StatusChange(RETIRED, LocalDate.of(2022, 9, 1), false));

        assertThat(StatusHistory.statusOn(h, LocalDate.of(2022, 9, 30))).isEqualTo(IN_SERVICE);
        assertThat(StatusHistory.statusOn(h, LocalDate.of(2022, 10, 1))).isEqualTo(RETIRED);
    }

    @Test
    void a_change_processed_in_december_takes_effect_on_the_first_of_january() {
        List<StatusChange> h = List.of(HIRED, new StatusChange(RETIRED, LocalDate.of(2022, 12, 31), false));

        assertThat(StatusHistory.statusOn(h, LocalDate.of(2022, 12, 31))).isEqualTo(IN_SERVICE);
        assertThat(StatusHistory.statusOn(h, LocalDate.of(2023, 1, 1))).isEqualTo(RETIRED);
    }

    @Test
    void a_person_without_any_status_is_refused() {
        assertThatThrownBy(() -> StatusHistory.statusOn(List.of(), LocalDate.of(2022, 7, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
