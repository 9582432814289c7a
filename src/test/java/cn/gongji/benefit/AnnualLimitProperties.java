package cn.gongji.benefit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.common.Money;
import cn.gongji.fixture.Gen;
import cn.gongji.fixture.Gen.Step;
import cn.gongji.fixture.Nanyang;
import cn.gongji.fixture.Person;
import cn.gongji.fixture.Person.Settlement;
import cn.gongji.policy.PersonStatus;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The pooling fund never pays a person past the annual limit, over any sequence of settlements. */
class AnnualLimitProperties {

    @Property(tries = 500)
    void with_one_status_all_year_the_fund_never_pays_past_that_status_limit(
            @ForAll("statuses") PersonStatus status, @ForAll("starts") LocalDateTime start, @ForAll("steps") List<Step> steps) {
        Person p = status == PersonStatus.RETIRED ? Person.retired() : Person.inService();

        List<Settlement> done = run(p, start, steps);

        Money limit = Nanyang.policy().annualLimit(status);
        Map<Integer, Money> paid = paidByYear(done);
        paid.forEach((year, sum) -> {
            assertThat(sum).as("fund paid in %s", year).isLessThanOrEqualTo(limit);
            assertThat(p.usedIn(year)).isEqualTo(sum);
        });
    }

    @Property(tries = 500)
    void across_a_status_change_each_settlement_stays_within_the_limit_of_its_day(
            @ForAll("starts") LocalDateTime start, @ForAll("steps") List<Step> steps,
            @ForAll @IntRange(min = 0, max = 400) int processedAfterDays, @ForAll("statuses") PersonStatus from) {
        PersonStatus to = from == PersonStatus.RETIRED ? PersonStatus.IN_SERVICE : PersonStatus.RETIRED;
        Person p = (from == PersonStatus.RETIRED ? Person.retired() : Person.inService())
                .changedTo(to, start.toLocalDate().plusDays(processedAfterDays));
        Map<Integer, Money> usedBefore = new HashMap<>();
        Map<Integer, Money> highestLimit = new HashMap<>();

        LocalDateTime at = start;
        for (Step s : steps) {
            at = at.plusMinutes(s.minutesAfterPrevious());
            int year = at.getYear();
            Money before = usedBefore.getOrDefault(year, Money.ZERO);
            Settlement done = p.settle(s.institution(), s.level(), at, s.lines());
            Money limit = done.result().limit();

            assertThat(limit).isEqualTo(Nanyang.policy().annualLimit(p.statusOn(at.toLocalDate())));
            assertThat(done.result().fundPay()).isLessThanOrEqualTo(limit.minus(before).atLeastZero());
            highestLimit.merge(year, limit, Money::max);
            usedBefore.put(year, p.usedIn(year));
            assertThat(p.usedIn(year)).isLessThanOrEqualTo(highestLimit.get(year).max(before));
        }
        usedBefore.forEach((year, used) -> assertThat(used).isLessThanOrEqualTo(highestLimit.get(year)));
    }

    static List<Settlement> run(Person p, LocalDateTime start, List<Step> steps) {
        List<Settlement> done = new ArrayList<>();
        LocalDateTime at = start;
        for (Step s : steps) {
            at = at.plusMinutes(s.minutesAfterPrevious());
            done.add(p.settle(s.institution(), s.level(), at, s.lines()));
        }
        return done;
    }

    static Map<Integer, Money> paidByYear(List<Settlement> done) {
        Map<Integer, Money> paid = new HashMap<>();
        done.forEach(s -> paid.merge(s.at().getYear(), s.result().fundPay(), Money::plus));
        return paid;
    }

    @Provide
    Arbitrary<PersonStatus> statuses() {
        return Gen.status();
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
