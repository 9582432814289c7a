package cn.gongji.benefit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.common.Money;
import cn.gongji.fixture.Gen;
import cn.gongji.fixture.Gen.Step;
import cn.gongji.fixture.Nanyang;
import cn.gongji.fixture.Person;
import cn.gongji.fixture.Person.Settlement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** 24小时内同一医院多次就诊的只记一次起付标准, over any sequence of visits. */
class EpisodeProperties {

    @Property(tries = 500)
    void the_deductibles_of_an_episode_add_up_to_at_most_the_level_deductible(
            @ForAll("starts") LocalDateTime start, @ForAll("steps") List<Step> steps) {
        List<Settlement> done = AnnualLimitProperties.run(Person.inService(), start, steps);

        Map<String, List<Settlement>> episodes = done.stream()
                .collect(Collectors.groupingBy(s -> s.institution() + "#" + s.episodeId()));
        episodes.forEach((key, visits) -> {
            Money d = Nanyang.policy().deductible(Gen.levelOf(visits.get(0).institution()));
            Money deductibles = visits.stream().map(s -> s.result().deductible()).reduce(Money.ZERO, Money::plus);
            Money inScope = visits.stream().map(s -> s.visit().totals().inScope()).reduce(Money.ZERO, Money::plus);

            assertThat(deductibles).as("episode %s", key).isLessThanOrEqualTo(d);
            // and it is met as soon as the episode's in-scope amount allows: exactly min(D, Σ inScope)
            assertThat(deductibles).as("episode %s", key).isEqualTo(d.min(inScope));
        });
    }

    @Property(tries = 500)
    void an_episode_holds_the_visits_at_one_institution_within_24_hours_of_its_first(
            @ForAll("starts") LocalDateTime start, @ForAll("steps") List<Step> steps) {
        List<Settlement> done = AnnualLimitProperties.run(Person.inService(), start, steps);
        Map<String, LocalDateTime> firstVisit = new HashMap<>();
        Map<String, LocalDateTime> latestEpisodeStart = new HashMap<>();

        for (Settlement s : done) {
            String key = s.institution() + "#" + s.episodeId();
            LocalDateTime first = firstVisit.computeIfAbsent(key, k -> s.at());
            assertThat(Duration.between(first, s.at())).isLessThan(Duration.ofHours(24));
            LocalDateTime previous = latestEpisodeStart.get(s.institution());
            if (first.equals(s.at()) && previous != null && !previous.equals(s.at())) {
                // a new episode starts only 24 h or more after the one before at that institution
                assertThat(Duration.between(previous, s.at())).isGreaterThanOrEqualTo(Duration.ofHours(24));
            }
            latestEpisodeStart.put(s.institution(), first);
        }
    }

    @Provide
    Arbitrary<LocalDateTime> starts() {
        return Gen.start();
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Gen.steps();
    }
}
