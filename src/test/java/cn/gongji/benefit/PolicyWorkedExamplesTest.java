package cn.gongji.benefit;

import static cn.gongji.policy.Level.L1;
import static cn.gongji.policy.Level.L2;
import static cn.gongji.policy.Level.L3;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.common.Money;
import cn.gongji.fixture.Lines;
import cn.gongji.fixture.Nanyang;
import cn.gongji.fixture.Person;
import cn.gongji.fixture.Person.Settlement;
import cn.gongji.fixture.Visit;
import cn.gongji.policy.Level;
import cn.gongji.policy.PersonStatus;
import cn.gongji.pricing.LinePricing;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every worked example of POLICY.md §1 and §3, against the shipped Nanyang 2022 policy data. */
class PolicyWorkedExamplesTest {

    private static final List<String> POOLED_TRACE = List.of("POLICY", "LINES", "DEDUCTIBLE", "RATIO", "LIMIT", "PERSONAL");
    private static final LocalDateTime T0 = LocalDateTime.of(2022, 8, 1, 9, 0);

    @Test
    void level_three_class_a_200_pays_75_after_50_deductible() {
        BenefitResult r = Visit.at(L3).inService().lines(Lines.classA("200.00")).compute();

        assertAmounts(r, "50.00", "150.00", "75.00", "125.00");
        assertThat(r.ratio()).isEqualByComparingTo("0.50");
        assertThat(r.raw()).isEqualTo(yuan("75.00"));
        assertThat(codes(r)).isEqualTo(POOLED_TRACE);
    }

    @Test
    void retired_person_at_level_one_class_a_100_pays_70_without_deductible() {
        BenefitResult r = Visit.at(L1).retired().lines(Lines.classA("100.00")).compute();

        assertAmounts(r, "0.00", "100.00", "70.00", "30.00");
        assertThat(r.ratio()).isEqualByComparingTo("0.70");
        assertThat(codes(r)).isEqualTo(POOLED_TRACE);
    }

    @Test
    void level_two_visits_within_24_hours_share_one_deductible_and_25_hours_later_start_a_new_episode() {
        Person p = Person.inService();

        Settlement first = p.settle("H-L2", L2, T0, Lines.classA("20.00"));
        assertAmounts(first.result(), "20.00", "0.00", "0.00", "20.00");

        Settlement threeHoursLater = p.settle("H-L2", L2, T0.plusHours(3), Lines.classA("100.00"));
        assertThat(threeHoursLater.episodeId()).isEqualTo(first.episodeId());
        assertThat(threeHoursLater.visit().deductibleMet()).isEqualTo(yuan("20.00"));
        assertAmounts(threeHoursLater.result(), "10.00", "90.00", "49.50", "50.50");

        Settlement nextDay = p.settle("H-L2", L2, T0.plusHours(25), Lines.classA("100.00"));
        assertThat(nextDay.episodeId()).isNotEqualTo(first.episodeId());
        assertThat(nextDay.visit().deductibleMet()).isEqualTo(Money.ZERO);
        assertAmounts(nextDay.result(), "30.00", "70.00", "38.50", "61.50");

        for (Settlement s : List.of(first, threeHoursLater, nextDay)) {
            assertThat(codes(s.result())).isEqualTo(POOLED_TRACE);
        }
        assertThat(p.usedIn(2022)).isEqualTo(yuan("88.00"));
    }

    @Test
    void class_b_item_100_with_ten_percent_share_prepays_10_and_leaves_90_in_scope() {
        LinePricing line = Lines.classB("100.00", "0.10").priced();

        assertThat(line.total()).isEqualTo(yuan("100.00"));
        assertThat(line.ownpay()).isEqualTo(Money.ZERO);
        assertThat(line.over()).isEqualTo(Money.ZERO);
        assertThat(line.prepay()).isEqualTo(yuan("10.00"));
        assertThat(line.inScope()).isEqualTo(yuan("90.00"));

        // and the pre-paid part never reaches the fund: at level one, in service, 90.00 × 60%
        BenefitResult r = Visit.at(L1).inService().lines(Lines.classB("100.00", "0.10")).compute();
        assertAmounts(r, "0.00", "90.00", "54.00", "46.00");
    }

    @Test
    void drug_at_12_times_10_over_a_9_50_payment_standard_is_25_over_and_95_in_scope() {
        LinePricing line = Lines.drug("12.00", "10", "9.50").priced();

        assertThat(line.total()).isEqualTo(yuan("120.00"));
        assertThat(line.ownpay()).isEqualTo(Money.ZERO);
        assertThat(line.over()).isEqualTo(yuan("25.00"));
        assertThat(line.prepay()).isEqualTo(Money.ZERO);
        assertThat(line.inScope()).isEqualTo(yuan("95.00"));
        assertThat(line.payStd()).isEqualByComparingTo("9.50");
    }

    @Test
    void in_service_person_with_1480_paid_this_year_gets_only_the_20_left_of_a_60_raw_benefit() {
        BenefitResult r = Visit.at(L1).inService().usedThisYear("1480.00").inScope("100.00").compute();

        assertAmounts(r, "0.00", "100.00", "20.00", "80.00");
        assertThat(r.raw()).isEqualTo(yuan("60.00"));
        assertThat(r.limit()).isEqualTo(yuan("1500.00"));
        assertThat(r.remainingBefore()).isEqualTo(yuan("20.00"));
        assertThat(r.remainingAfter()).isEqualTo(Money.ZERO);
        assertThat(codes(r)).isEqualTo(POOLED_TRACE);
        assertThat(step(r, "LIMIT").text()).contains("1480.00").contains("达到年度限额");
    }

