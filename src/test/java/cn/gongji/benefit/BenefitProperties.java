package cn.gongji.benefit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.common.Money;
import cn.gongji.fixture.Gen;
import cn.gongji.fixture.Visit;
import java.math.RoundingMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** POLICY.md §3 for any one settlement, whatever the episode and year state it starts from. */
class BenefitProperties {

    @Property(tries = 2000)
    void fund_and_personal_share_add_up_to_the_total(@ForAll("visits") Visit visit) {
        BenefitResult r = visit.compute();

        assertThat(r.fundPay().plus(r.personalShare())).isEqualTo(visit.totals().total());
        assertThat(r.fundPay().isNegative()).isFalse();
        assertThat(r.personalShare().isNegative()).isFalse();
    }

    @Property(tries = 2000)
    void the_fund_pays_at_most_the_raw_benefit_and_at_most_what_is_left_of_the_limit(@ForAll("visits") Visit visit) {
        BenefitResult r = visit.compute();
        Money limit = visit.policy().annualLimit(visit.status());

        assertThat(r.remainingBefore()).isEqualTo(limit.minus(visit.usedThisYear()).atLeastZero());
        assertThat(r.fundPay()).isLessThanOrEqualTo(r.raw());
        assertThat(r.fundPay()).isLessThanOrEqualTo(r.remainingBefore());
        assertThat(r.fundPay()).isEqualTo(r.raw().min(r.remainingBefore()));
        assertThat(r.remainingAfter().isNegative()).isFalse();
    }

    @Property(tries = 2000)
    void each_step_follows_the_policy_formula(@ForAll("visits") Visit visit) {
        BenefitResult r = visit.compute();
        Money inScope = visit.totals().inScope();
        Money left = visit.policy().deductible(visit.level()).minus(visit.deductibleMet()).atLeastZero();

        assertThat(r.deductible()).isEqualTo(inScope.min(left));
        assertThat(r.eligible()).isEqualTo(inScope.minus(r.deductible()));
        assertThat(r.ratio()).isEqualByComparingTo(visit.policy().ratio(visit.level(), visit.status()));
        assertThat(r.raw()).isEqualTo(r.eligible().times(r.ratio(), RoundingMode.HALF_UP));
        assertThat(r.raw()).isLessThanOrEqualTo(r.eligible());
        assertThat(r.trace().stream().map(TraceStep::rule).toList())
                .containsExactly("POLICY", "LINES", "DEDUCTIBLE", "RATIO", "LIMIT", "PERSONAL");
    }

    @Property(tries = 500)
    void outside_pooling_the_fund_pays_nothing(@ForAll("visits") Visit visit) {
        BenefitResult r = visit.notPooled("PHARMACY_PURCHASE", "药店购药").compute();

        assertThat(r.fundPay()).isEqualTo(Money.ZERO);
        assertThat(r.deductible()).isEqualTo(Money.ZERO);
        assertThat(r.personalShare()).isEqualTo(visit.totals().total());
    }

    @Provide
    Arbitrary<Visit> visits() {
        return Gen.visit();
    }
}
