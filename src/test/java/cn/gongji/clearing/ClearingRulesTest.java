package cn.gongji.clearing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gongji.clearing.PaymentMethod.Capitation;
import cn.gongji.common.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The worked examples of docs/clearing.md, with the same numbers. */
class ClearingRulesTest {

    static final YearMonth MAR = YearMonth.of(2026, 3);
    static final YearMonth APR = YearMonth.of(2026, 4);
    static final YearMonth MAY = YearMonth.of(2026, 5);

    static Money m(String s) {
        return Money.of(s);
    }

    static Item item(String id, String refd, YearMonth month, String fund, boolean originFrozen) {
        Money f = m(fund);
        return new Item(id, refd, "M" + id, "P1", Instant.parse("2026-01-01T00:00:00Z"), month, f.plus(f), f, Money.ZERO,
                f, originFrozen, null);
    }

    @Test
    void a_posting_whose_month_is_closed_lands_in_the_first_open_month_after_it() {
        assertThat(PeriodRule.landing(MAR, Set.of())).isEqualTo(MAR);
        assertThat(PeriodRule.landing(MAR, Set.of(MAR))).isEqualTo(APR);
        assertThat(PeriodRule.landing(MAR, Set.of(MAR, APR))).isEqualTo(MAY);
        assertThat(PeriodRule.landing(MAR, Set.of(APR))).as("an open month keeps its own").isEqualTo(MAR);
    }

    @Test
    void an_open_month_takes_the_late_postings_of_the_closed_months_just_before_it() {
        assertThat(PeriodRule.earliestLandingIn(MAY, Set.of(MAR, APR))).isEqualTo(MAR);
        assertThat(PeriodRule.earliestLandingIn(MAY, Set.of(MAR))).isEqualTo(MAY);
    }

    @Test
    void only_a_month_that_has_ended_may_close() {
        assertThat(PeriodRule.whyNotClosable(MAR, LocalDate.of(2026, 3, 31))).isPresent();
        assertThat(PeriodRule.whyNotClosable(MAR, LocalDate.of(2026, 4, 1))).isEmpty();
    }

    @Test
    void capitation_surplus_is_kept_up_to_ten_percent_of_the_budget() {
        Capitation terms = new Capitation(m("30.00"), new BigDecimal("0.10"), new BigDecimal("0.60"));
        MethodEffect e = CapitationRule.apply(terms, 100, m("2600.00"));
        assertThat(e.basis()).isEqualTo(m("2600.00"));
        assertThat(e.payment()).isEqualTo(m("2900.00"));
        assertThat(e.amount()).isEqualTo(m("300.00"));
        assertThat(CapitationRule.apply(terms, 100, m("2850.00")).amount()).as("a small surplus is kept whole")
                .isEqualTo(m("150.00"));
    }

    @Test
    void capitation_overspend_is_shared_sixty_percent_by_the_fund_rounded_half_up_to_the_fen() {
        Capitation terms = new Capitation(m("30.00"), new BigDecimal("0.10"), new BigDecimal("0.60"));
        MethodEffect e = CapitationRule.apply(terms, 100, m("3500.00"));
        assertThat(e.payment()).isEqualTo(m("3300.00"));
        assertThat(e.amount()).isEqualTo(m("-200.00"));
        MethodEffect odd = CapitationRule.apply(terms, 100, m("3333.33"));
        assertThat(odd.payment()).as("333.33 × 0.60 = 199.998 → 200.00").isEqualTo(m("3200.00"));
        assertThat(odd.basis().plus(odd.amount())).isEqualTo(odd.payment());
    }

