package cn.gongji.settlement;

import static cn.gongji.settlement.HisSteps.map;

import cn.gongji.support.HisClient;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** One-line pharmacy sale messages (2101/2102/2103) for tests. */
final class PharmacySteps {

    private static final AtomicInteger SN = new AtomicInteger();

    private PharmacySteps() {}

    /** A drugdetail line; with a prescriber and rxno it is an external prescription line (rx_circ_flag 1). */
    record Drug(String code, String pric, String cnt, String rxno, String prescriber) {
        String sumamt() {
            return new BigDecimal(pric).multiply(new BigDecimal(cnt)).setScale(2, RoundingMode.HALF_UP).toPlainString();
        }
    }

    static Drug drug(String code, String pric, String cnt) {
        return new Drug(code, pric, cnt, null, null);
    }

    static Drug rx(String code, String pric, String cnt, String rxno, String prescriber) {
        return new Drug(code, pric, cnt, rxno, prescriber);
    }

    static String total(Drug... drugs) {
        BigDecimal t = BigDecimal.ZERO;
        for (Drug d : drugs) {
            t = t.add(new BigDecimal(d.sumamt()));
        }
        return t.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    static Map<String, Object> sale(String psnNo, LocalDateTime begntime, boolean acct, Drug... drugs) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Drug d : drugs) {
            Map<String, Object> l = map("feedetl_sn", "D" + SN.incrementAndGet(), "psn_no", psnNo, "chrg_bchno", "B1",
                    "rxno", d.rxno() == null ? "" : d.rxno(), "rx_circ_flag", d.rxno() == null ? "0" : "1",
                    "fee_ocur_time", begntime.format(HisClient.DATE_TIME), "med_list_codg", d.code(),
                    "medins_list_codg", "P-" + d.code(), "det_item_fee_sumamt", new BigDecimal(d.sumamt()),
                    "cnt", new BigDecimal(d.cnt()), "pric", new BigDecimal(d.pric()));
            if (d.prescriber() != null) {
                l.put("rx_fixmedins_code", d.prescriber());
                l.put("bilg_dr_codg", "D01");
                l.put("bilg_dr_name", "王医生");
            }
            lines.add(l);
        }
        return map("druginfo", map("psn_no", psnNo, "mdtrt_cert_type", "02", "mdtrt_cert_no", "x",
                "begntime", begntime.format(HisClient.DATE_TIME), "medfee_sumamt", new BigDecimal(total(drugs)),
                "insutype", "310", "acct_used_flag", acct ? "1" : "0", "med_type", "41"), "drugdetail", lines);
    }

    static Map<String, Object> cancel(String psnNo, String mdtrtId, String setlId) {
        return map("data", map("setl_id", setlId, "mdtrt_id", mdtrtId, "psn_no", psnNo));
    }
}
