package cn.gongji.pharmacy;

import cn.gongji.common.Money;
import cn.gongji.settlement.Canceller;
import cn.gongji.settlement.FeeLineRow;
import cn.gongji.settlement.FeeService;
import cn.gongji.settlement.HisBusinessException;
import cn.gongji.settlement.Institution;
import cn.gongji.settlement.LineInput;
import cn.gongji.settlement.Person;
import cn.gongji.settlement.ReferenceData;
import cn.gongji.settlement.SettlementRow;
import cn.gongji.settlement.Visit;
import cn.gongji.settlement.VisitService;
import cn.gongji.settlement.his.FeeTx;
import cn.gongji.settlement.his.Fields;
import cn.gongji.settlement.his.HisCall;
import cn.gongji.settlement.his.SetlJson;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** 2101 pharmacy pre-settlement, 2102 settlement, 2103 cancel (PROTOCOL.md §2; docs/protocol.md "Pharmacy sales"). */
@Component
class PharmacyTx {

    private final PharmacySettler settler;
    private final Canceller canceller;
    private final SaleStore sales;
    private final VisitService visits;
    private final ReferenceData ref;
    private final SetlJson out;
    private final ObjectMapper json;

    PharmacyTx(PharmacySettler settler, Canceller canceller, SaleStore sales, VisitService visits, ReferenceData ref,
            SetlJson out, ObjectMapper json) {
        this.json = json;
        this.settler = settler;
        this.canceller = canceller;
        this.sales = sales;
        this.visits = visits;
        this.ref = ref;
        this.out = out;
    }

    JsonNode preSettle(HisCall call) {
        SaleRequest r = read(call);
        PharmacySettler.Result res = settler.preSettle(call.inst(), r);
        Visit unsaved = new Visit(null, r.psnNo(), call.inst().code(), null, "310", SaleRows.MED_TYPE, r.begntime(), null,
                r.mdtrtCertType(), r.mdtrtareaAdmvs(), "registered");
        return render(call, res.settlement(), unsaved, cuts(res, r, null));
    }

    JsonNode settle(HisCall call) {
        SaleRequest r = read(call);
        PharmacySettler.Result res = settler.settle(call.inst(), r);
        Visit v = visits.find(res.settlement().mdtrtId()).orElseThrow();
        return render(call, res.settlement(), v, cuts(res, r, v.mdtrtId()));
    }

    JsonNode cancel(HisCall call) {
        requirePharmacy(call.inst());
        Fields d = call.input().obj("data");
        String psnNo = d.optStr("psn_no");
        if (psnNo != null) {
            call.person(ref, psnNo);
        }
        SettlementRow reversal = canceller.cancel(call.inst(), d.str("setl_id"), d.optStr("mdtrt_id"), psnNo, call.msgid());
        List<ObjectNode> cuts = new ArrayList<>();
        for (SaleStore.SoldLine l : sales.lines(reversal.refdSetlId())) {
            cuts.add(cut(l.row(), l.rxno(), l.rxCircFlag(), l.rxFixmedinsCode()));
        }
        return render(call, reversal, visits.find(reversal.mdtrtId()).orElseThrow(), cuts);
    }

    private JsonNode render(HisCall call, SettlementRow s, Visit v, List<ObjectNode> cuts) {
        Person p = ref.requirePerson(s.psnNo());
        ObjectNode o = out.output(s, p, v, call.inst());
        ArrayNode a = o.putArray("detlcutinfo");
        cuts.forEach(a::add);
        return o;
    }

    private List<ObjectNode> cuts(PharmacySettler.Result res, SaleRequest r, String mdtrtId) {
        List<ObjectNode> cuts = new ArrayList<>();
        for (FeeService.Priced p : res.lines()) {
            LineInput l = p.input();
            cuts.add(cut(p.unsaved(mdtrtId, r.psnNo()), l.rxno(), l.rxCircFlag(), l.rxFixmedinsCode()));
        }
        return cuts;
    }

