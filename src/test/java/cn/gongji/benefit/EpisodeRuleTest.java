package cn.gongji.benefit;

import static cn.gongji.policy.Level.L2;
import static cn.gongji.policy.Level.L3;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.common.Money;
import cn.gongji.fixture.Lines;
import cn.gongji.fixture.Person;
import cn.gongji.fixture.Person.Settlement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 24小时内同一医院多次就诊的只记一次起付标准, with the window measured from the episode's first visit. */
class EpisodeRuleTest {

    private static final Duration DAY = Duration.ofHours(24);
    private static final LocalDateTime T0 = LocalDateTime.of(2022, 8, 1, 9, 0);

    @Test
    void a_visit_exactly_24_hours_after_the_first_starts_a_new_episode() {
        assertThat(EpisodeRule.covers(T0, T0.plusHours(24).minusNanos(1), DAY)).isTrue();
        assertThat(EpisodeRule.covers(T0, T0.plusHours(24), DAY)).isFalse();
        assertThat(EpisodeRule.covers(T0, T0, DAY)).isTrue();
        assertThat(EpisodeRule.covers(T0, T0.minusSeconds(1), DAY)).isFalse();
    }

    @Test
    void later_visits_do_not_roll_the_window_forward() {
        Person p = Person.inService();
        Settlement first = p.settle("H", L2, T0, Lines.classA("10.00"));
        Settlement at20h = p.settle("H", L2, T0.plusHours(20), Lines.classA("10.00"));
        Settlement at30h = p.settle("H", L2, T0.plusHours(30), Lines.classA("10.00"));

        assertThat(at20h.episodeId()).isEqualTo(first.episodeId());
        assertThat(at30h.episodeId()).isNotEqualTo(first.episodeId());
        assertThat(at30h.result().deductible()).isEqualTo(Money.of("10.00"));
    }

    @Test
    void a_visit_at_another_institution_within_24_hours_starts_its_own_episode() {
        Person p = Person.inService();
        Settlement here = p.settle("H-A", L3, T0, Lines.classA("200.00"));
        Settlement there = p.settle("H-B", L3, T0.plusHours(1), Lines.classA("200.00"));

        assertThat(here.result().deductible()).isEqualTo(Money.of("50.00"));
        assertThat(there.result().deductible()).isEqualTo(Money.of("50.00"));
    }

    @Test
    void once_the_deductible_is_met_later_visits_in_the_episode_pay_none() {
        Person p = Person.inService();
        p.settle("H", L3, T0, Lines.classA("200.00"));
        Settlement again = p.settle("H", L3, T0.plusHours(2), Lines.classA("40.00"));

        assertThat(again.result().deductible()).isEqualTo(Money.ZERO);
        assertThat(again.result().fundPay()).isEqualTo(Money.of("20.00"));
    }

    @Test
    void find_returns_the_latest_episode_that_covers_the_visit() {
        EpisodeState old = new EpisodeState(1, T0, Money.ZERO);
        EpisodeState newer = new EpisodeState(2, T0.plusHours(30), Money.of("30.00"));

        assertThat(EpisodeRule.find(List.of(newer, old), T0.plusHours(31), DAY)).contains(newer);
        assertThat(EpisodeRule.find(List.of(newer, old), T0.plusHours(1), DAY)).contains(old);
        assertThat(EpisodeRule.find(List.of(old), T0.plusHours(25), DAY)).isEmpty();
    }

    @Test
    void a_visit_registered_late_joins_the_episode_that_started_less_than_the_window_after_it() {
        // POLICY.md §3 step 2: one deductible for visits within 24 h at one institution, whatever order they came in
        EpisodeState old = new EpisodeState(1, T0, Money.of("20.00"));
        EpisodeState newer = new EpisodeState(2, T0.plusHours(30), Money.ZERO);
        assertThat(EpisodeRule.find(List.of(old), T0.minusHours(1), DAY)).contains(old);
        assertThat(EpisodeRule.find(List.of(old), T0.minusHours(24).plusSeconds(1), DAY)).contains(old);
        assertThat(EpisodeRule.find(List.of(old), T0.minusHours(24), DAY)).as("24 h or more before: its own").isEmpty();
        assertThat(EpisodeRule.find(List.of(newer, old), T0.plusHours(25), DAY)).as("the later one, 5 h after").contains(newer);
        assertThat(EpisodeRule.find(List.of(newer, old), T0.plusHours(10), DAY)).as("covered: the covering one wins")
                .contains(old);
        EpisodeState between = new EpisodeState(3, T0.plusHours(2), Money.ZERO);
        assertThat(EpisodeRule.find(List.of(between, old), T0.minusHours(1), DAY)).as("the earliest after it").contains(old);
    }
}
