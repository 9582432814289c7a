package cn.gongji.settlement;

import static cn.gongji.settlement.HisSteps.*;
import static cn.gongji.settlement.PharmacySteps.drug;
import static cn.gongji.settlement.PharmacySteps.rx;
import static cn.gongji.settlement.PharmacySteps.sale;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.support.HisClient;
import cn.gongji.support.RefData;
import cn.gongji.support.ServiceIT;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Pharmacy refusals, one fill per prescription, cancel, reversal and idempotency (issue 4 items 1 and 3). */
@ServiceIT
class PharmacyRulesIT extends HisTestBase {

    RefData.Inst hospital;
    String psn;
    String a;

    @BeforeEach
    void scene() {
        hospital = ref.hospital("L3");
        psn = ref.person("in_service");
        ref.credit(psn, "100.00");
        a = ref.classA();
    }

    private String refusedWith(HisClient his, String infno, Object input) {
        long settlements = ref.count("settlement");
        long visits = ref.count("visit");
        long entries = ref.count("account_entry");
        String msg = refused(his.call(infno, input)).path("err_msg").asString();
        assertThat(ref.count("settlement")).as("a refusal changes nothing").isEqualTo(settlements);
        assertThat(ref.count("visit")).isEqualTo(visits);
        assertThat(ref.count("account_entry")).isEqualTo(entries);
        return msg;
    }

    @Test
    void an_external_prescription_at_a_pharmacy_without_the_qualification_is_refused() {
        HisClient pharmacy = client(ref.pharmacy(false, true));
        assertThat(refusedWith(pharmacy, "2102", sale(psn, now().minusMinutes(5), true, rx(a, "10.00", "1", "R1", hospital.code()))))
                .contains("未开通外配处方", "input.drugdetail[0]");
    }

    @Test
    void a_prescription_of_an_unknown_institution_or_of_a_pharmacy_is_refused() {
        HisClient pharmacy = client(ref.pharmacy(true, false));
        assertThat(refusedWith(pharmacy, "2101", sale(psn, now().minusMinutes(5), true, rx(a, "10.00", "1", "R1", "H99999999999"))))
                .contains("H99999999999", "不是登记的定点医疗机构");
        RefData.Inst other = ref.pharmacy(true, true);
        assertThat(refusedWith(pharmacy, "2102", sale(psn, now().minusMinutes(5), true, rx(a, "10.00", "1", "R1", other.code()))))
                .contains("是定点药店");
    }

    @Test
    void a_prescription_of_an_internet_hospital_whose_physical_institution_is_deactivated_is_refused() {
        // review finding: the physical institution's own prescriptions were refused, its internet hospital's pooled
        RefData.Inst physical = ref.hospital("L2");
        RefData.Inst online = ref.internetHospitalOf(physical.code());
        ref.deactivate(physical.code());
        assertThat(refusedWith(client(ref.pharmacy(true, false)), "2102",
                sale(psn, now().minusMinutes(5), false, rx(a, "10.00", "1", "R-IO", online.code()))))
                .contains(online.code(), "其实体机构 " + physical.code() + " 已停用");
    }

    @Test
    void a_dual_channel_drug_needs_a_prescription() {
        String dual = ref.dualChannelDrug();
        assertThat(refusedWith(client(ref.pharmacy(true, false)), "2102", sale(psn, now().minusMinutes(5), true, drug(dual, "10.00", "1"))))
                .contains("双通道谈判药品", "未开通双通道");
        assertThat(refusedWith(client(ref.pharmacy(false, true)), "2102", sale(psn, now().minusMinutes(5), true, drug(dual, "10.00", "1"))))
                .contains("须凭定点医疗机构处方");
        assertThat(refusedWith(client(ref.pharmacy(false, false)), "2102",
                sale(psn, now().minusMinutes(5), true, rx(dual, "10.00", "1", "R2", hospital.code()))))
                .contains("既未开通外配处方也未开通双通道");
    }

    @Test
    void prescriptions_of_two_institutions_in_one_sale_are_refused() {
        RefData.Inst second = ref.hospital("L1");
        assertThat(refusedWith(client(ref.pharmacy(true, false)), "2102", sale(psn, now().minusMinutes(5), false,
                rx(a, "10.00", "1", "R1", hospital.code()), rx(a, "10.00", "1", "R1", second.code()))))
                .contains("分单结算");
    }

    @Test
    void a_prescription_line_without_its_rxno_or_prescriber_is_refused_by_field() {
        HisClient pharmacy = client(ref.pharmacy(true, false));
        Map<String, Object> input = sale(psn, now().minusMinutes(5), false, rx(a, "10.00", "1", "R1", hospital.code()));
        @SuppressWarnings("unchecked") var line = ((List<Map<String, Object>>) input.get("drugdetail")).get(0);
        line.remove("rx_fixmedins_code");
        assertThat(refusedWith(pharmacy, "2102", input)).contains("input.drugdetail[0].rx_fixmedins_code");
    }

    @Test
    void only_pharmacies_call_the_pharmacy_transactions_and_pharmacies_cannot_register_visits() {
        assertThat(refusedWith(client(hospital), "2102", sale(psn, now().minusMinutes(5), false, drug(a, "10.00", "1"))))
                .contains("仅供定点零售药店");
        assertThat(refused(client(ref.pharmacy(true, true)).call("2201", data("psn_no", psn, "insutype", "310",
                "begntime", now().minusMinutes(5).format(HisClient.DATE_TIME)))).path("err_msg").asString())
                .contains("定点药店不能办理门诊挂号");
    }

