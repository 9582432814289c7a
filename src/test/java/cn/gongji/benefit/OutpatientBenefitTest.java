package cn.gongji.benefit;

import static cn.gongji.policy.Level.L1;
import static cn.gongji.policy.Level.L3;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.common.Money;
import cn.gongji.fixture.Lines;
import cn.gongji.fixture.Visit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benefit beyond the worked examples: no pooling, nothing in scope, a mixed visit. */
class OutpatientBenefitTest {

    @Test
    void a_settlement_outside_pooling_leaves_everything_to_the_person_and_says_why() {
        BenefitResult r = Visit.at(L3).inService().inScope("200.00")
                .notPooled("OFFSITE_NOT_REGISTERED", "异地就医未备案").compute();

        assertThat(r.fundPay()).isEqualTo(Money.ZERO);
        assertThat(r.deductible()).isEqualTo(Money.ZERO);
        assertThat(r.personalShare()).isEqualTo(Money.of("200.00"));
        assertThat(r.trace().stream().map(TraceStep::rule).toList())
                .containsExactly("POLICY", "LINES", "NOT_POOLED", "PERSONAL");
        assertThat(r.trace().get(2).text()).contains("异地就医未备案");
    }

    @Test
    void pooled_off_site_care_says_why_and_pays_as_at_home() {
        BenefitResult r = Visit.at(L3).inService().inScope("200.00").pooledBecause("异地急诊：无需异地就医备案").compute();

        assertThat(r.fundPay()).as("(200.00 − 50.00) × 50%").isEqualTo(Money.of("75.00"));
        assertThat(r.trace().stream().map(TraceStep::rule).toList())
                .containsExactly("POLICY", "LINES", "COVERAGE", "DEDUCTIBLE", "RATIO", "LIMIT", "PERSONAL");
        assertThat(r.trace().get(2).text()).isEqualTo("异地急诊：无需异地就医备案");
        assertThat(Visit.at(L3).inService().inScope("200.00").compute().trace().stream().map(TraceStep::rule))
                .as("care at home says nothing more").doesNotContain("COVERAGE");
    }

    @Test
    void a_visit_with_nothing_in_scope_meets_no_deductible_and_gets_nothing() {
        BenefitResult r = Visit.at(L3).inService().lines(Lines.classC("80.00"), Lines.unknown("20.00")).compute();

        assertThat(r.deductible()).isEqualTo(Money.ZERO);
        assertThat(r.fundPay()).isEqualTo(Money.ZERO);
        assertThat(r.personalShare()).isEqualTo(Money.of("100.00"));
    }

    @Test
    void a_mixed_visit_pays_only_on_the_in_scope_parts() {
        BenefitResult r = Visit.at(L1).inService().lines(
                Lines.classA("50.00"),                 // in scope 50.00
                Lines.classB("100.00", "0.10"),        // prepay 10.00, in scope 90.00
                Lines.drug("12.00", "10", "9.50"),     // over 25.00, in scope 95.00
                Lines.classC("30.00")).compute();      // own pay 30.00

        assertThat(r.eligible()).isEqualTo(Money.of("235.00"));
        assertThat(r.fundPay()).isEqualTo(Money.of("141.00"));
        assertThat(r.personalShare()).isEqualTo(Money.of("159.00"));
        assertThat(r.trace().get(1).text()).contains("300.00", "30.00", "25.00", "10.00", "235.00");
    }

    @Test
    void the_trace_names_the_policy_version_that_priced_the_settlement() {
        BenefitResult r = Visit.at(L1).inService().inScope("1.00").compute();

        assertThat(r.trace().get(0).rule()).isEqualTo("POLICY");
        assertThat(r.trace().get(0).text()).contains("NY-2022-07").contains("2022-07-01");
        assertThat(List.of(r.ratio().scale())).containsExactly(4);
    }
}
