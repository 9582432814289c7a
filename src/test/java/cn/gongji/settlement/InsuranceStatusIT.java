package cn.gongji.settlement;

import static cn.gongji.settlement.HisSteps.*;
import static cn.gongji.settlement.PharmacySteps.rx;
import static cn.gongji.settlement.PharmacySteps.sale;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.support.HisClient;
import cn.gongji.support.RefData;
import cn.gongji.support.ServiceIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Issue 4 item 6: a suspended or ended insurance gets no pooling payment; the personal account stays usable. */
@ServiceIT
class InsuranceStatusIT extends HisTestBase {

    @Test
    void a_person_whose_insurance_is_suspended_on_the_date_of_care_is_settled_without_pooling_but_with_the_account() {
        HisClient his = client(ref.hospital("L1"));
        String psn = ref.person("in_service");
        ref.credit(psn, "30.00");
        ref.pauseInsurance(psn, now().toLocalDate().minusDays(1));
        JsonNode out = settleVisit(his, psn);
        assertThat(amounts(out.path("setlinfo"))).isEqualTo("medfee_sumamt=100.00 fulamt_ownpay_amt=0.00 "
                + "overlmt_selfpay=0.00 preselfpay_amt=0.00 inscp_scp_amt=100.00 act_pay_dedc=0.00 hifp_pay=0.00 "
                + "pool_prop_selfpay=0.0000 fund_pay_sumamt=0.00 psn_part_amt=100.00 acct_pay=30.00 acct_mulaid_pay=0.00 "
                + "psn_cash_pay=70.00 hosp_part_amt=0.00 balc=0.00");
        assertThat(out.path("setldetail").get(0).path("setl_proc_info").asString()).contains("暂停参保", "统筹基金不予支付");
        assertThat(poolPaid(psn, now().getYear())).isEqualByComparingTo("0");
    }

    @Test
    void a_suspension_from_a_later_date_does_not_touch_care_before_it() {
        HisClient his = client(ref.hospital("L1"));
        String psn = ref.person("in_service");
        ref.pauseInsurance(psn, now().toLocalDate().plusDays(1));
        assertThat(settleVisit(his, psn).path("setlinfo").path("hifp_pay").decimalValue()).isEqualByComparingTo("60.00");
    }

    @Test
    void a_prescription_filled_while_the_insurance_is_suspended_is_not_pooled() {
        RefData.Inst hospital = ref.hospital("L3");
        HisClient pharmacy = client(ref.pharmacy(true, false));
        String psn = ref.person("in_service");
        ref.pauseInsurance(psn, now().toLocalDate().minusDays(3));
        JsonNode out = ok(pharmacy.call("2102", sale(psn, now().minusMinutes(5), false,
                rx(ref.classA(), "200.00", "1", "RX-S", hospital.code()))));
        assertThat(out.path("setlinfo").path("hifp_pay").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(out.path("setlinfo").path("psn_cash_pay").decimalValue()).isEqualByComparingTo("200.00");
        assertThat(out.path("setldetail").get(0).path("setl_proc_info").asString()).contains("暂停参保");
    }

    private JsonNode settleVisit(HisClient his, String psn) {
        String mdtrtId = register(his, psn, now().minusMinutes(5));
        upload(his, mdtrtId, psn, line(ref.classA(), "100.00", "1"));
        return settle(his, psn, mdtrtId, "100.00", true);
    }
}
