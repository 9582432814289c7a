package cn.gongji.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.support.HisClient;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/** One-line steps of a HIS conversation for tests: each asserts success unless it says otherwise. */
final class HisSteps {

    private static final AtomicInteger SN = new AtomicInteger();

    record Line(String code, String pric, String cnt) {
        String sumamt() {
            return new BigDecimal(pric).multiply(new BigDecimal(cnt)).setScale(2, RoundingMode.HALF_UP).toPlainString();
        }
    }

    static Line line(String code, String pric, String cnt) {
        return new Line(code, pric, cnt);
    }

    private HisSteps() {}

    static LocalDateTime now() {
        return LocalDateTime.now(HisClient.ZONE).withNano(0);
    }

    static JsonNode ok(JsonNode r) {
        assertThat(r.path("infcode").asInt()).as("infcode of %s", r).isZero();
        return r.path("output");
    }

    static JsonNode refused(JsonNode r) {
        assertThat(r.path("infcode").isNumber()).as("infcode is a number: %s", r).isTrue();
        assertThat(r.path("infcode").asInt()).as("infcode of %s", r).isEqualTo(-2);
        assertThat(r.path("err_msg").asString()).as("a Chinese message").containsPattern("[\\u4e00-\\u9fa5]");
        return r;
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static Map<String, Object> data(Object... kv) {
        return map("data", map(kv));
    }

    static JsonNode registerRaw(HisClient his, String psnNo, LocalDateTime begntime) {
        return his.call("2201", data("psn_no", psnNo, "insutype", "310", "begntime", begntime.format(HisClient.DATE_TIME),
                "mdtrt_cert_type", "02", "mdtrt_cert_no", "x", "ipt_otp_no", "OP" + SN.incrementAndGet(), "atddr_no", "D01",
                "dr_name", "王医生", "dept_code", "A03", "dept_name", "内科", "caty", "A03"));
    }

    static String register(HisClient his, String psnNo, LocalDateTime begntime) {
        return ok(registerRaw(his, psnNo, begntime)).path("data").path("mdtrt_id").asString();
    }

    static Map<String, Object> feedetail(String mdtrtId, String psnNo, Line... lines) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Line l : lines) {
            rows.add(map("feedetl_sn", "F" + SN.incrementAndGet(), "mdtrt_id", mdtrtId, "psn_no", psnNo, "chrg_bchno", "B1",
                    "rxno", "", "rx_circ_flag", "0", "fee_ocur_time", now().format(HisClient.DATE_TIME),
                    "med_list_codg", l.code(), "medins_list_codg", "H-" + l.code(), "det_item_fee_sumamt",
                    new BigDecimal(l.sumamt()), "cnt", new BigDecimal(l.cnt()), "pric", new BigDecimal(l.pric()),
                    "bilg_dept_codg", "A03", "bilg_dept_name", "内科", "bilg_dr_codg", "D01", "bilg_dr_name", "王医生",
                    "hosp_appr_flag", "1"));
        }
        return map("feedetail", rows);
    }

    static JsonNode upload(HisClient his, String mdtrtId, String psnNo, Line... lines) {
        return ok(his.call("2204", feedetail(mdtrtId, psnNo, lines)));
    }

    static Map<String, Object> settleInput(String psnNo, String mdtrtId, String medfee, boolean acct) {
        return data("psn_no", psnNo, "mdtrt_cert_type", "02", "mdtrt_cert_no", "x", "med_type", "11",
                "medfee_sumamt", new BigDecimal(medfee), "psn_setlway", "01", "mdtrt_id", mdtrtId, "chrg_bchno", "0000",
                "acct_used_flag", acct ? "1" : "0", "insutype", "310");
    }

    static JsonNode preSettle(HisClient his, String psnNo, String mdtrtId, String medfee, boolean acct) {
        return ok(his.call("2206", settleInput(psnNo, mdtrtId, medfee, acct)));
    }

    static JsonNode settle(HisClient his, String psnNo, String mdtrtId, String medfee, boolean acct) {
        return ok(his.call("2207", settleInput(psnNo, mdtrtId, medfee, acct)));
    }

    static JsonNode cancel(HisClient his, String psnNo, String mdtrtId, String setlId) {
        return ok(his.call("2208", data("setl_id", setlId, "mdtrt_id", mdtrtId, "psn_no", psnNo)));
    }

    /** Register, upload, settle: the setlinfo. */
    static JsonNode visit(HisClient his, String psnNo, LocalDateTime begntime, boolean acct, Line... lines) {
        String mdtrtId = register(his, psnNo, begntime);
        upload(his, mdtrtId, psnNo, lines);
        BigDecimal total = BigDecimal.ZERO;
        for (Line l : lines) {
            total = total.add(new BigDecimal(l.sumamt()));
        }
        return settle(his, psnNo, mdtrtId, total.toPlainString(), acct).path("setlinfo");
    }

    /** The amount fields of a setlinfo as plain strings, for one-line comparisons. */
    static String amounts(JsonNode setlinfo) {
        StringBuilder sb = new StringBuilder();
        for (String f : new String[] {"medfee_sumamt", "fulamt_ownpay_amt", "overlmt_selfpay", "preselfpay_amt",
                "inscp_scp_amt", "act_pay_dedc", "hifp_pay", "pool_prop_selfpay", "fund_pay_sumamt", "psn_part_amt",
                "acct_pay", "acct_mulaid_pay", "psn_cash_pay", "hosp_part_amt", "balc"}) {
            sb.append(f).append('=').append(setlinfo.path(f).decimalValue().toPlainString()).append(' ');
        }
        return sb.toString().trim();
    }
}
