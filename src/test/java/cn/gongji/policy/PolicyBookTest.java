package cn.gongji.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gongji.benefit.BenefitResult;
import cn.gongji.common.Money;
import cn.gongji.fixture.Nanyang;
import cn.gongji.fixture.Visit;
import cn.gongji.policy.PolicyBook.NoPolicyInForce;
import cn.gongji.policy.db.PolicyJson;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Policy parameters are dated versions (Art. 23): each is in force from its date until the next one's. */
class PolicyBookTest {

    private static final PolicyVersion V2022 = Nanyang.policy();
    private static final PolicyVersion V2023 = derived("NY-2023-01", "2023-01-01", "40.00");
    private static final PolicyBook BOOK = new PolicyBook(List.of(V2023, V2022));

    @Test
    void the_shipped_policy_is_in_force_from_2022_07_01() {
        assertThat(V2022.versionId()).isEqualTo("NY-2022-07");
        assertThat(Nanyang.book().inForceOn(LocalDate.of(2022, 7, 1))).isEqualTo(V2022);
        assertThat(Nanyang.book().inForceOn(LocalDate.of(2099, 12, 31))).isEqualTo(V2022);
    }

    @Test
    void versions_are_kept_in_date_order_whatever_order_they_arrive_in() {
        assertThat(BOOK.versions()).containsExactly(V2022, V2023);
    }

    @Test
    void a_new_version_takes_effect_from_its_date_and_earlier_dates_keep_the_old_one() {
        assertThat(BOOK.inForceOn(LocalDate.of(2022, 7, 1))).isEqualTo(V2022);
        assertThat(BOOK.inForceOn(LocalDate.of(2022, 12, 31))).isEqualTo(V2022);
        assertThat(BOOK.inForceOn(LocalDate.of(2023, 1, 1))).isEqualTo(V2023);
        assertThat(BOOK.inForceOn(LocalDate.of(2024, 6, 1))).isEqualTo(V2023);
    }

    @Test
    void a_visit_is_priced_and_traced_under_the_version_in_force_on_its_date() {
        BenefitResult before = Visit.at(Level.L3).policy(BOOK.inForceOn(LocalDate.of(2022, 12, 31))).inScope("200.00").compute();
        BenefitResult after = Visit.at(Level.L3).policy(BOOK.inForceOn(LocalDate.of(2023, 1, 1))).inScope("200.00").compute();

        assertThat(before.deductible()).isEqualTo(Money.of("50.00"));
        assertThat(after.deductible()).isEqualTo(Money.of("40.00"));
        assertThat(after.fundPay()).isEqualTo(Money.of("80.00"));
        assertThat(after.trace().get(0).text()).contains("NY-2023-01");
    }

    @Test
    void two_versions_on_the_same_date_are_refused() {
        PolicyVersion sameDay = derived("NY-2022-07-B", "2022-07-01", "45.00");
        assertThatThrownBy(() -> new PolicyBook(List.of(V2022, sameDay)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2022-07-01");
    }

    @Test
    void a_ratio_with_more_than_four_decimals_or_a_negative_deductible_is_refused() {
        assertThatThrownBy(() -> new PolicyVersion("X", V2022.effectiveFrom(), "", V2022.deductible(),
                java.util.Map.of(Level.L1, java.util.Map.of(PersonStatus.IN_SERVICE, new java.math.BigDecimal("0.60001"),
                                PersonStatus.RETIRED, new java.math.BigDecimal("0.7")),
                        Level.L2, V2022.ratio().get(Level.L2), Level.L3, V2022.ratio().get(Level.L3)),
                V2022.annualLimit(), V2022.episodeWindow(), V2022.inServiceCreditRate(), V2022.retiredMonthlyCredit()))
                .hasMessageContaining("at most 4 decimals");
        assertThatThrownBy(() -> new PolicyVersion("X", V2022.effectiveFrom(), "",
                java.util.Map.of(Level.L1, Money.of("-1.00"), Level.L2, Money.of("30.00"), Level.L3, Money.of("50.00")),
                V2022.ratio(), V2022.annualLimit(), V2022.episodeWindow(), V2022.inServiceCreditRate(), V2022.retiredMonthlyCredit()))
                .hasMessageContaining("non-negative deductible");
    }

    @Test
    void a_date_before_2022_07_01_is_refused() {
        assertThatThrownBy(() -> BOOK.inForceOn(LocalDate.of(2022, 6, 30)))
                .isInstanceOfSatisfying(NoPolicyInForce.class, e -> {
                    assertThat(e.date()).isEqualTo(LocalDate.of(2022, 6, 30));
                    assertThat(e.earliest()).isEqualTo(LocalDate.of(2022, 7, 1));
                    assertThat(e.getMessage()).contains("2022-06-30").contains("2022-07-01");
                });
    }

    @Test
    void a_book_without_versions_is_refused() {
        assertThatThrownBy(() -> new PolicyBook(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_shipped_parameters_are_those_of_policy_md() {
        assertThat(V2022.effectiveFrom()).isEqualTo(LocalDate.of(2022, 7, 1));
        assertThat(V2022.annualLimit(PersonStatus.IN_SERVICE)).isEqualTo(Money.of("1500.00"));
        assertThat(V2022.annualLimit(PersonStatus.RETIRED)).isEqualTo(Money.of("2000.00"));
        assertThat(V2022.episodeWindow()).hasHours(24);
        assertThat(V2022.inServiceCreditRate()).isEqualByComparingTo("0.02");
    }

    private static PolicyVersion derived(String id, String from, String l3Deductible) {
        ObjectNode json = Nanyang.json();
        json.put("version_id", id);
        json.put("effective_from", from);
        ((ObjectNode) json.get("deductible")).put("L3", l3Deductible);
        return PolicyJson.read(json);
    }
}
