package cn.gongji.supervision;

import static cn.gongji.supervision.Claims.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each claim rule, on the smallest claim that passes it and the smallest that does not. */
class ClaimRulesTest {

    private static final RuleSettings DEFAULTS = RuleSettings.defaults();

    private static List<Finding> run(ClaimRule rule, Claim c) {
        return rule.check(c, DEFAULTS.paramsOf(rule.def()));
    }

    private static List<String> during(Claim c) {
        return RuleEngine.evaluate(c, Stage.DURING, DEFAULTS).stream().map(f -> f.rule().id()).toList();
    }

    @Test
    void an_ordinary_visit_raises_nothing() {
        assertThat(during(claim().item("A", "12.00", "2").item("B", "25.00", "1").build())).isEmpty();
    }

    @Test
    void the_same_item_twice_at_the_same_price_in_one_visit_is_a_suspected_duplicate_charge() {
        List<Finding> f = run(VisitRules.DUPLICATE, claim().item("A", "12.00", "1").item("A", "12.00", "1").build());

        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.items()).containsExactly("F1", "F2");
            assertThat(x.amount().amount()).isEqualByComparingTo("12.00");
            assertThat(x.key()).isEqualTo("R01:S-THIS");
        });
        assertThat(run(VisitRules.DUPLICATE, claim().item("A", "12.00", "1").item("A", "13.00", "1").build())).isEmpty();
    }

    @Test
    void quantities_of_one_item_are_summed_over_the_visit_against_its_per_visit_limit() {
        assertThat(run(ItemRules.QTY, claim().item("Q", "1.50", "6", maxQty("10")).item("Q", "1.50", "4", maxQty("10")).build()))
                .isEmpty();
        List<Finding> f = run(ItemRules.QTY, claim().item("Q", "1.50", "6", maxQty("10")).item("Q", "1.50", "5", maxQty("10")).build());

        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.violation()).isTrue();
            assertThat(x.content()).contains("数量 11", "限量 10");
            assertThat(x.amount().amount()).isEqualByComparingTo("1.50");
        });
    }

    @Test
    void an_item_for_women_billed_for_a_man_is_a_clear_violation_and_for_a_woman_is_not() {
        assertThat(run(ItemRules.SEX, claim().item("F", "120", "1", onlyFor("2")).build())).singleElement()
                .satisfies(x -> assertThat(x.content()).contains("限女性", "男性"));
        assertThat(run(ItemRules.SEX, claim().woman().item("F", "120", "1", onlyFor("2")).build())).isEmpty();
    }

    @Test
    void age_limits_are_inclusive_and_use_the_age_on_the_date_of_care() {
        Claim.ItemLimits child = ages(null, 14);
        assertThat(run(ItemRules.AGE, claim().bornOn(LocalDate.of(2009, 3, 11)).item("K", "18", "1", child).build()))
                .as("14 the day before the 15th birthday").isEmpty();
        assertThat(run(ItemRules.AGE, claim().bornOn(LocalDate.of(2009, 3, 10)).item("K", "18", "1", child).build()))
                .as("15 on the birthday").hasSize(1);
        assertThat(run(ItemRules.AGE, claim().item("O", "18", "1", ages(60, null)).build())).as("44 for a 60+ item").hasSize(1);
    }

    @Test
    void an_item_for_level_three_billed_at_level_two_is_refused_and_at_level_three_is_not() {
        assertThat(run(ItemRules.LEVEL, claim().at("L2").item("CTA", "600", "1", minLevel("L3")).build())).hasSize(1);
        assertThat(run(ItemRules.LEVEL, claim().at("L3").item("CTA", "600", "1", minLevel("L3")).build())).isEmpty();
    }

    @Test
    void a_price_more_than_half_again_above_the_payment_standard_is_suspicious() {
        assertThat(run(ItemRules.PRICE, claim().item("DS", "14.25", "2", payStd("9.50")).build())).as("exactly 1.5×").isEmpty();
        assertThat(run(ItemRules.PRICE, claim().item("DS", "20.00", "2", payStd("9.50")).build())).singleElement()
                .satisfies(x -> assertThat(x.amount().amount()).isEqualByComparingTo("21.00"));
    }

    @Test
    void the_fifth_visit_within_seven_days_is_flagged_and_the_fourth_is_not() {
        Claims c = claim();
        for (int i = 1; i <= 3; i++) {
            c.visited("M" + i, "H" + i, AT.minusDays(i));
        }
        assertThat(run(HistoryRules.FREQUENT, c.build())).isEmpty();
        c.visited("M4", "H4", AT.minusDays(6).minusHours(23));
        assertThat(run(HistoryRules.FREQUENT, c.build())).hasSize(1);
        assertThat(run(HistoryRules.FREQUENT, claim().visited("M1", "H", AT.minusDays(8)).visited("M2", "H", AT.minusDays(9))
                .visited("M3", "H", AT.minusDays(10)).visited("M4", "H", AT.minusDays(11)).build())).as("older visits").isEmpty();
    }

    @Test
    void a_third_institution_on_one_day_is_flagged_but_later_visits_do_not_count_against_earlier_ones() {
        assertThat(run(HistoryRules.SAME_DAY, claim().visited("M1", "HA", AT.minusHours(2)).visited("M2", "HB", AT.minusHours(1))
                .build())).hasSize(1);
        assertThat(run(HistoryRules.SAME_DAY, claim().visited("M1", "HA", AT.minusHours(2)).visited("M2", "H1", AT.minusHours(1))
                .build())).as("the same institution twice").isEmpty();
        assertThat(run(HistoryRules.SAME_DAY, claim().visited("M1", "HA", AT.plusHours(1)).visited("M2", "HB", AT.plusHours(2))
                .build())).as("visits after this one").isEmpty();
    }

    @Test
    void a_return_to_the_same_institution_between_24_and_26_hours_later_is_a_suspected_split_episode() {
        assertThat(run(HistoryRules.SPLIT, claim().visited("M1", "H1", AT.minusHours(24).minusMinutes(40)).build())).hasSize(1);
        assertThat(run(HistoryRules.SPLIT, claim().visited("M1", "H1", AT.minusHours(23)).build())).as("within the episode").isEmpty();
        assertThat(run(HistoryRules.SPLIT, claim().visited("M1", "H1", AT.minusHours(27)).build())).as("well after").isEmpty();
        assertThat(run(HistoryRules.SPLIT, claim().visited("M1", "H2", AT.minusHours(25)).build())).as("elsewhere").isEmpty();
    }

    @Test
    void more_than_five_kinds_of_drug_or_more_than_a_thousand_yuan_of_drugs_is_a_big_prescription() {
        Claims six = claim();
        for (int i = 1; i <= 6; i++) {
            six.item("D" + i, "10.00", "1");
        }
        assertThat(run(VisitRules.BIG_RX, six.build())).singleElement().satisfies(x -> assertThat(x.content()).contains("6 种"));
        assertThat(run(VisitRules.BIG_RX, claim().item("D1", "500.01", "2").build())).hasSize(1);
        assertThat(run(VisitRules.BIG_RX, claim().item("D1", "500.00", "2").build())).isEmpty();
        assertThat(run(VisitRules.BIG_RX, claim().item("E", "2000", "1", limits(), "03").build())).as("an exam is no drug").isEmpty();
    }

    @Test
    void charges_on_or_after_the_recorded_death_are_a_clear_violation() {
        assertThat(run(VisitRules.DEATH, claim().died(AT.toLocalDate()).item("A", "10", "1").build())).hasSize(1);
        assertThat(run(VisitRules.DEATH, claim().died(AT.toLocalDate().plusDays(1)).item("A", "10", "1").build())).isEmpty();
    }

    @Test
    void charges_before_the_insurance_began_or_from_its_suspension_are_a_clear_violation() {
        LocalDate d = AT.toLocalDate();
        assertThat(run(VisitRules.PERIOD, claim().insured(d.plusDays(1), null).item("A", "10", "1").build())).hasSize(1);
        assertThat(run(VisitRules.PERIOD, claim().insured(d.minusYears(1), d).item("A", "10", "1").build())).hasSize(1);
        assertThat(run(VisitRules.PERIOD, claim().insured(d, d.plusDays(1)).item("A", "10", "1").build())).isEmpty();
    }

    @Test
    void an_account_paying_for_a_fourth_person_at_pharmacies_within_thirty_days_is_a_suspected_cash_out_once() {
        List<AccountActivity.Payment> pays = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pays.add(new AccountActivity.Payment("S" + i, "B" + i, "P9", AT.plusDays(2L * i), cn.gongji.common.Money.of("100.00")));
        }
        List<Finding> f = CashOutRule.check(new AccountActivity("PAYER", pays), CashOutRule.DEF.defaultParams(), AT);

        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.key()).isEqualTo("R11:PAYER:S3");
            assertThat(x.items()).containsExactly("S0", "S1", "S2", "S3");
        });
        assertThat(CashOutRule.check(new AccountActivity("PAYER", pays), CashOutRule.DEF.defaultParams(), AT.plusDays(30)))
                .as("triggers before the scanned period are not reported").isEmpty();
    }

    @Test
    void rules_apply_only_in_their_scenes_and_stages_and_when_enabled() {
        Claim frequentAtPharmacy = claim().pharmacy().visited("M1", "X", AT.minusDays(1)).visited("M2", "Y", AT.minusDays(2))
                .visited("M3", "Z", AT.minusDays(3)).visited("M4", "W", AT.minusDays(4)).item("A", "1", "1").build();
        assertThat(frequentAtPharmacy.scene()).isEqualTo(Scene.PHARMACY);
        assertThat(during(frequentAtPharmacy)).doesNotContain("R07");
        assertThat(claim().offsite().build().scene()).isEqualTo(Scene.OFFSITE);

        Claim duplicate = claim().item("A", "1", "1").item("A", "1", "1").build();
        assertThat(RuleEngine.evaluate(duplicate, Stage.BEFORE, DEFAULTS)).as("R01 runs during and after").isEmpty();
        assertThat(RuleEngine.evaluate(duplicate, Stage.DURING, new RuleSettings(Map.of(), Set.of("R01")))).isEmpty();
    }

    @Test
    void a_parameter_set_by_the_agency_replaces_the_default() {
        Claims c = claim().visited("M1", "H7", AT.minusDays(1)).visited("M2", "H8", AT.minusDays(2));
        RuleSettings strict = new RuleSettings(Map.of("R07", Params.of(Map.of("max_visits", new java.math.BigDecimal("2")))), Set.of());

        assertThat(RuleEngine.evaluate(c.build(), Stage.DURING, strict)).extracting(f -> f.rule().id()).containsExactly("R07");
        assertThat(strict.paramsOf(HistoryRules.FREQUENT_DEF).whole("window_days")).as("the others keep their defaults").isEqualTo(7);
    }

    @Test
    void the_window_of_history_follows_the_agency_window_and_a_rule_defined_elsewhere_gets_its_own_defaults() {
        RuleSettings wide = new RuleSettings(Map.of("R07", Params.of(Map.of("window_days", new java.math.BigDecimal("20")))), Set.of());
        assertThat(DEFAULTS.historyDays()).isEqualTo(8);
        assertThat(wide.historyDays()).isEqualTo(21);
        assertThat(wide.paramsOf(HistoryRules.FREQUENT_DEF).whole("max_visits")).isEqualTo(4);

        RuleDef copy = new RuleDef("R07", "copy", Category.MANAGEMENT, ResultType.SUSPICIOUS, "w", Set.of(Scene.OUTPATIENT),
                Set.of(Stage.DURING), 2, "4", "b", Map.of("window_days", java.math.BigDecimal.ONE, "extra", java.math.BigDecimal.TEN));
        assertThat(wide.paramsOf(copy).values()).as("not the shipped definition: merged from its own defaults")
                .containsEntry("window_days", new java.math.BigDecimal("20")).containsEntry("extra", java.math.BigDecimal.TEN);
    }

    @Test
    void a_duplicate_is_the_same_item_at_a_price_equal_as_a_number_and_min_repeats_one_flags_every_line() {
        assertThat(run(VisitRules.DUPLICATE, claim().item("A", "12.00", "1").item("B", "12.00", "1").item("A", "12", "1").build()))
                .singleElement().satisfies(x -> assertThat(x.items()).containsExactly("F1", "F3"));
        assertThat(run(VisitRules.DUPLICATE, claim().item("A", "12.00", "1").item("B", "12.00", "1").build())).isEmpty();

        RuleSettings one = new RuleSettings(Map.of("R01", Params.of(Map.of("min_repeats", java.math.BigDecimal.ONE))), Set.of());
        Claim c = claim().item("A", "12.00", "1").item("B", "13.00", "1").build();
        assertThat(VisitRules.DUPLICATE.check(c, one.paramsOf(VisitRules.DUPLICATE_DEF))).singleElement()
                .satisfies(x -> assertThat(x.items()).containsExactly("F1", "F2"));
    }

    @Test
    void the_history_rules_keep_their_edges_the_exact_24_hours_is_in_and_24_plus_margin_is_out() {
        assertThat(run(HistoryRules.SPLIT, claim().visited("M1", "H1", AT.minusHours(24)).build())).hasSize(1);
        assertThat(run(HistoryRules.SPLIT, claim().visited("M1", "H1", AT.minusHours(26)).build())).isEmpty();
        assertThat(run(HistoryRules.SPLIT, claim().visited("M1", "H1", AT.minusHours(26).plusSeconds(1)).build())).hasSize(1);
        assertThat(run(HistoryRules.SPLIT, claim().visited("M2", "H1", AT.minusHours(24).minusMinutes(10))
                .visited("M1", "H1", AT.minusHours(24).minusMinutes(50)).build()))
                .singleElement().satisfies(x -> assertThat(x.content()).as("the older one is named").contains("M1", "24 小时 50 分"));

        Claims sameTime = claim().visited("M-THAT", "H7", AT).visited("M-ZZZ", "H8", AT).visited("M2", "H9", AT.minusDays(1))
                .visited("M3", "H9", AT.minusDays(2)).visited("M4", "H9", AT.minusDays(3));
        assertThat(run(HistoryRules.FREQUENT, sameTime.build())).as("M-THAT counts (before M-THIS), M-ZZZ does not")
                .singleElement().satisfies(x -> assertThat(x.evidence()).contains("M4@H9、M3@H9、M2@H9、M-THAT@H7"));

        RuleSettings none = new RuleSettings(Map.of("R08", Params.of(Map.of("max_institutions", java.math.BigDecimal.ZERO))), Set.of());
        assertThat(HistoryRules.SAME_DAY.check(claim().build(), none.paramsOf(HistoryRules.SAME_DAY_DEF))).as("max 0: even one")
                .hasSize(1);
        assertThat(run(HistoryRules.SAME_DAY, claim().visited("M1", "H1", AT.minusHours(2)).visited("M2", "H1", AT.minusHours(1))
                .build())).as("the same institution again").isEmpty();
    }

    @Test
    void a_finding_names_its_parameters_in_the_evidence() {
        Claim big = claim().item("D", "600.00", "1").item("E", "500.00", "1").build();
        assertThat(run(VisitRules.BIG_RX, big)).singleElement().satisfies(x -> {
            assertThat(x.evidence()).endsWith("max_drug_amount=1000.00，max_drug_items=5");
            assertThat(x.amount().amount()).isEqualByComparingTo("100.00");
            assertThat(x.items()).containsExactly("F1", "F2");
        });
    }

    @Test
    void the_catalogue_has_at_least_twelve_claim_and_account_rules_each_fully_described() {
        assertThat(Rules.ALL.stream().filter(d -> d.id().startsWith("R"))).hasSizeGreaterThanOrEqualTo(12);
        for (RuleDef d : Rules.ALL) {
            assertThat(d.scenes()).as(d.id()).isNotEmpty();
            assertThat(d.stages()).as(d.id()).isNotEmpty();
            assertThat(d.severity()).as(d.id()).isBetween(1, 3);
            assertThat(Rules.english(d.id())).as(d.id()).isNotEqualTo(d.id());
        }
    }
}