    /** The 2204 result row of a line, with its prescription fields (rx_fixmedins_code is this system's extension). */
    private ObjectNode cut(FeeLineRow row, String rxno, String rxCircFlag, String rxFixmedinsCode) {
        ObjectNode o = FeeTx.line(json.createObjectNode(), row);
        o.put("rxno", rxno);
        o.put("rx_circ_flag", rxCircFlag == null ? "0" : rxCircFlag);
        o.put("rx_fixmedins_code", rxFixmedinsCode);
        return o;
    }

    private SaleRequest read(HisCall call) {
        requirePharmacy(call.inst());
        Fields d = call.input().obj("druginfo");
        Person p = call.person(ref, d.str("psn_no"));
        if (d.optStr("insutype") != null) {
            d.code("insutype", "310");
        }
        String certType = d.optStr("mdtrt_cert_type") == null ? null : d.code("mdtrt_cert_type", "01", "02", "03");
        if (d.optStr("med_type") != null) {
            d.code("med_type", SaleRows.MED_TYPE);
        }
        Money medfee = d.money("medfee_sumamt");
        if (medfee.isNegative()) {
            throw HisBusinessException.field(d.path("medfee_sumamt"), "不能为负", "must not be negative");
        }
        return new SaleRequest(p.psnNo(), certType, d.optStr("mdtrt_cert_no"), d.dateTime("begntime"), medfee,
                d.optMoney("fulamt_ownpay_amt"), d.optMoney("overlmt_selfpay"), d.optMoney("preselfpay_amt"),
                d.optMoney("inscp_scp_amt"), d.flag("acct_used_flag", false), placeOfCare(call), call.msgid(),
                lines(call, p.psnNo()));
    }

    /**
     * The envelope's mdtrtarea_admvs, else the pharmacy's own area: as a hospital visit's (2201), so a
     * sale whose envelope leaves the place out is not taken for care in the insured city.
     */
    private static String placeOfCare(HisCall call) {
        return call.env().mdtrtareaAdmvs() != null ? call.env().mdtrtareaAdmvs() : call.inst().admdvs();
    }

    private static List<LineInput> lines(HisCall call, String psnNo) {
        List<LineInput> lines = new ArrayList<>();
        for (Fields l : call.input().objects("drugdetail")) {
            String linePsn = l.optStr("psn_no");
            if (linePsn != null && !linePsn.equals(psnNo)) {
                throw HisBusinessException.field(l.path("psn_no"), "与 druginfo.psn_no 不符", "differs from druginfo.psn_no");
            }
            String flag = l.optStr("rx_circ_flag") == null ? "0" : l.code("rx_circ_flag", "0", "1");
            String rxno = l.optStr("rxno");
            String prescriber = l.optStr("rx_fixmedins_code");
            if (flag.equals("1")) {
                rxno = l.str("rxno");
                prescriber = l.str("rx_fixmedins_code");
            }
            lines.add(new LineInput(l.where(), l.str("feedetl_sn"), null, psnNo,
                    l.optStr("chrg_bchno") == null ? "1" : l.str("chrg_bchno"), rxno, flag, prescriber,
                    l.optStr("fee_ocur_time") == null ? null : l.dateTime("fee_ocur_time"), l.str("med_list_codg"),
                    l.optStr("medins_list_codg"), l.decimal("pric", 6), l.decimal("cnt", 4), l.money("det_item_fee_sumamt"),
                    l.optStr("bilg_dept_codg"), l.optStr("bilg_dept_name"), l.optStr("bilg_dr_codg"), l.optStr("bilg_dr_name"),
                    l.optStr("hosp_appr_flag")));
        }
        return lines;
    }

    private static void requirePharmacy(Institution inst) {
        if (!"pharmacy".equals(inst.kind())) {
            throw new HisBusinessException("KIND", "交易 2101–2103 仅供定点零售药店使用，医疗机构请使用 2201–2208 / "
                    + "transactions 2101–2103 are for designated retail pharmacies; hospitals use 2201–2208");
        }
    }
}
