package cn.gongji.clearing.his;

import cn.gongji.clearing.DetailMatch;
import cn.gongji.clearing.TotalsCheck;
import cn.gongji.clearing.db.ReconciliationService;
import cn.gongji.common.Admdvs;
import cn.gongji.settlement.HisBusinessException;
import cn.gongji.settlement.his.Fields;
import cn.gongji.settlement.his.HisCall;
import java.time.LocalDate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** 3201 对总账 and 3202 对明细账 (docs/clearing.md "Reconciliation"). */
@Component
class ReconcileTx {

    private final ReconciliationService recon;
    private final ObjectMapper json;

    ReconcileTx(ReconciliationService recon, ObjectMapper json) {
        this.recon = recon;
        this.json = json;
    }

    JsonNode totals(HisCall call) {
        Fields d = call.input().obj("data");
        String insutype = d.optStr("insutype");
        if (insutype != null && !insutype.equals("310")) {
            throw HisBusinessException.field(d.path("insutype"), "只支持 310 职工基本医疗保险，收到 " + insutype, "must be 310");
        }
        String clrType = d.code("clr_type", "11", "41");
        String optins = setlOptins(d, call.inst().admdvs());
        LocalDate[] range = Inputs.range(d, "stmt_begndate", "stmt_enddate");
        TotalsCheck.Theirs theirs = new TotalsCheck.Theirs(Inputs.count(d, "fixmedins_setl_cnt"), d.money("medfee_sumamt"),
                d.money("fund_pay_sumamt"), d.money("acct_pay"), d.optMoney("cash_payamt"));
        var r = recon.totals(new ReconciliationService.Range(call.inst().code(), clrType, range[0], range[1]), theirs,
                call.msgid());
        ObjectNode out = json.createObjectNode();
        ObjectNode info = out.putObject("stmtinfo");
        info.put("setl_optins", optins);
        info.put("stmt_rslt", r.verdict().agrees() ? 0 : 1);
        info.put("stmt_rslt_dscr", r.verdict().description());
        return out;
    }

    JsonNode detail(HisCall call) {
        Fields d = call.input().obj("data");
        String clrType = d.optStr("clr_type") == null ? null : d.code("clr_type", "11", "41");
        String optins = setlOptins(d, call.inst().admdvs());
        LocalDate[] range = Inputs.range(d, "stmt_begndate", "stmt_enddate");
        TotalsCheck.Theirs theirs = new TotalsCheck.Theirs(Inputs.count(d, "fixmedins_setl_cnt"), d.optMoney("medfee_sumamt"),
                d.optMoney("fund_pay_sumamt"), d.optMoney("acct_pay"), d.optMoney("cash_payamt"));
        var r = recon.detail(new ReconciliationService.Range(call.inst().code(), clrType, range[0], range[1]), theirs,
                d.str("file_qury_no"), call.msgid());
        DetailMatch.Report rep = r.report();
        ObjectNode out = json.createObjectNode();
        ObjectNode info = out.putObject("fileinfo");
        info.put("file_qury_no", r.resultFile());
        info.put("filename", r.filename());
        info.put("setl_optins", optins);
        info.put("stmt_rslt", r.agrees() ? 0 : 1);
        info.put("stmt_rslt_dscr", r.description());
        info.put("agree_cnt", rep.agreed());
        info.put("center_missing_cnt", rep.missingOurs());
        info.put("fixmedins_missing_cnt", rep.missingTheirs());
        info.put("differ_cnt", rep.differs());
        return out;
    }

    /**
     * The clearing agency the institution names: optional (default: the city's agency, its admdvs
     * with "00" for the district), and when given, an agency of the institution's own city; a
     * reconciliation addressed to another city's agency is refused before anything is recorded.
     */
    private static String setlOptins(Fields d, String instAdmdvs) {
        String s = d.optStr("setl_optins");
        if (s == null) {
            return instAdmdvs != null && instAdmdvs.length() == 6 ? instAdmdvs.substring(0, 4) + "00" : "411300";
        }
        if (!s.matches("\\d{6}") || !Admdvs.sameCity(s, instAdmdvs)) {
            throw HisBusinessException.field(d.path("setl_optins"), "结算经办机构 " + Fields.quote(s) + " 不是本机构所在统筹区（"
                    + instAdmdvs + "）的经办机构", "must be the clearing agency of the institution's own city (" + instAdmdvs + ")");
        }
        return s;
    }
}
