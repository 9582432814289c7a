package cn.gongji.console;

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

/** Settles a visit over the HIS protocol (2201, 2204, 2207), as a hospital would, for the console tests. */
final class Protocol {

    private static final AtomicInteger SN = new AtomicInteger();

    private Protocol() {}

    /** One visit with lines {code, price, quantity}; answers the setlinfo of the settlement. */
    static JsonNode settle(HisClient his, String psnNo, boolean useAccount, String[]... lines) {
        LocalDateTime begn = LocalDateTime.now(HisClient.ZONE).withNano(0).minusMinutes(20);
        JsonNode reg = ok(his.call("2201", Map.of("data", map("psn_no", psnNo, "insutype", "310",
                "begntime", begn.format(HisClient.DATE_TIME), "mdtrt_cert_type", "02", "mdtrt_cert_no", "x",
                "ipt_otp_no", "OP" + SN.incrementAndGet(), "atddr_no", "D01", "dr_name", "王医生", "dept_code", "A03",
                "dept_name", "内科", "caty", "A03"))));
        String mdtrtId = reg.path("data").path("mdtrt_id").asString();
        List<Map<String, Object>> rows = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (String[] l : lines) {
            BigDecimal sum = new BigDecimal(l[1]).multiply(new BigDecimal(l[2])).setScale(2, RoundingMode.HALF_UP);
            total = total.add(sum);
            rows.add(map("feedetl_sn", "F" + SN.incrementAndGet(), "mdtrt_id", mdtrtId, "psn_no", psnNo, "chrg_bchno", "B1",
                    "rxno", "", "rx_circ_flag", "0", "fee_ocur_time", begn.format(HisClient.DATE_TIME),
                    "med_list_codg", l[0], "medins_list_codg", "H-" + l[0], "det_item_fee_sumamt", sum,
                    "cnt", new BigDecimal(l[2]), "pric", new BigDecimal(l[1]), "bilg_dept_codg", "A03",
                    "bilg_dept_name", "内科", "bilg_dr_codg", "D01", "bilg_dr_name", "王医生", "hosp_appr_flag", "1"));
        }
        ok(his.call("2204", Map.of("feedetail", rows)));
        return ok(his.call("2207", Map.of("data", map("psn_no", psnNo, "mdtrt_cert_type", "02", "mdtrt_cert_no", "x",
                "med_type", "11", "medfee_sumamt", total, "psn_setlway", "01", "mdtrt_id", mdtrtId, "chrg_bchno", "0000",
                "acct_used_flag", useAccount ? "1" : "0", "insutype", "310")))).path("setlinfo");
    }

    static JsonNode cancel(HisClient his, String psnNo, JsonNode setlinfo) {
        return ok(his.call("2208", Map.of("data", map("setl_id", setlinfo.path("setl_id").asString(),
                "mdtrt_id", setlinfo.path("mdtrt_id").asString(), "psn_no", psnNo))));
    }

    /** The institution's own appeal against a warning (3191), signed with its credentials. */
    static JsonNode appeal(HisClient his, long warningId, String text) {
        return ok(his.call("3191", Map.of("data", map("warning_id", warningId, "appeal_text", text))));
    }

    private static JsonNode ok(JsonNode r) {
        assertThat(r.path("infcode").asInt()).as("infcode of %s", r).isZero();
        return r.path("output");
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