    @Test
    void disease_score_point_value_is_budget_over_total_points_and_the_remainder_is_the_funds() {
        BigDecimal pv = ScoreRule.pointValue(m("10000.00"), new BigDecimal("360"));
        assertThat(pv).isEqualByComparingTo("27.777778");
        Money each = ScoreRule.payment(new BigDecimal("120"), pv);
        assertThat(each).as("120 × 27.777778 = 3333.33336 → 3333.33").isEqualTo(m("3333.33"));
        Money paid = each.plus(each).plus(each);
        assertThat(m("10000.00").minus(paid)).as("remainder kept by the fund").isEqualTo(m("0.01"));
        MethodEffect e = ScoreRule.apply("DS1", new BigDecimal("120"), pv, m("3000.00"), 2);
        assertThat(e.amount()).isEqualTo(m("333.33"));
        assertThat(e.schemeCode()).isEqualTo("DS1");
    }

    @Test
    void no_points_means_a_point_value_of_zero() {
        assertThat(ScoreRule.pointValue(m("100.00"), BigDecimal.ZERO)).isZero();
    }

    @Test
    void a_statement_adds_settlements_cancellations_adjustments_effects_and_recoveries_back_to_the_payable() {
        List<Item> items = List.of(item("S1", null, APR, "75.00", false), item("S2", null, APR, "40.00", false),
                item("R2", "S2", APR, "-40.00", false), item("R0", "S0", APR, "-12.50", true),
                item("S9", null, MAR, "8.00", false));
        RecoveryLine rec = new RecoveryLine(7, "S1", m("5.00"), "重复收费", "staff", Instant.EPOCH);
        MethodEffect effect = MethodEffect.of("capitation", null, m("10.00"), m("12.00"), "x");
        Statement s = Statement.build(new PeriodKey("H1", "11", APR), "capitation", items, List.of(effect), List.of(rec));
        assertThat(s.settlements().count()).isEqualTo(2);
        assertThat(s.settlements().fundPaySumamt()).isEqualTo(m("115.00"));
        assertThat(s.cancellations().fundPaySumamt()).isEqualTo(m("-40.00"));
        assertThat(s.adjustments().count()).as("a reversal of a frozen settlement and a late posting").isEqualTo(2);
        assertThat(s.adjustments().fundPaySumamt()).isEqualTo(m("-4.50"));
        assertThat(s.fundShare()).isEqualTo(m("70.50"));
        assertThat(s.payable()).isEqualTo(m("67.50"));
    }

    @Test
    void what_the_personal_accounts_paid_is_owed_to_the_institution_beside_the_pooling_fund() {
        // POLICY.md §6 "by fund type": 310100 the pool (after method and recoveries), 310200 the accounts as settled
        Item pharmacy = new Item("S1", null, "MS1", "P1", Instant.EPOCH, APR, m("30.00"), Money.ZERO, m("30.00"), Money.ZERO,
                false, null);
        Item visit = new Item("S2", null, "MS2", "P2", Instant.EPOCH, APR, m("200.00"), m("75.00"), m("100.00"), m("25.00"),
                false, null);
        Item cancel = new Item("R2", "S2", "MS2", "P2", Instant.EPOCH, APR, m("-200.00"), m("-75.00"), m("-100.00"),
                m("-25.00"), false, null);
        Item kept = new Item("S3", null, "MS3", "P3", Instant.EPOCH, APR, m("100.00"), m("40.00"), m("50.00"), m("10.00"),
                false, null);
        RecoveryLine rec = new RecoveryLine(1, "S3", m("5.00"), "x", "staff", Instant.EPOCH);
        Statement s = Statement.build(new PeriodKey("H1", "11", APR), "fee_for_service", List.of(pharmacy, visit, cancel, kept),
                List.of(), List.of(rec));
        assertThat(s.fundShare()).isEqualTo(m("40.00"));
        assertThat(s.poolPayable()).as("recoveries come off the pool only").isEqualTo(m("35.00"));
        assertThat(s.acctShare()).as("30.00 + 100.00 − 100.00 + 50.00").isEqualTo(m("80.00"));
        assertThat(s.payable()).isEqualTo(m("115.00"));
    }

