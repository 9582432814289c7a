package cn.gongji.benefit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.common.Money;
import cn.gongji.fixture.Gen;
import cn.gongji.fixture.Gen.Step;
import cn.gongji.fixture.Person;
import cn.gongji.fixture.Person.Settlement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** 撤销 restores what a settlement consumed; re-settling prices the visit afresh, as if never cancelled. */
class CancelResettleProperties {

    @Property(tries = 500)
    void cancel_then_resettle_equals_settle(@ForAll("starts") LocalDateTime start, @ForAll("steps") List<Step> history,
                                           @ForAll("step") Step last) {
        Person p = Person.inService();
        List<Settlement> before = AnnualLimitProperties.run(p, start, history);
        LocalDateTime at = before.get(before.size() - 1).at().plusMinutes(last.minutesAfterPrevious());
        Map<String, Money> stateBefore = p.snapshot();

        Settlement first = p.settle(last.institution(), last.level(), at, last.lines());
        Map<String, Money> stateAfter = p.snapshot();
        p.cancel(first);
        assertThat(p.snapshot()).as("cancel restores everything consumed").isEqualTo(stateBefore);

        Settlement again = p.settle(last.institution(), last.level(), at, last.lines());
        assertThat(again.result()).isEqualTo(first.result());
        assertThat(again.episodeId()).isEqualTo(first.episodeId());
        assertThat(p.snapshot()).isEqualTo(stateAfter);
    }

    @Property(tries = 300)
    void cancelling_every_settlement_in_any_order_restores_the_untouched_state(
            @ForAll("starts") LocalDateTime start, @ForAll("steps") List<Step> history, @ForAll long shuffleSeed) {
        Person p = Person.inService();
        List<Settlement> done = new ArrayList<>(AnnualLimitProperties.run(p, start, history));

        Collections.shuffle(done, new Random(shuffleSeed));
        done.forEach(p::cancel);

        assertThat(p.snapshot()).isEmpty();
    }

    @Provide
    Arbitrary<LocalDateTime> starts() {
        return Gen.start();
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Gen.steps();
    }

    @Provide
    Arbitrary<Step> step() {
        return Gen.step();
    }
}
