package cn.gongji.bench.sim;

import cn.gongji.bench.sim.Population.Person;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds the input nodes of each transaction (PROTOCOL.md §2) for one simulated visit. */
final class Visits {

    /** What a hospital knows after 2201 + 2204: enough to pre-settle and settle. */
    record Open(Institution inst, Person person, String mdtrtId, String chrgBchno, String begntime,
            BigDecimal medfee, BigDecimal fulamtOwnpay, BigDecimal overlmt, BigDecimal preselfpay,
            BigDecimal inscp) {}

    private final JsonMapper json;
    private final Catalog catalog;
    private final String runTag;
    private final AtomicLong serial = new AtomicLong();

    Visits(JsonMapper json, Catalog catalog) {
        this.json = json;
        this.catalog = catalog;
        this.runTag = Long.toString(System.currentTimeMillis() % 46_656_000_000L, 36);
    }

    long nextSerial() {
        return serial.incrementAndGet();
    }

    /** A begntime as the protocol writes it. */
    static String begntime(LocalDateTime t) {
        return HisClient.INF_TIME.format(t);
    }

    ObjectNode personInfo(Person p) {
        ObjectNode d = json.createObjectNode();
        ObjectNode data = d.putObject("data");
        data.put("mdtrt_cert_type", "02");
        data.put("mdtrt_cert_no", p.certno());
        data.put("card_sn", "");
        data.put("psn_cert_type", "01");
        data.put("certno", p.certno());
        data.put("psn_name", "");
        return d;
    }

    ObjectNode register(Person p, String begntime, long n) {
        ObjectNode d = json.createObjectNode();
        ObjectNode data = d.putObject("data");
        data.put("psn_no", p.psnNo());
        data.put("insutype", "310");
        data.put("begntime", begntime);
        data.put("mdtrt_cert_type", "02");
        data.put("mdtrt_cert_no", p.certno());
        data.put("ipt_otp_no", "OP" + runTag + n);
        data.put("atddr_no", "D0001");
        data.put("dr_name", "模拟医生");
        data.put("dept_code", "A03");
        data.put("dept_name", "内科");
        data.put("caty", "A03");
        return d;
    }

    /**
     * 1..n fee lines as 2204 feedetail (or pharmacy drugdetail) of distinct items ({@link Catalog#visit})
     * in ordinary quantities: 1–3 packs of a drug, one examination or treatment, 1–2 of a material;
     * det = HALF_UP(pric × cnt).
     */
    ArrayNode lines(Random r, int count, String mdtrtId, Person p, String chrgBchno, String begntime) {
        ArrayNode arr = json.createArrayNode();
        int i = 0;
        for (Catalog.Item item : catalog.visit(r, count)) {
            i++;
            BigDecimal cnt = BigDecimal.valueOf(switch (item.listType()) {
                case "201" -> 1;
                case "301" -> 1 + r.nextInt(2);
                default -> 1 + r.nextInt(3);
            });
            ObjectNode l = arr.addObject();
            l.put("feedetl_sn", chrgBchno + String.format("%02d", i));
            if (mdtrtId != null) {
                l.put("mdtrt_id", mdtrtId);
            }
            l.put("psn_no", p.psnNo());
            l.put("chrg_bchno", chrgBchno);
            l.put("rxno", "");
            l.put("rx_circ_flag", "0");
            l.put("fee_ocur_time", begntime);
            l.put("med_list_codg", item.code());
            l.put("medins_list_codg", "H-" + item.code());
            l.put("det_item_fee_sumamt", item.price().multiply(cnt).setScale(2, RoundingMode.HALF_UP));
            l.put("cnt", cnt.stripTrailingZeros());
            l.put("pric", item.price());
            l.put("bilg_dept_codg", "A03");
            l.put("bilg_dept_name", "内科");
            l.put("bilg_dr_codg", "D0001");
            l.put("bilg_dr_name", "模拟医生");
            l.put("hosp_appr_flag", "1");
        }
        return arr;
    }

    ObjectNode feeUpload(ArrayNode lines) {
        ObjectNode d = json.createObjectNode();
        d.set("feedetail", lines);
        return d;
    }

    /** 2206 input, or 2207 input when the split amounts are given (PROTOCOL.md: "as 2206, plus ..."). */
    ObjectNode settle(Open v, boolean withAmounts, long n) {
        ObjectNode d = json.createObjectNode();
        ObjectNode data = d.putObject("data");
        data.put("psn_no", v.person().psnNo());
        data.put("mdtrt_cert_type", "02");
        data.put("mdtrt_cert_no", v.person().certno());
        data.put("med_type", "11");
        data.put("medfee_sumamt", v.medfee());
        data.put("psn_setlway", "01");
        data.put("mdtrt_id", v.mdtrtId());
        data.put("chrg_bchno", v.chrgBchno());
        data.put("acct_used_flag", "0");
        data.put("insutype", "310");
        if (withAmounts) {
            data.put("fulamt_ownpay_amt", v.fulamtOwnpay());
            data.put("overlmt_selfpay", v.overlmt());
            data.put("preselfpay_amt", v.preselfpay());
            data.put("inscp_scp_amt", v.inscp());
            data.put("invono", "INV" + runTag + n);
        }
        return d;
    }

    /** 2202 input: cancel a registration that has no settlement. */
    ObjectNode cancelRegistration(String psnNo, String mdtrtId) {
        ObjectNode d = json.createObjectNode();
        ObjectNode data = d.putObject("data");
        data.put("psn_no", psnNo);
        data.put("mdtrt_id", mdtrtId);
        return d;
    }

    ObjectNode cancel(String setlId, String mdtrtId, String psnNo) {
        ObjectNode d = json.createObjectNode();
        ObjectNode data = d.putObject("data");
        data.put("setl_id", setlId);
        data.put("mdtrt_id", mdtrtId);
        data.put("psn_no", psnNo);
        return d;
    }

    /** 2101 (pre-settle) or 2102 (settle, with the split amounts of the 2101 answer). */
    ObjectNode pharmacy(Person p, String begntime, ArrayNode lines, BigDecimal medfee, JsonNode preSetl) {
        ObjectNode d = json.createObjectNode();
        ObjectNode info = d.putObject("druginfo");
        info.put("psn_no", p.psnNo());
        info.put("mdtrt_cert_type", "02");
        info.put("mdtrt_cert_no", p.certno());
        info.put("begntime", begntime);
        info.put("medfee_sumamt", medfee);
        info.put("insutype", "310");
        info.put("acct_used_flag", "0");
        info.put("med_type", "41");
        info.put("psn_setlway", "01");
        if (preSetl != null) {
            for (String f : new String[] {"fulamt_ownpay_amt", "overlmt_selfpay", "preselfpay_amt", "inscp_scp_amt"}) {
                info.put(f, Amounts.of(preSetl.path(f)));
            }
        }
        d.set("drugdetail", lines);
        return d;
    }
}
