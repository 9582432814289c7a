package cn.gongji.clearing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.support.HisClient;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/** One-line HIS steps for the clearing tests: settle a visit, cancel it, call a clearing transaction. */
final class ClearingSteps {

    private static final AtomicInteger SN = new AtomicInteger();

    private ClearingSteps() {}

    static JsonNode ok(JsonNode r) {
        assertThat(r.path("infcode").asInt()).as("infcode of %s", r).isZero();
        return r.path("output");
    }

    static String refused(JsonNode r) {
        assertThat(r.path("infcode").asInt()).as("infcode of %s", r).isEqualTo(-2);
        assertThat(r.path("err_msg").asString()).containsPattern("[\\u4e00-\\u9fa5]").contains(" / ");
        return r.path("err_msg").asString();
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Register, record the diagnosis, upload one class-A line of {@code amount}, settle: the setlinfo. */
    static JsonNode visit(HisClient his, String psn, String item, String amount, String dise) {
        String begn = LocalDateTime.now(HisClient.ZONE).withNano(0).minusMinutes(5).format(HisClient.DATE_TIME);
        String mdtrt = ok(his.call("2201", map("data", map("psn_no", psn, "insutype", "310", "begntime", begn,
                "mdtrt_cert_type", "02", "mdtrt_cert_no", "x", "ipt_otp_no", "OP" + SN.incrementAndGet(), "atddr_no", "D1",
                "dr_name", "王医生", "dept_code", "A03", "dept_name", "内科", "caty", "A03"))))
                .path("data").path("mdtrt_id").asString();
        if (dise != null) {
            ok(his.call("2203", map("mdtrtinfo", map("mdtrt_id", mdtrt, "psn_no", psn, "med_type", "11", "begntime", begn,
                    "main_cond_dscr", "", "dise_codg", dise, "dise_name", "病种" + dise), "diseinfo", List.of())));
        }
        ok(his.call("2204", map("feedetail", List.of(map("feedetl_sn", "F" + SN.incrementAndGet(), "mdtrt_id", mdtrt,
                "psn_no", psn, "chrg_bchno", "B1", "rxno", "", "rx_circ_flag", "0", "fee_ocur_time", begn,
                "med_list_codg", item, "medins_list_codg", "H-" + item, "det_item_fee_sumamt", new BigDecimal(amount),
                "cnt", BigDecimal.ONE, "pric", new BigDecimal(amount), "bilg_dept_codg", "A03", "bilg_dept_name", "内科",
                "bilg_dr_codg", "D1", "bilg_dr_name", "王医生", "hosp_appr_flag", "1")))));
        return ok(his.call("2207", map("data", map("psn_no", psn, "mdtrt_cert_type", "02", "mdtrt_cert_no", "x",
                "med_type", "11", "medfee_sumamt", new BigDecimal(amount), "psn_setlway", "01", "mdtrt_id", mdtrt,
                "chrg_bchno", "0000", "acct_used_flag", "0", "insutype", "310")))).path("setlinfo");
    }

    static JsonNode cancel(HisClient his, JsonNode setlinfo) {
        return ok(his.call("2208", map("data", map("setl_id", setlinfo.path("setl_id").asString(), "mdtrt_id",
                setlinfo.path("mdtrt_id").asString(), "psn_no", setlinfo.path("psn_no").asString())))).path("setlinfo");
    }
}