    @Test
    void totals_that_differ_by_one_settlement_are_explained_field_by_field() {
        Totals ours = Totals.of(List.of(item("S1", null, APR, "75.00", false), item("S2", null, APR, "40.00", false)));
        TotalsCheck.Verdict v = TotalsCheck.compare(ours,
                new TotalsCheck.Theirs(1L, m("150.00"), m("75.00"), m("0.00"), null));
        assertThat(v.agrees()).isFalse();
        assertThat(v.differences()).extracting(TotalsCheck.Difference::field)
                .containsExactly("fixmedins_setl_cnt", "medfee_sumamt", "fund_pay_sumamt");
        assertThat(v.description()).contains("fund_pay_sumamt 中心 115.00，机构 75.00，差额 -40.00");
        assertThat(TotalsCheck.compare(ours, new TotalsCheck.Theirs(2L, m("230.00"), m("115.00"), m("0.00"), null))
                .agrees()).isTrue();
    }

    @Test
    void the_detail_match_names_the_one_settlement_the_institution_lacks_and_the_one_that_differs() {
        List<Item> ours = List.of(item("S1", null, APR, "75.00", false), item("S2", null, APR, "40.00", false),
                item("S3", null, APR, "10.00", false));
        String file = DetailFile.write(List.of(ours.get(0), ours.get(2))).replace("\t10.00\t", "\t10.01\t");
        DetailMatch.Report r = DetailMatch.compare(DetailFile.parse(file), ours);
        assertThat(r.agreed()).isEqualTo(1);
        assertThat(r.results()).filteredOn(x -> x.outcome() == DetailMatch.Outcome.MISSING_THEIRS)
                .extracting(DetailMatch.Result::setlId).containsExactly("S2");
        assertThat(r.results()).filteredOn(x -> x.outcome() == DetailMatch.Outcome.DIFFERS)
                .singleElement().satisfies(x -> assertThat(x.fields()).containsExactly("fund_pay_sumamt"));
        assertThat(DetailMatch.resultFile(r)).contains("S2\tMS2\tP1\t2\t");
    }

    @Test
    void a_malformed_detail_file_is_refused_with_its_line_number() {
        assertThatThrownBy(() -> DetailFile.parse("S1\tM1\tP1\t1.00\t0.50\n"))
                .isInstanceOf(DetailFile.Malformed.class).hasMessageContaining("第 1 行").hasMessageContaining("7");
        assertThatThrownBy(() -> DetailFile.parse("setl_id\nS1\tM1\tP1\t1.001\t0.50\t0\t0\n"))
                .hasMessageContaining("第 2 行").hasMessageContaining("medfee_sumamt");
        assertThatThrownBy(() -> DetailFile.parse("S1\tM1\tP1\t1\t0.5\t0\t0\nS1\tM1\tP1\t1\t0.5\t0\t0\n"))
                .hasMessageContaining("重复");
        assertThatThrownBy(() -> DetailFile.parse("S1\tM1\tP1\t1\t0.5\t0\t2\n")).hasMessageContaining("refd_setl_flag");
    }

    @Test
    void a_recovery_may_not_exceed_what_is_left_of_the_fund_share() {
        assertThat(RecoveryRule.check(false, false, m("75.00"), m("70.00"), m("5.00"))).isEmpty();
        assertThat(RecoveryRule.check(false, false, m("75.00"), m("70.00"), m("5.01"))).get()
                .extracting(RecoveryRule.Refusal::code).isEqualTo("exceeds");
        assertThat(RecoveryRule.check(false, true, m("75.00"), Money.ZERO, m("1.00"))).get()
                .extracting(RecoveryRule.Refusal::code).isEqualTo("cancelled");
        assertThat(RecoveryRule.check(true, false, m("-75.00"), Money.ZERO, m("1.00"))).isPresent();
    }

    @Test
    void agreements_by_month_overlap_unless_one_ends_before_the_other_starts() {
        assertThat(Agreements.overlap(MAR, APR, MAY, null)).isFalse();
        assertThat(Agreements.overlap(MAR, null, MAY, null)).isTrue();
        assertThat(Agreements.overlap(MAY, MAY, MAR, MAY)).isTrue();
        assertThat(Agreements.covers(MAR, APR, MAY)).isFalse();
    }
}