    @Test
    void retirement_processed_2022_06_10_after_1500_used_leaves_500_of_the_2000_retired_limit_from_july() {
        Person p = Person.inService().alreadyPaid(2022, "1500.00")
                .changedTo(PersonStatus.RETIRED, LocalDate.of(2022, 6, 10));
        assertThat(p.statusOn(LocalDate.of(2022, 6, 30))).isEqualTo(PersonStatus.IN_SERVICE);
        assertThat(p.statusOn(LocalDate.of(2022, 7, 1))).isEqualTo(PersonStatus.RETIRED);

        Settlement s = p.settle("H-L1", L1, LocalDateTime.of(2022, 7, 1, 8, 0), Lines.classA("1000.00"));

        BenefitResult r = s.result();
        assertThat(r.limit()).isEqualTo(yuan("2000.00"));
        assertThat(r.remainingBefore()).isEqualTo(yuan("500.00"));
        assertThat(r.raw()).isEqualTo(yuan("700.00"));
        assertAmounts(r, "0.00", "1000.00", "500.00", "500.00");
        assertThat(p.usedIn(2022)).isEqualTo(yuan("2000.00"));
    }

    @Test
    void an_in_service_person_who_has_used_the_whole_1500_gets_nothing_more_from_the_fund() {
        BenefitResult r = Visit.at(L1).inService().usedThisYear("1500.00").inScope("100.00").compute();

        assertAmounts(r, "0.00", "100.00", "0.00", "100.00");
        assertThat(r.remainingBefore()).isEqualTo(Money.ZERO);
    }

    @Test
    void retirement_processed_2022_09_15_prices_a_visit_on_09_30_as_in_service_and_on_10_01_as_retired() {
        Person p = Person.inService().changedTo(PersonStatus.RETIRED, LocalDate.of(2022, 9, 15));

        Settlement lastDayInService = p.settle("H-L1", L1, LocalDateTime.of(2022, 9, 30, 23, 59), Lines.classA("100.00"));
        Settlement firstDayRetired = p.settle("H-L1", L1, LocalDateTime.of(2022, 10, 1, 0, 0), Lines.classA("100.00"));

        assertThat(lastDayInService.visit().status()).isEqualTo(PersonStatus.IN_SERVICE);
        assertThat(lastDayInService.result().limit()).isEqualTo(yuan("1500.00"));
        assertAmounts(lastDayInService.result(), "0.00", "100.00", "60.00", "40.00");
        assertThat(firstDayRetired.visit().status()).isEqualTo(PersonStatus.RETIRED);
        assertThat(firstDayRetired.result().limit()).isEqualTo(yuan("2000.00"));
        assertAmounts(firstDayRetired.result(), "0.00", "100.00", "70.00", "30.00");
    }

    @ParameterizedTest(name = "{0} {1}: ratio {2}, 1000.00 in scope pays {3}")
    @CsvSource({
            "L1, IN_SERVICE, 0.60, 600.00",
            "L1, RETIRED,    0.70, 700.00",
            "L2, IN_SERVICE, 0.55, 533.50",
            "L2, RETIRED,    0.65, 630.50",
            "L3, IN_SERVICE, 0.50, 475.00",
            "L3, RETIRED,    0.60, 570.00"})
    void the_ratio_table_gives_each_level_and_status_its_own_share(Level level, PersonStatus status, String ratio, String fund) {
        assertThat(Nanyang.policy().ratio(level, status)).isEqualByComparingTo(ratio);

        BenefitResult r = Visit.at(level).status(status).inScope("1000.00").compute();

        assertThat(r.ratio()).isEqualByComparingTo(ratio);
        assertThat(r.fundPay()).isEqualTo(yuan(fund));
        assertThat(step(r, "RATIO").text()).contains(status.label()).contains(level.label());
    }

    @ParameterizedTest(name = "{0}: deductible {1} per episode")
    @CsvSource({"L1, 0.00", "L2, 30.00", "L3, 50.00"})
    void each_level_has_its_own_deductible_per_episode(Level level, String deductible) {
        assertThat(Nanyang.policy().deductible(level)).isEqualTo(yuan(deductible));

        BenefitResult big = Visit.at(level).inService().inScope("1000.00").compute();
        assertThat(big.deductible()).isEqualTo(yuan(deductible));
        assertThat(big.eligible()).isEqualTo(yuan("1000.00").minus(yuan(deductible)));

        BenefitResult small = Visit.at(level).inService().inScope("10.00").compute();
        assertThat(small.deductible()).isEqualTo(yuan("10.00").min(yuan(deductible)));
    }

    static void assertAmounts(BenefitResult r, String deductible, String eligible, String fund, String personal) {
        assertThat(List.of(r.deductible(), r.eligible(), r.fundPay(), r.personalShare()))
                .as("deductible, eligible, fund, personal")
                .containsExactly(yuan(deductible), yuan(eligible), yuan(fund), yuan(personal));
    }

    static List<String> codes(BenefitResult r) {
        return r.trace().stream().map(TraceStep::rule).toList();
    }

    static TraceStep step(BenefitResult r, String rule) {
        return r.trace().stream().filter(t -> t.rule().equals(rule)).findFirst().orElseThrow();
    }

    static Money yuan(String s) {
        return Money.of(s);
    }
}
