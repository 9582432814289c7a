package cn.gongji.settlement;

import static cn.gongji.settlement.HisSteps.*;
import static cn.gongji.settlement.PharmacySteps.drug;
import static cn.gongji.settlement.PharmacySteps.rx;
import static cn.gongji.settlement.PharmacySteps.sale;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.settlement.PharmacySteps.Drug;
import cn.gongji.support.HisClient;
import cn.gongji.support.RefData;
import cn.gongji.support.ServiceIT;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Pharmacy sales (2101/2102/2103) end to end over the HIS protocol: POLICY.md §4, issue 4 items 1–3. */
@ServiceIT
class PharmacyFlowIT extends HisTestBase {

    JsonNode sell(HisClient pharmacy, String psn, LocalDateTime at, boolean acct, Drug... drugs) {
        return ok(pharmacy.call("2102", sale(psn, at, acct, drugs)));
    }

    @Test
    void a_sale_charging_one_item_twice_is_settled_and_flagged_by_supervision_for_review() {
        HisClient pharmacy = client(ref.pharmacy(false, false));
        String psn = ref.person("in_service");
        String a = ref.classA();
        JsonNode out = sell(pharmacy, psn, now().minusMinutes(5), false, drug(a, "20.00", "1"), drug(a, "20.00", "1"));
        String setlId = out.path("setlinfo").path("setl_id").asString();
        assertThat(out.path("setldetail").get(0).path("setl_proc_info").asString()).contains("智能监控", "R01");
        assertThat(db.sql("select count(*) from supervision_warning where setl_id = :s and rule_id = 'R01'")
                .param("s", setlId).query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void an_ordinary_purchase_is_not_pooled_and_items_the_account_may_not_pay_are_cash() {
        HisClient pharmacy = client(ref.pharmacy(false, false));
        String psn = ref.person("in_service");
        ref.credit(psn, "100.00");
        String a = ref.classA();
        String wellness = ref.item("03", "0", null, false);
        Drug[] drugs = {drug(a, "20.00", "2"), drug(wellness, "10.00", "1")};

        JsonNode pre = ok(pharmacy.call("2101", sale(psn, now().minusMinutes(5), true, drugs)));
        String expected = "medfee_sumamt=50.00 fulamt_ownpay_amt=10.00 overlmt_selfpay=0.00 preselfpay_amt=0.00 "
                + "inscp_scp_amt=40.00 act_pay_dedc=0.00 hifp_pay=0.00 pool_prop_selfpay=0.0000 fund_pay_sumamt=0.00 "
                + "psn_part_amt=50.00 acct_pay=40.00 acct_mulaid_pay=0.00 psn_cash_pay=10.00 hosp_part_amt=0.00 balc=60.00";
        assertThat(amounts(pre.path("setlinfo"))).isEqualTo(expected);
        assertThat(pre.path("setlinfo").path("setl_id").isNull()).isTrue();
        assertThat(balance(psn)).as("2101 changes nothing").isEqualByComparingTo("100.00");

        JsonNode out = sell(pharmacy, psn, now().minusMinutes(5), true, drugs);
        JsonNode s = out.path("setlinfo");
        assertThat(amounts(s)).isEqualTo(expected);
        assertThat(s.path("clr_type").asString()).isEqualTo("41");
        assertThat(s.path("med_type").asString()).isEqualTo("41");
        assertThat(out.path("setldetail").get(0).path("setl_proc_info").asString()).contains("普通购药", "统筹基金不予支付");
        assertThat(out.path("detlcutinfo")).hasSize(2);
        assertThat(out.path("detlcutinfo").get(1).path("fulamt_ownpay_amt").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(out.path("detlcutinfo").get(1).path("memo").asString()).isEqualTo("个人账户不可支付");
        assertThat(balance(psn)).isEqualByComparingTo("60.00");
        assertThat(poolPaid(psn, now().getYear())).isEqualByComparingTo("0");

        String mdtrtId = s.path("mdtrt_id").asString();
        JsonNode q = ok(pharmacy.call("5203", data("psn_no", psn, "mdtrt_id", mdtrtId)));
        assertThat(amounts(q.path("setlinfo"))).as("5203 answers the sale like a visit").isEqualTo(expected);
        JsonNode lines = ok(pharmacy.call("5204", data("psn_no", psn, "mdtrt_id", mdtrtId)));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).path("setl_id").asString()).isEqualTo(s.path("setl_id").asString());

        // a sale the pool did not cover has no episode; its cancel refunds the account all the same
        JsonNode rev = ok(pharmacy.call("2103", PharmacySteps.cancel(psn, mdtrtId, s.path("setl_id").asString())));
        assertThat(amounts(rev.path("setlinfo"))).isEqualTo("medfee_sumamt=-50.00 fulamt_ownpay_amt=-10.00 "
                + "overlmt_selfpay=0.00 preselfpay_amt=0.00 inscp_scp_amt=-40.00 act_pay_dedc=0.00 hifp_pay=0.00 "
                + "pool_prop_selfpay=0.0000 fund_pay_sumamt=0.00 psn_part_amt=-50.00 acct_pay=-40.00 acct_mulaid_pay=0.00 "
                + "psn_cash_pay=-10.00 hosp_part_amt=0.00 balc=100.00");
        assertThat(balance(psn)).isEqualByComparingTo("100.00");
        assertThat(db.sql("select count(*) from settlement where refd_setl_id = :s and episode_id is null")
                .param("s", s.path("setl_id").asString()).query(Long.class).single()).as("the reversal has no episode either")
                .isEqualTo(1L);
    }

    @Test
    void a_family_holders_account_pays_a_purchase_after_the_patients_own() {
        HisClient pharmacy = client(ref.pharmacy(false, false));
        String patient = ref.person("in_service");
        String holder = ref.person("retired");
        ref.credit(patient, "5.00");
        ref.credit(holder, "100.00");
        ref.bind(holder, patient, "parent");
        JsonNode s = sell(pharmacy, patient, now().minusMinutes(5), true, drug(ref.classA(), "12.50", "2")).path("setlinfo");
        assertThat(s.path("acct_pay").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(s.path("acct_mulaid_pay").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(s.path("psn_cash_pay").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(balance(holder)).isEqualByComparingTo("80.00");

        ok(pharmacy.call("2103", PharmacySteps.cancel(patient, s.path("mdtrt_id").asString(), s.path("setl_id").asString())));
        assertThat(balance(patient)).as("the cancel of an ordinary (not pooled) sale refunds each payer").isEqualByComparingTo("5.00");
        assertThat(balance(holder)).isEqualByComparingTo("100.00");
    }

    @Test
    void an_external_prescription_of_a_level_three_hospital_pays_half_after_a_fifty_deductible() {
        RefData.Inst hospital = ref.hospital("L3");
        HisClient pharmacy = client(ref.pharmacy(true, false));
        String psn = ref.person("in_service");
        ref.credit(psn, "100.00");
        JsonNode out = sell(pharmacy, psn, now().minusMinutes(5), true, rx(ref.classA(), "20.00", "10", "RX-1", hospital.code()));
        JsonNode s = out.path("setlinfo");
        assertThat(amounts(s)).isEqualTo("medfee_sumamt=200.00 fulamt_ownpay_amt=0.00 overlmt_selfpay=0.00 "
                + "preselfpay_amt=0.00 inscp_scp_amt=200.00 act_pay_dedc=50.00 hifp_pay=75.00 pool_prop_selfpay=0.5000 "
                + "fund_pay_sumamt=75.00 psn_part_amt=125.00 acct_pay=100.00 acct_mulaid_pay=0.00 psn_cash_pay=25.00 "
                + "hosp_part_amt=0.00 balc=0.00");
        JsonNode d0 = out.path("setldetail").get(0);
        assertThat(d0.path("crt_payb_lmt_amt").decimalValue()).isEqualByComparingTo("1500.00");
        assertThat(d0.path("setl_proc_info").asString()).contains("外配处方 RX-1", hospital.code(), "三级", "75.00");
        assertThat(out.path("detlcutinfo").get(0).path("rx_fixmedins_code").asString()).isEqualTo(hospital.code());
        assertThat(out.path("detlcutinfo").get(0).path("rx_circ_flag").asString()).isEqualTo("1");
        assertThat(poolPaid(psn, now().getYear())).isEqualByComparingTo("75.00");
    }

    @Test
    void the_fill_of_a_prescription_shares_the_episode_of_the_hospital_visit_that_wrote_it() {
        RefData.Inst hospital = ref.hospital("L3");
        HisClient pharmacy = client(ref.pharmacy(true, false));
        String psn = ref.person("in_service");
        String a = ref.classA();
        HisClient his = client(hospital);
        JsonNode visit = visit(his, psn, now().minusHours(2), false, line(a, "40.00", "1"));
        assertThat(visit.path("act_pay_dedc").decimalValue()).isEqualByComparingTo("40.00");
        JsonNode fill = sell(pharmacy, psn, now().minusHours(1), false, rx(a, "100.00", "1", "RX-7", hospital.code()))
                .path("setlinfo");
        assertThat(fill.path("act_pay_dedc").decimalValue()).as("10.00 left of the episode's 50.00").isEqualByComparingTo("10.00");
        assertThat(fill.path("hifp_pay").decimalValue()).isEqualByComparingTo("45.00");
        JsonNode later = visit(his, psn, now().minusMinutes(30), false, line(a, "100.00", "1"));
        assertThat(later.path("act_pay_dedc").decimalValue()).as("the episode's deductible is met").isEqualByComparingTo("0.00");
        assertThat(later.path("hifp_pay").decimalValue()).isEqualByComparingTo("50.00");
    }

    @Test
    void a_sale_mixing_a_prescription_and_ordinary_lines_pools_the_prescription_lines_only() {
        RefData.Inst hospital = ref.hospital("L2");
        HisClient pharmacy = client(ref.pharmacy(true, false));
        String psn = ref.person("in_service");
        String a = ref.classA();
        JsonNode out = sell(pharmacy, psn, now().minusMinutes(5), false, rx(a, "100.00", "1", "RX-M", hospital.code()),
                drug(a, "50.00", "1"));
        assertThat(amounts(out.path("setlinfo"))).isEqualTo("medfee_sumamt=150.00 fulamt_ownpay_amt=0.00 "
                + "overlmt_selfpay=0.00 preselfpay_amt=0.00 inscp_scp_amt=150.00 act_pay_dedc=30.00 hifp_pay=38.50 "
                + "pool_prop_selfpay=0.5500 fund_pay_sumamt=38.50 psn_part_amt=111.50 acct_pay=0.00 acct_mulaid_pay=0.00 "
                + "psn_cash_pay=111.50 hosp_part_amt=0.00 balc=0.00");
        assertThat(out.path("setldetail").get(0).path("setl_proc_info").asString())
                .contains("处方药品明细 1 条，金额 100.00", "普通购药（无处方）明细 1 条，金额 50.00", "150.00 − 38.50 = 111.50");
    }

    @Test
    void a_dual_channel_drug_on_a_prescription_is_pooled_at_a_dual_channel_pharmacy() {
        RefData.Inst hospital = ref.hospital("L1");
        HisClient pharmacy = client(ref.pharmacy(false, true));
        String psn = ref.person("retired");
        JsonNode s = sell(pharmacy, psn, now().minusMinutes(5), false,
                rx(ref.dualChannelDrug(), "100.00", "1", "RX-D", hospital.code())).path("setlinfo");
        assertThat(s.path("hifp_pay").decimalValue()).as("L1 retired 70%").isEqualByComparingTo("70.00");
        assertThat(s.path("psn_type").asString()).isEqualTo("1201");
    }

    @Test
    void a_prescription_of_an_internet_hospital_is_priced_as_its_physical_institution() {
        RefData.Inst physical = ref.hospital("L2");
        RefData.Inst online = ref.internetHospitalOf(physical.code());
        HisClient pharmacy = client(ref.pharmacy(true, false));
        String psn = ref.person("in_service");
        JsonNode s = sell(pharmacy, psn, now().minusMinutes(5), false, rx(ref.classA(), "100.00", "1", "RX-I", online.code()))
                .path("setlinfo");
        assertThat(s.path("act_pay_dedc").decimalValue()).isEqualByComparingTo("30.00");
        assertThat(s.path("hifp_pay").decimalValue()).as("L2 55% of 70.00").isEqualByComparingTo("38.50");
    }

    @Test
    void an_off_site_pharmacy_that_leaves_the_place_of_care_out_is_still_off_site() {
        // review finding: 2102 took a missing mdtrtarea_admvs for the insured city and pooled the prescription
        // without a registration; 2201 has always fallen back to the institution's own area
        RefData.Inst hospital = ref.hospital("L3");
        HisClient zhengzhou = client(ref.pharmacyIn(true, false, "410100")).mdtrtarea(null);
        String psn = ref.person("in_service");
        String a = ref.classA();
        JsonNode out = sell(zhengzhou, psn, now().minusMinutes(5), false, rx(a, "100.00", "1", "RX-O1", hospital.code()));
        assertThat(out.path("setlinfo").path("hifp_pay").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(out.path("setldetail").get(0).path("setl_proc_info").asString()).contains("就医地 410100", "异地就医备案");
        assertThat(poolPaid(psn, now().getYear())).isEqualByComparingTo("0.00");

        LocalDateTime at = now().minusMinutes(4);
        ref.offsite(psn, "410100", at.toLocalDate(), at.toLocalDate());   // one day, both ends inclusive
        JsonNode registered = sell(zhengzhou, psn, at, false, rx(a, "100.00", "1", "RX-O2", hospital.code()))
                .path("setlinfo");
        assertThat(registered.path("hifp_pay").decimalValue()).as("(100.00 − 50.00) × 50%").isEqualByComparingTo("25.00");
    }

    @Test
    void a_prescription_written_off_site_is_pooled_only_with_a_registration_for_that_city() {
        // POLICY.md §4: a prescription is priced as if dispensed where it was written; a visit to a Zhengzhou hospital
        // without a registration gets nothing from the fund, and neither does its prescription filled at home
        // (review finding: it was pooled as if written in Nanyang)
        RefData.Inst zhengzhou = ref.hospitalIn("L3", "410100");
        HisClient pharmacy = client(ref.pharmacy(true, false));
        String psn = ref.person("in_service");
        String a = ref.classA();
        JsonNode pre = ok(pharmacy.call("2101", sale(psn, now().minusMinutes(5), false, rx(a, "100.00", "1", "RX-Z1", zhengzhou.code()))));
        assertThat(pre.path("setlinfo").path("hifp_pay").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(pre.path("setldetail").get(0).path("setl_proc_info").asString())
                .contains("开方机构 " + zhengzhou.code() + " 位于异地", "就医地 410100");
        JsonNode out = sell(pharmacy, psn, now().minusMinutes(5), false, rx(a, "100.00", "1", "RX-Z1", zhengzhou.code()));
        assertThat(out.path("setlinfo").path("hifp_pay").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(poolPaid(psn, now().getYear())).isEqualByComparingTo("0.00");

        ref.offsite(psn, "410100", now().toLocalDate().minusDays(1), null);
        JsonNode registered = sell(pharmacy, psn, now().minusMinutes(4), false, rx(a, "100.00", "1", "RX-Z2", zhengzhou.code()))
                .path("setlinfo");
        assertThat(registered.path("act_pay_dedc").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(registered.path("hifp_pay").decimalValue()).as("L3 in service (100.00 − 50.00) × 50%").isEqualByComparingTo("25.00");
    }
}
