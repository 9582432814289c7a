package cn.gongji.settlement.his;

import cn.gongji.settlement.FeeLineRow;
import cn.gongji.settlement.FeeService;
import cn.gongji.settlement.LineInput;
import cn.gongji.settlement.ReferenceData;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** 2204 fee detail upload, 2205 fee detail cancel. */
@Component
public class FeeTx {

    private final FeeService fees;
    private final ReferenceData ref;
    private final ObjectMapper json;

    public FeeTx(FeeService fees, ReferenceData ref, ObjectMapper json) {
        this.fees = fees;
        this.ref = ref;
        this.json = json;
    }

    public JsonNode upload(HisCall call) {
        List<LineInput> lines = lines(call);
        if (!call.answer().enabled()) {
            return output(fees.upload(call.inst(), call.msgid(), lines, call::checkInsuredArea, null));
        }
        // the answer is made of the lines as they will be stored, and stored by the statement that stores them
        ObjectNode[] out = new ObjectNode[1];
        fees.upload(call.inst(), call.msgid(), lines, call::checkInsuredArea,
                unsaved -> call.answer().render(out[0] = output(unsaved)));
        return out[0];
    }

    /** The lines of a 2204, read from the message (a refusal thrown for a field out of shape). */
    List<LineInput> lines(HisCall call) {
        List<LineInput> lines = new ArrayList<>();
        for (Fields l : call.input().objects("feedetail")) {
            String psnNo = l.str("psn_no");
            String path = l.where();
            lines.add(new LineInput(path, l.str("feedetl_sn"), l.str("mdtrt_id"), psnNo,
                    l.optStr("chrg_bchno") == null ? "1" : l.str("chrg_bchno"), l.optStr("rxno"), l.optStr("rx_circ_flag"),
                    l.optStr("rx_fixmedins_code"), l.optStr("fee_ocur_time") == null ? null : l.dateTime("fee_ocur_time"),
                    l.str("med_list_codg"), l.optStr("medins_list_codg"), l.decimal("pric", 6), l.decimal("cnt", 4),
                    l.money("det_item_fee_sumamt"), l.optStr("bilg_dept_codg"), l.optStr("bilg_dept_name"),
                    l.optStr("bilg_dr_codg"), l.optStr("bilg_dr_name"), l.optStr("hosp_appr_flag")));
        }
        return lines;
    }

    /** The 2204 answer's output for the lines as stored (or about to be). */
    ObjectNode output(List<FeeLineRow> lines) {
        ObjectNode out = json.createObjectNode();
        ArrayNode result = out.putArray("result");
        for (FeeLineRow r : lines) {
            result.add(line(json.createObjectNode(), r));
        }
        return out;
    }

    /** The 2204 result row (also the 5204 row, with a few identity fields more). */
    public static ObjectNode line(ObjectNode o, FeeLineRow r) {
        o.put("feedetl_sn", r.feedetlSn());
        Out.money(o, "det_item_fee_sumamt", r.detItemFeeSumamt());
        Out.num(o, "cnt", Out.plain(r.cnt()));
        Out.num(o, "pric", Out.plain(r.pric()));
        Out.num(o, "pric_uplmt_amt", Out.plain(r.pricUplmtAmt()));
        Out.num(o, "selfpay_prop", r.selfpayProp().setScale(4));
        Out.money(o, "fulamt_ownpay_amt", r.fulamtOwnpayAmt());
        Out.money(o, "overlmt_amt", r.overlmtAmt());
        Out.money(o, "preselfpay_amt", r.preselfpayAmt());
        Out.money(o, "inscp_scp_amt", r.inscpScpAmt());
        o.put("chrgitm_lv", r.chrgitmLv());
        o.put("med_chrgitm_type", r.medChrgitmType());
        o.put("memo", r.memo());
        return o;
    }

    public JsonNode cancel(HisCall call) {
        Fields d = call.input().obj("data");
        String psnNo = call.person(ref, d.str("psn_no")).psnNo();
        fees.cancel(call.inst(), psnNo, d.str("mdtrt_id"), d.str("chrg_bchno"));
        return json.createObjectNode();
    }
}
