package cn.gongji.settlement;

import static cn.gongji.settlement.HisSteps.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.support.HisClient;
import cn.gongji.support.RefData;
import cn.gongji.support.ServiceIT;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POLICY.md worked examples, end to end over the HIS protocol. */
@ServiceIT
class SettlementFlowIT extends HisTestBase {

    @Test
    void level_three_two_hundred_class_a_pays_seventy_five_through_the_whole_conversation() {
        RefData.Inst inst = ref.hospital("L3");
        HisClient his = client(inst);
        String psn = ref.person("in_service");
        ref.credit(psn, "100.00");
        String a = ref.classA();

        JsonNode info = ok(his.call("1101", data("mdtrt_cert_type", "01", "mdtrt_cert_no", "EV" + psn.substring(4).replaceFirst("^0+", ""),
                "card_sn", "", "psn_cert_type", "01", "certno", "", "psn_name", "")));
        assertThat(info.path("baseinfo").path("psn_no").asString()).isEqualTo(psn);
        assertThat(info.path("insuinfo").get(0).path("psn_type").asString()).isEqualTo("1101");
        assertThat(info.path("insuinfo").get(0).path("balc").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(info.path("insuinfo").get(0).path("insutype").asString()).isEqualTo("310");

        String mdtrtId = register(his, psn, now().minusMinutes(10));
        assertThat(mdtrtId).startsWith("M").hasSize(23);
        JsonNode up = upload(his, mdtrtId, psn, line(a, "20.00", "10"));
        JsonNode row = up.path("result").get(0);
        assertThat(row.path("inscp_scp_amt").decimalValue()).isEqualByComparingTo("200.00");
        assertThat(row.path("chrgitm_lv").asString()).isEqualTo("01");

        JsonNode pre = preSettle(his, psn, mdtrtId, "200.00", true).path("setlinfo");
        assertThat(pre.path("setl_id").isNull()).isTrue();
        String expected = "medfee_sumamt=200.00 fulamt_ownpay_amt=0.00 overlmt_selfpay=0.00 preselfpay_amt=0.00 "
                + "inscp_scp_amt=200.00 act_pay_dedc=50.00 hifp_pay=75.00 pool_prop_selfpay=0.5000 fund_pay_sumamt=75.00 "
                + "psn_part_amt=125.00 acct_pay=100.00 acct_mulaid_pay=0.00 psn_cash_pay=25.00 hosp_part_amt=0.00 balc=0.00";
        assertThat(amounts(pre)).isEqualTo(expected);
        assertThat(balance(psn)).as("pre-settlement changes nothing").isEqualByComparingTo("100.00");
        assertThat(poolPaid(psn, now().getYear())).isEqualByComparingTo("0");

        JsonNode out = settle(his, psn, mdtrtId, "200.00", true);
        JsonNode s = out.path("setlinfo");
        assertThat(amounts(s)).isEqualTo(expected);
        assertThat(s.path("setl_id").asString()).startsWith("S");
        assertThat(s.path("psn_type").asString()).isEqualTo("1101");
        assertThat(s.path("clr_type").asString()).isEqualTo("11");
        assertThat(s.path("clr_way").asString()).isEqualTo("1");
        assertThat(s.path("clr_optins").asString()).isEqualTo("411300");
        assertThat(s.path("medins_setl_id").asString()).hasSize(30);
        JsonNode d0 = out.path("setldetail").get(0);
        assertThat(d0.path("fund_pay_type").asString()).isEqualTo("310100");
        assertThat(d0.path("fund_payamt").decimalValue()).isEqualByComparingTo("75.00");
        assertThat(d0.path("crt_payb_lmt_amt").decimalValue()).isEqualByComparingTo("1500.00");
        assertThat(d0.path("setl_proc_info").asString()).contains("NY-2022-07", "50.00", "75.00", "1425.00", "三级");
        JsonNode d1 = out.path("setldetail").get(1);
        assertThat(d1.path("fund_pay_type").asString()).isEqualTo("310200");
        assertThat(d1.path("fund_payamt").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(balance(psn)).isEqualByComparingTo("0.00");
        assertThat(poolPaid(psn, now().getYear())).isEqualByComparingTo("75.00");

        String setlId = s.path("setl_id").asString();
        JsonNode rev = cancel(his, psn, mdtrtId, setlId).path("setlinfo");
        assertThat(amounts(rev)).isEqualTo("medfee_sumamt=-200.00 fulamt_ownpay_amt=0.00 overlmt_selfpay=0.00 "
                + "preselfpay_amt=0.00 inscp_scp_amt=-200.00 act_pay_dedc=-50.00 hifp_pay=-75.00 pool_prop_selfpay=0.5000 "
                + "fund_pay_sumamt=-75.00 psn_part_amt=-125.00 acct_pay=-100.00 acct_mulaid_pay=0.00 psn_cash_pay=-25.00 "
                + "hosp_part_amt=0.00 balc=100.00");
        assertThat(balance(psn)).isEqualByComparingTo("100.00");
        assertThat(poolPaid(psn, now().getYear())).isEqualByComparingTo("0.00");

        JsonNode again = settle(his, psn, mdtrtId, "200.00", true).path("setlinfo");
        assertThat(amounts(again)).as("re-settling after a cancel prices afresh, the same").isEqualTo(expected);
        assertThat(again.path("setl_id").asString()).isNotEqualTo(setlId);
    }

    @Test
    void level_two_episode_charges_the_deductible_once_within_twenty_four_hours_of_its_first_visit() {
        HisClient his = client(ref.hospital("L2"));
        String psn = ref.person("in_service");
        String a = ref.classA();
        LocalDateTime now = now();
        JsonNode first = visit(his, psn, now.minusHours(30), false, line(a, "20.00", "1"));
        assertThat(first.path("act_pay_dedc").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(first.path("hifp_pay").decimalValue()).isEqualByComparingTo("0.00");
        JsonNode second = visit(his, psn, now.minusHours(27), false, line(a, "100.00", "1"));
        assertThat(second.path("act_pay_dedc").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(second.path("hifp_pay").decimalValue()).isEqualByComparingTo("49.50");
        JsonNode third = visit(his, psn, now.minusHours(5), false, line(a, "100.00", "1"));
        assertThat(third.path("act_pay_dedc").decimalValue()).as("25 h after the first visit: a new episode").isEqualByComparingTo("30.00");
        assertThat(third.path("hifp_pay").decimalValue()).isEqualByComparingTo("38.50");
    }

    @Test
    void cancelling_a_visit_of_an_episode_gives_its_deductible_back_to_the_episode() {
        HisClient his = client(ref.hospital("L2"));
        String psn = ref.person("in_service");
        String a = ref.classA();
        LocalDateTime now = now();
        JsonNode first = visit(his, psn, now.minusHours(3), false, line(a, "20.00", "1"));
        cancel(his, psn, first.path("mdtrt_id").asString(), first.path("setl_id").asString());
        JsonNode second = visit(his, psn, now.minusHours(2), false, line(a, "100.00", "1"));
        assertThat(second.path("act_pay_dedc").decimalValue()).isEqualByComparingTo("30.00");
        assertThat(second.path("hifp_pay").decimalValue()).isEqualByComparingTo("38.50");
    }

    @Test
    void an_episode_whose_first_visit_was_cancelled_runs_from_its_first_visit_still_settled() {
        // POLICY.md §3 step 2: the 24 hours run from the episode's first visit; a cancelled one is none
        HisClient his = client(ref.hospital("L2"));
        String psn = ref.person("in_service");
        String a = ref.classA();
        LocalDateTime now = now();
        JsonNode first = visit(his, psn, now.minusHours(48), false, line(a, "20.00", "1"));
        JsonNode second = visit(his, psn, now.minusHours(25), false, line(a, "100.00", "1"));
        assertThat(second.path("act_pay_dedc").decimalValue()).isEqualByComparingTo("10.00");
        cancel(his, psn, first.path("mdtrt_id").asString(), first.path("setl_id").asString());
        ok(his.call("2202", data("psn_no", psn, "mdtrt_id", first.path("mdtrt_id").asString())));
        JsonNode third = visit(his, psn, now.minusHours(23), false, line(a, "100.00", "1"));
        assertThat(third.path("act_pay_dedc").decimalValue()).as("2 h after the second visit: its episode, 30.00 - 10.00")
                .isEqualByComparingTo("20.00");
        assertThat(third.path("hifp_pay").decimalValue()).isEqualByComparingTo("44.00");

        // an episode left with no visit is found no more: the next visit starts one, the one after joins it
        HisClient l3 = client(ref.hospital("L3"));
        String other = ref.person("in_service");
        JsonNode gone = visit(l3, other, now.minusHours(48), false, line(a, "200.00", "1"));
        cancel(l3, other, gone.path("mdtrt_id").asString(), gone.path("setl_id").asString());
        JsonNode b = visit(l3, other, now.minusHours(25), false, line(a, "200.00", "1"));
        assertThat(b.path("act_pay_dedc").decimalValue()).isEqualByComparingTo("50.00");
        JsonNode c = visit(l3, other, now.minusHours(23), false, line(a, "200.00", "1"));
        assertThat(c.path("act_pay_dedc").decimalValue()).as("2 h after b, 25 h after the cancelled visit")
                .isEqualByComparingTo("0.00");
        assertThat(c.path("hifp_pay").decimalValue()).isEqualByComparingTo("100.00");
    }

    @Test
    void class_b_item_is_prepaid_by_its_share_before_the_ratio() {
        HisClient his = client(ref.hospital("L1"));
        String psn = ref.person("in_service");
        JsonNode s = visit(his, psn, now().minusMinutes(5), false, line(ref.item("02", "0.10", null, true), "100.00", "1"));
        assertThat(amounts(s)).isEqualTo("medfee_sumamt=100.00 fulamt_ownpay_amt=0.00 overlmt_selfpay=0.00 "
                + "preselfpay_amt=10.00 inscp_scp_amt=90.00 act_pay_dedc=0.00 hifp_pay=54.00 pool_prop_selfpay=0.6000 "
                + "fund_pay_sumamt=54.00 psn_part_amt=46.00 acct_pay=0.00 acct_mulaid_pay=0.00 psn_cash_pay=46.00 "
                + "hosp_part_amt=0.00 balc=0.00");
    }

    @Test
    void drug_priced_above_its_payment_standard_leaves_the_excess_to_the_person() {
        HisClient his = client(ref.hospital("L1"));
        String psn = ref.person("in_service");
        String drug = ref.item("01", "0", "9.50", true);
        String mdtrtId = register(his, psn, now().minusMinutes(5));
        JsonNode row = upload(his, mdtrtId, psn, line(drug, "12.00", "10")).path("result").get(0);
        assertThat(row.path("overlmt_amt").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(row.path("pric_uplmt_amt").decimalValue()).isEqualByComparingTo("9.50");
        assertThat(row.path("inscp_scp_amt").decimalValue()).isEqualByComparingTo("95.00");
        JsonNode s = settle(his, psn, mdtrtId, "120.00", false).path("setlinfo");
        assertThat(s.path("overlmt_selfpay").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(s.path("inscp_scp_amt").decimalValue()).isEqualByComparingTo("95.00");
        assertThat(s.path("hifp_pay").decimalValue()).isEqualByComparingTo("57.00");
    }

    @Test
    void annual_limit_pays_only_what_is_left_of_fifteen_hundred() {
        HisClient his = client(ref.hospital("L1"));
        String psn = ref.person("in_service");
        String a = ref.classA();
        JsonNode big = visit(his, psn, now().minusHours(2), false, line(a, "2466.67", "1"));
        assertThat(big.path("hifp_pay").decimalValue()).isEqualByComparingTo("1480.00");
        String mdtrtId = register(his, psn, now().minusHours(1));
        upload(his, mdtrtId, psn, line(a, "100.00", "1"));
        JsonNode out = settle(his, psn, mdtrtId, "100.00", false);
        assertThat(out.path("setlinfo").path("hifp_pay").decimalValue()).as("raw 60.00, 20.00 left").isEqualByComparingTo("20.00");
        assertThat(out.path("setlinfo").path("psn_part_amt").decimalValue()).isEqualByComparingTo("80.00");
        assertThat(out.path("setldetail").get(0).path("crt_payb_lmt_amt").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(out.path("setldetail").get(0).path("setl_proc_info").asString()).contains("达到年度限额");
        JsonNode after = visit(his, psn, now().minusMinutes(30), false, line(a, "50.00", "1"));
        assertThat(after.path("hifp_pay").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(poolPaid(psn, now().getYear())).isEqualByComparingTo("1500.00");
        JsonNode cum = ok(his.call("5206", data("psn_no", psn, "cum_ym", "")));
        assertThat(cum.path("cuminfo").get(0).path("cum").decimalValue()).isEqualByComparingTo("1500.00");
        assertThat(cum.path("cuminfo").get(1).path("cum").decimalValue()).isEqualByComparingTo("0.00");
    }

    @Test
    void retired_person_at_level_one_gets_seventy_percent() {
        HisClient his = client(ref.hospital("L1"));
        String psn = ref.person("retired");
        JsonNode s = visit(his, psn, now().minusMinutes(5), false, line(ref.classA(), "100.00", "1"));
        assertThat(s.path("hifp_pay").decimalValue()).isEqualByComparingTo("70.00");
        assertThat(s.path("pool_prop_selfpay").decimalValue()).isEqualByComparingTo("0.7000");
        assertThat(s.path("psn_type").asString()).isEqualTo("1201");
    }

    @Test
    void family_accounts_pay_after_the_patients_own_in_the_order_the_bindings_were_made() {
        HisClient his = client(ref.hospital("L3"));
        String patient = ref.person("in_service");
        String first = ref.person("in_service");
        String second = ref.person("retired");
        ref.credit(patient, "10.00");
        ref.credit(first, "20.00");
        ref.credit(second, "500.00");
        ref.bind(first, patient, "child");
        ref.bind(second, patient, "child");
        String mdtrtId = register(his, patient, now().minusMinutes(5));
        upload(his, mdtrtId, patient, line(ref.classA(), "200.00", "1"));
        JsonNode out = settle(his, patient, mdtrtId, "200.00", true);
        JsonNode s = out.path("setlinfo");
        assertThat(amounts(s)).isEqualTo("medfee_sumamt=200.00 fulamt_ownpay_amt=0.00 overlmt_selfpay=0.00 "
                + "preselfpay_amt=0.00 inscp_scp_amt=200.00 act_pay_dedc=50.00 hifp_pay=75.00 pool_prop_selfpay=0.5000 "
                + "fund_pay_sumamt=75.00 psn_part_amt=125.00 acct_pay=125.00 acct_mulaid_pay=115.00 psn_cash_pay=0.00 "
                + "hosp_part_amt=0.00 balc=0.00");
        JsonNode acct = out.path("setldetail").get(1);
        assertThat(acct.path("fund_pay_type").asString()).isEqualTo("310200");
        assertThat(acct.path("fund_payamt").decimalValue()).isEqualByComparingTo("125.00");
        assertThat(acct.path("crt_payb_lmt_amt").decimalValue())
                .as("what the accounts could pay: own 10.00 before + 115.00 the holders paid, never a holder's whole balance")
                .isEqualByComparingTo("125.00");
        assertThat(balance(patient)).isEqualByComparingTo("0.00");
        assertThat(balance(first)).isEqualByComparingTo("0.00");
        assertThat(balance(second)).isEqualByComparingTo("405.00");
        assertThat(db.sql("select count(*) from account_entry where ref = :r and kind = 'family_payment' and counterparty_psn_no = :p")
                .param("r", s.path("setl_id").asString()).param("p", patient).query(Long.class).single()).isEqualTo(2);

        JsonNode rev = cancel(his, patient, s.path("mdtrt_id").asString(), s.path("setl_id").asString());
        assertThat(rev.path("setldetail").get(1).path("crt_payb_lmt_amt").decimalValue())
                .as("a reversal's account row: the own balance before its refund").isEqualByComparingTo("0.00");
        assertThat(balance(patient)).isEqualByComparingTo("10.00");
        assertThat(balance(first)).isEqualByComparingTo("20.00");
        assertThat(balance(second)).isEqualByComparingTo("500.00");
    }

    @Test
    void items_the_account_may_not_pay_are_paid_in_cash() {
        HisClient his = client(ref.hospital("L1"));
        String psn = ref.person("in_service");
        ref.credit(psn, "500.00");
        String wellness = ref.item("03", "0", null, false);
        JsonNode s = visit(his, psn, now().minusMinutes(5), true, line(wellness, "30.00", "1"), line(ref.classA(), "100.00", "1"));
        assertThat(s.path("hifp_pay").decimalValue()).isEqualByComparingTo("60.00");
        assertThat(s.path("psn_part_amt").decimalValue()).isEqualByComparingTo("70.00");
        assertThat(s.path("psn_cash_pay").decimalValue()).isEqualByComparingTo("30.00");
        assertThat(s.path("acct_pay").decimalValue()).isEqualByComparingTo("40.00");
        assertThat(s.path("balc").decimalValue()).isEqualByComparingTo("460.00");
    }

    @Test
    void unknown_item_prices_as_full_self_pay_outside_the_catalog() {
        HisClient his = client(ref.hospital("L1"));
        String psn = ref.person("in_service");
        String mdtrtId = register(his, psn, now().minusMinutes(5));
        JsonNode row = upload(his, mdtrtId, psn, line("NOT-IN-CATALOG", "33.33", "3")).path("result").get(0);
        assertThat(row.path("fulamt_ownpay_amt").decimalValue()).isEqualByComparingTo("99.99");
        assertThat(row.path("chrgitm_lv").asString()).isEqualTo("03");
        assertThat(row.path("memo").asString()).isEqualTo("目录外项目");
        JsonNode s = settle(his, psn, mdtrtId, "99.99", false).path("setlinfo");
        assertThat(s.path("hifp_pay").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(s.path("psn_cash_pay").decimalValue()).isEqualByComparingTo("99.99");
    }

    @Test
    void off_site_care_needs_a_registration_except_in_an_emergency() {
        RefData.Inst inst = ref.hospitalIn("L1", "410100");
        String psn = ref.person("in_service");
        String a = ref.classA();
        HisClient away = client(inst).mdtrtarea("410100");
        JsonNode unregistered = visit(away, psn, now().minusMinutes(5), false, line(a, "100.00", "1"));
        assertThat(unregistered.path("hifp_pay").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(unregistered.path("psn_part_amt").decimalValue()).isEqualByComparingTo("100.00");

        String mdtrtId = register(away, psn, now().minusMinutes(4));
        upload(away, mdtrtId, psn, line(a, "100.00", "1"));
        var input = settleInput(psn, mdtrtId, "100.00", false);
        @SuppressWarnings("unchecked") var d = (java.util.Map<String, Object>) input.get("data");
        d.put("med_type", "13");
        JsonNode emergency = ok(away.call("2207", input));
        assertThat(emergency.path("setlinfo").path("hifp_pay").decimalValue()).as("emergency").isEqualByComparingTo("60.00");
        // the trace says why the fund paid off-site care without a registration (review finding: it did not)
        assertThat(emergency.path("setldetail").get(0).path("setl_proc_info").asString())
                .contains("异地急诊（就医地 410100，参保地 411300）：急诊（med_type 13）无需异地就医备案");

        ref.offsite(psn, "410100", now().toLocalDate().minusDays(1), null);
        String registeredVisit = register(away, psn, now().minusMinutes(3));
        upload(away, registeredVisit, psn, line(a, "100.00", "1"));
        JsonNode registered = settle(away, psn, registeredVisit, "100.00", false);
        assertThat(registered.path("setlinfo").path("hifp_pay").decimalValue()).isEqualByComparingTo("60.00");
        assertThat(registered.path("setldetail").get(0).path("setl_proc_info").asString())
                .contains("异地就医（就医地 410100，参保地 411300）：异地就医备案覆盖就医地和就诊日期");
    }

    @Test
    void a_visit_registered_after_a_later_one_was_settled_shares_its_episode_and_deductible() {
        // POLICY.md §3 step 2 (24小时内同一医院多次就诊的只记一次起付标准), visits settled out of order:
        // L2 deductible 30.00 in all, not 20.00 + 20.00 + 10.00
        HisClient his = client(ref.hospital("L2"));
        String psn = ref.person("in_service");
        String a = ref.classA();
        JsonNode x = visit(his, psn, now().minusHours(1), false, line(a, "20.00", "1"));
        assertThat(x.path("act_pay_dedc").decimalValue()).isEqualByComparingTo("20.00");
        JsonNode y = visit(his, psn, now().minusHours(2), false, line(a, "20.00", "1"));
        assertThat(y.path("act_pay_dedc").decimalValue()).as("registered late: the rest of the same deductible")
                .isEqualByComparingTo("10.00");
        JsonNode z = visit(his, psn, now().minusMinutes(10), false, line(a, "100.00", "1"));
        assertThat(z.path("act_pay_dedc").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(db.sql("select count(*) from episode where psn_no = :p").param("p", psn).query(Long.class).single())
                .isEqualTo(1L);

        // cancelling the late visit gives its part of the deductible back to that episode
        cancel(his, psn, y.path("mdtrt_id").asString(), y.path("setl_id").asString());
        assertThat(db.sql("select deductible_met from episode where psn_no = :p").param("p", psn)
                .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("20.00");
    }

    @Test
    void a_social_security_card_with_its_card_sn_identifies_the_person_and_a_wrong_card_sn_is_refused() {
        // mdtrt_cert_type 03 (PROTOCOL.md §3): RefData's card number is "K" + the person's sequence, card_sn "SN1"
        HisClient his = client(ref.hospital("L1"));
        String psn = ref.person("retired");
        String card = "K" + psn.substring(4).replaceFirst("^0+", "");
        JsonNode info = ok(his.call("1101", data("mdtrt_cert_type", "03", "mdtrt_cert_no", card, "card_sn", "SN1",
                "psn_cert_type", "01", "certno", "", "psn_name", "")));
        assertThat(info.path("baseinfo").path("psn_no").asString()).isEqualTo(psn);
        assertThat(info.path("insuinfo").get(0).path("psn_type").asString()).isEqualTo("1201");
        assertThat(refused(his.call("1101", data("mdtrt_cert_type", "03", "mdtrt_cert_no", card, "card_sn", "SN2",
                "psn_cert_type", "01", "certno", "", "psn_name", ""))).path("err_msg").asString()).contains("card_sn");
    }

    @Test
    void care_is_off_site_when_either_the_envelope_or_the_institutions_own_area_lies_in_another_city() {
        // review finding: the place of care came from the envelope alone, so a Zhengzhou hospital naming Nanyang
        // (the insured city) in mdtrtarea_admvs was pooled without an off-site registration
        String psn = ref.person("in_service");
        String a = ref.classA();
        HisClient zhengzhou = client(ref.hospitalIn("L1", "410100"));
        JsonNode claimsHome = visit(zhengzhou.mdtrtarea("411302"), psn, now().minusMinutes(6), false, line(a, "100.00", "1"));
        assertThat(claimsHome.path("hifp_pay").decimalValue()).as("Zhengzhou naming Nanyang").isEqualByComparingTo("0.00");
        JsonNode silent = visit(zhengzhou.mdtrtarea(null), psn, now().minusMinutes(5), false, line(a, "100.00", "1"));
        assertThat(silent.path("hifp_pay").decimalValue()).as("no area: the institution's own").isEqualByComparingTo("0.00");
        // a Nanyang hospital naming the other city it treats in stays off-site, as before
        JsonNode namesAway = visit(client(ref.hospital("L1")).mdtrtarea("410100"), psn, now().minusMinutes(4), false,
                line(a, "100.00", "1"));
        assertThat(namesAway.path("hifp_pay").decimalValue()).as("Nanyang naming Zhengzhou").isEqualByComparingTo("0.00");

        // with a registration for Zhengzhou, care there is pooled however the envelope names the place
        ref.offsite(psn, "410100", now().toLocalDate().minusDays(1), null);
        JsonNode registered = visit(zhengzhou.mdtrtarea("411302"), psn, now().minusMinutes(3), false, line(a, "100.00", "1"));
        assertThat(registered.path("hifp_pay").decimalValue()).isEqualByComparingTo("60.00");
    }

    @Test
    void another_district_of_the_insured_city_is_not_off_site_and_a_registration_covers_its_whole_city() {
        // the pooling region is the city (first four digits of admdvs): RefData's persons are insured in 411300
        RefData.Inst inst = ref.hospital("L1");
        String psn = ref.person("in_service");
        String a = ref.classA();
        HisClient his = client(inst);
        JsonNode sameCity = visit(his.mdtrtarea("411303"), psn, now().minusMinutes(5), false, line(a, "100.00", "1"));
        assertThat(sameCity.path("hifp_pay").decimalValue()).as("another Nanyang district").isEqualByComparingTo("60.00");

        ref.offsite(psn, "410100", now().toLocalDate().minusDays(1), null);
        HisClient zhengzhou = client(ref.hospitalIn("L1", "410105")).mdtrtarea("410105");
        JsonNode district = visit(zhengzhou, psn, now().minusMinutes(4), false, line(a, "100.00", "1"));
        assertThat(district.path("hifp_pay").decimalValue()).as("a district of the registered city").isEqualByComparingTo("60.00");
        HisClient kaifeng = client(ref.hospitalIn("L1", "410200")).mdtrtarea("410200");
        JsonNode elsewhere = visit(kaifeng, psn, now().minusMinutes(3), false, line(a, "100.00", "1"));
        assertThat(elsewhere.path("hifp_pay").decimalValue()).as("another city").isEqualByComparingTo("0.00");
    }

    @Test
    void a_settlement_the_pool_did_not_cover_is_cancelled_and_reversed_like_any_other() {
        // off-site care without a registration: no episode (POLICY.md §4); POLICY.md §3 still wants the cancel to
        // restore the personal-account money (it answered -1 while a missing episode was read as episode 0)
        RefData.Inst inst = ref.hospitalIn("L2", "410100");
        String psn = ref.person("in_service");
        ref.credit(psn, "150.00");
        String a = ref.classA();
        HisClient away = client(inst).mdtrtarea("410100");
        JsonNode first = visit(away, psn, now().minusMinutes(6), true, line(a, "100.00", "1"));
        assertThat(first.path("hifp_pay").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(first.path("acct_pay").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(balance(psn)).isEqualByComparingTo("50.00");

        JsonNode rev = cancel(away, psn, first.path("mdtrt_id").asString(), first.path("setl_id").asString()).path("setlinfo");
        assertThat(rev.path("acct_pay").decimalValue()).isEqualByComparingTo("-100.00");
        assertThat(rev.path("hifp_pay").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(balance(psn)).isEqualByComparingTo("150.00");

        String mdtrtId = register(away, psn, now().minusMinutes(5));
        upload(away, mdtrtId, psn, line(a, "40.00", "1"));
        String msgid = away.nextMsgid();
        ok(away.call("2207", msgid, settleInput(psn, mdtrtId, "40.00", true)));
        assertThat(balance(psn)).isEqualByComparingTo("110.00");
        ok(away.call("2601", data("psn_no", psn, "omsgid", msgid, "oinfno", "2207")));
        assertThat(balance(psn)).isEqualByComparingTo("150.00");
        assertThat(poolPaid(psn, now().getYear())).isEqualByComparingTo("0.00");
        assertThat(db.sql("select count(*) from settlement where psn_no = :p and episode_id is not null").param("p", psn)
                .query(Long.class).single()).isZero();
    }

    @Test
    void internet_hospital_is_priced_as_its_physical_institution_and_shares_its_episode() {
        RefData.Inst physical = ref.hospital("L3");
        RefData.Inst online = ref.internetHospitalOf(physical.code());
        String psn = ref.person("in_service");
        String a = ref.classA();
        JsonNode atHospital = visit(client(physical), psn, now().minusHours(2), false, line(a, "40.00", "1"));
        assertThat(atHospital.path("act_pay_dedc").decimalValue()).isEqualByComparingTo("40.00");
        JsonNode online1 = visit(client(online), psn, now().minusHours(1), false, line(a, "100.00", "1"));
        assertThat(online1.path("act_pay_dedc").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(online1.path("hifp_pay").decimalValue()).as("L3 50%").isEqualByComparingTo("45.00");
    }

    @Test
    void status_in_force_follows_the_month_after_processing() {
        HisClient his = client(ref.hospital("L1"));
        String psn = ref.person("in_service");
        ref.statusChange(psn, "retired", now().toLocalDate().withDayOfMonth(1).minusMonths(1));
        JsonNode s = visit(his, psn, now().minusMinutes(5), false, line(ref.classA(), "100.00", "1"));
        assertThat(s.path("psn_type").asString()).isEqualTo("1201");
        assertThat(s.path("hifp_pay").decimalValue()).isEqualByComparingTo(new BigDecimal("70.00"));
    }
}
