package cn.gongji.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.common.Money;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IndicatorJudgeTest {

    private static final YearMonth M = YearMonth.of(2024, 3);

    private static List<BigDecimal> dec(String... v) {
        return java.util.Arrays.stream(v).map(BigDecimal::new).toList();
    }

    @Test
    void the_robust_z_of_a_value_uses_the_median_and_the_median_absolute_deviation() {
        RobustScore s = RobustScore.of(new BigDecimal("20"), dec("10", "11", "12", "13", "14"), 4).orElseThrow();

        assertThat(s.median()).isEqualByComparingTo("12");
        assertThat(s.spread()).isEqualByComparingTo("1");
        assertThat(s.z()).isEqualByComparingTo("5.40");
    }

    @Test
    void one_extreme_peer_does_not_hide_another_because_the_median_ignores_it() {
        RobustScore s = RobustScore.of(new BigDecimal("30"), dec("10", "11", "12", "13", "1000"), 4).orElseThrow();

        assertThat(s.z()).isGreaterThan(new BigDecimal("10"));
    }

    @Test
    void identical_references_give_no_score_and_too_few_references_give_none_either() {
        assertThat(RobustScore.of(BigDecimal.TEN, dec("5", "5", "5", "5"), 4)).isEmpty();
        assertThat(RobustScore.of(BigDecimal.TEN, dec("5", "6", "7"), 4)).isEmpty();
        assertThat(RobustScore.of(BigDecimal.TEN, dec("5", "5", "5", "6"), 4)).as("MAD 0, mean deviation stands in").isPresent();
    }

    private static InstitutionMonth im(String code, String level, YearMonth m, int visits, String total, String exam) {
        return new InstitutionMonth(code, "hospital", level, m, visits, Money.of(total), Money.ZERO, Money.of(exam), Money.ZERO);
    }

    @Test
    void an_institution_whose_cost_per_visit_is_far_above_its_peers_gets_a_red_warning_and_its_peers_none() {
        List<InstitutionMonth> rows = new ArrayList<>();
        String[] totals = {"3000.00", "3100.00", "2900.00", "3050.00", "2950.00"};
        for (int i = 0; i < 5; i++) {
            rows.add(im("H" + i, "L2", M, 50, totals[i], "300.00"));
        }
        rows.add(im("HX", "L2", M, 50, "9000.00", "900.00"));

        List<IndicatorJudge.Judged> j = IndicatorJudge.judge(M, rows, RuleSettings.defaults());

        assertThat(j).extracting(x -> x.indicator().id() + "@" + x.at().code() + "=" + x.grade())
                .containsExactly("I03@HX=RED");
        assertThat(j.getFirst().finding().key()).isEqualTo("I03:HX:2024-03");
        assertThat(j.getFirst().finding().evidence()).contains("中位数", "Z=");
    }

    @Test
    void growth_is_judged_against_the_institutions_own_history_even_without_peers() {
        List<InstitutionMonth> rows = new ArrayList<>();
        String[] totals = {"3000.00", "3060.00", "3000.00", "3090.00", "3030.00", "2970.00", "3030.00", "6000.00"};
        for (int k = 7; k >= 0; k--) {
            rows.add(im("HA", "L1", M.minusMonths(k), 40, totals[7 - k], "0.00"));
        }

        List<IndicatorJudge.Judged> j = IndicatorJudge.judge(M, rows, RuleSettings.defaults());

        assertThat(j).extracting(x -> x.indicator().id()).contains("I01", "I03");
        assertThat(j.stream().filter(x -> x.indicator() == Indicator.GROWTH_MOM).findFirst().orElseThrow().value())
                .isEqualByComparingTo("0.9802");
    }

    @Test
    void small_institutions_and_disabled_indicators_are_not_judged() {
        List<InstitutionMonth> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(im("H" + i, "L2", M, 50, "3000.00", "300.00"));
        }
        rows.add(im("HX", "L2", M, 10, "9000.00", "900.00"));
        assertThat(IndicatorJudge.judge(M, rows, RuleSettings.defaults())).isEmpty();

        rows.set(5, im("HX", "L2", M, 50, "9000.00", "900.00"));
        assertThat(IndicatorJudge.judge(M, rows, new RuleSettings(Map.of(), Set.of("I03")))).isEmpty();
    }
}