    @Test
    void a_prescription_is_filled_once_and_its_cancel_refunds_exactly_and_frees_it() {
        HisClient pharmacy = client(ref.pharmacy(true, false));
        HisClient another = client(ref.pharmacy(true, false));
        int year = now().getYear();
        Map<String, Object> input = sale(psn, now().minusMinutes(5), true, rx(a, "20.00", "10", "RX-ONCE", hospital.code()));
        JsonNode first = ok(pharmacy.call("2102", input)).path("setlinfo");
        assertThat(first.path("hifp_pay").decimalValue()).isEqualByComparingTo("75.00");
        assertThat(balance(psn)).isEqualByComparingTo("0.00");
        String setlId = first.path("setl_id").asString();

        assertThat(refusedWith(another, "2102", sale(psn, now().minusMinutes(4), true, rx(a, "20.00", "10", "RX-ONCE",
                hospital.code())))).contains("RX-ONCE", "已于定点药店 " + pharmacy.code(), setlId);
        assertThat(refusedWith(pharmacy, "2101", input)).as("a new msgid is a new sale: refused too").contains("不能重复配药");

        JsonNode rev = ok(pharmacy.call("2103", PharmacySteps.cancel(psn, first.path("mdtrt_id").asString(), setlId)));
        assertThat(amounts(rev.path("setlinfo"))).isEqualTo("medfee_sumamt=-200.00 fulamt_ownpay_amt=0.00 "
                + "overlmt_selfpay=0.00 preselfpay_amt=0.00 inscp_scp_amt=-200.00 act_pay_dedc=-50.00 hifp_pay=-75.00 "
                + "pool_prop_selfpay=0.5000 fund_pay_sumamt=-75.00 psn_part_amt=-125.00 acct_pay=-100.00 "
                + "acct_mulaid_pay=0.00 psn_cash_pay=-25.00 hosp_part_amt=0.00 balc=100.00");
        assertThat(rev.path("detlcutinfo")).hasSize(1);
        assertThat(balance(psn)).isEqualByComparingTo("100.00");
        assertThat(poolPaid(psn, year)).isEqualByComparingTo("0.00");
        assertThat(refused(pharmacy.call("2103", PharmacySteps.cancel(psn, null, setlId))).path("err_msg").asString())
                .contains("已撤销");

        JsonNode again = ok(another.call("2102", sale(psn, now().minusMinutes(3), true, rx(a, "20.00", "10", "RX-ONCE",
                hospital.code())))).path("setlinfo");
        assertThat(again.path("act_pay_dedc").decimalValue()).as("the episode's deductible came back").isEqualByComparingTo("50.00");
        assertThat(again.path("hifp_pay").decimalValue()).isEqualByComparingTo("75.00");
        assertThat(db.sql("select count(*) from rx_fill where rxno = 'RX-ONCE' and rx_fixmedins_code = :h")
                .param("h", hospital.code()).query(Long.class).single()).as("history kept").isEqualTo(2);
    }

    @Test
    void a_retried_sale_with_the_same_msgid_answers_the_first_settlement_and_changes_nothing() {
        HisClient pharmacy = client(ref.pharmacy(true, false));
        String msgid = pharmacy.nextMsgid();
        Map<String, Object> input = sale(psn, now().minusMinutes(5), true, rx(a, "20.00", "10", "RX-IDEM", hospital.code()));
        JsonNode first = pharmacy.call("2102", msgid, input);
        ok(first);
        long settlements = ref.count("settlement");
        long entries = ref.count("account_entry");
        assertThat(pharmacy.call("2102", msgid, input)).isEqualTo(first);
        assertThat(ref.count("settlement")).isEqualTo(settlements);
        assertThat(ref.count("account_entry")).isEqualTo(entries);
        Map<String, Object> other = sale(psn, now().minusMinutes(5), true, drug(a, "1.00", "1"));
        assertThat(refused(pharmacy.call("2102", msgid, other)).path("err_msg").asString()).contains("msgid");
    }

    @Test
    void a_reversal_of_a_sale_cancels_it_and_frees_its_prescription() {
        HisClient pharmacy = client(ref.pharmacy(true, false));
        String msgid = pharmacy.nextMsgid();
        JsonNode s = ok(pharmacy.call("2102", msgid, sale(psn, now().minusMinutes(5), true,
                rx(a, "20.00", "10", "RX-REV", hospital.code())))).path("setlinfo");
        ok(pharmacy.call("2601", data("psn_no", psn, "omsgid", msgid, "oinfno", "2102")));
        assertThat(balance(psn)).isEqualByComparingTo("100.00");
        assertThat(poolPaid(psn, now().getYear())).isEqualByComparingTo("0.00");
        JsonNode q = ok(pharmacy.call("5203", data("psn_no", psn, "setl_id", s.path("setl_id").asString())));
        assertThat(q.path("setlinfo").path("setl_id").asString()).isEqualTo(s.path("setl_id").asString());
        ok(pharmacy.call("2102", sale(psn, now().minusMinutes(4), false, rx(a, "20.00", "10", "RX-REV", hospital.code()))));
    }

    @Test
    void the_sums_sent_must_match_the_priced_lines() {
        HisClient pharmacy = client(ref.pharmacy(false, false));
        Map<String, Object> input = sale(psn, now().minusMinutes(5), false, drug(a, "10.00", "1"));
        @SuppressWarnings("unchecked") var info = (Map<String, Object>) input.get("druginfo");
        info.put("medfee_sumamt", new java.math.BigDecimal("11.00"));
        assertThat(refusedWith(pharmacy, "2102", input)).contains("medfee_sumamt", "10.00");
    }
}
