package cn.gongji.clearing.db;

import cn.gongji.clearing.MethodEffect;
import cn.gongji.clearing.RecoveryLine;
import cn.gongji.clearing.Statement;
import cn.gongji.clearing.Totals;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The statement as JSON: the agency API's answer, the frozen snapshot of a closed period, the export's source. */
public final class StatementJson {

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private StatementJson() {}

    public static ObjectNode render(ObjectMapper json, Statement s, String name, Instant closedAt, ZoneId zone) {
        ObjectNode o = json.createObjectNode();
        o.put("fixmedins_code", s.period().fixmedinsCode());
        o.put("fixmedins_name", name);
        o.put("clr_type", s.period().clrType());
        o.put("month", s.period().month().toString());
        o.put("status", closedAt == null ? "open" : "closed");
        o.put("closed_at", closedAt == null ? null : closedAt.atZone(zone).format(TS));
        o.put("method", s.method());
        totals(o.putObject("settlements"), s.settlements());
        totals(o.putObject("cancellations"), s.cancellations());
        totals(o.putObject("adjustments"), s.adjustments());
        o.put("fund_share", s.fundShare().amount());
        ArrayNode effects = o.putArray("method_effects");
        for (MethodEffect e : s.effects()) {
            ObjectNode x = effects.addObject();
            x.put("method", e.method());
            x.put("scheme_code", e.schemeCode());
            x.put("basis", e.basis().amount());
            x.put("payment", e.payment().amount());
            x.put("amount", e.amount().amount());
            x.put("explanation", e.explanation());
        }
        o.put("method_effect", s.methodEffect().amount());
        ArrayNode rec = o.putArray("recoveries");
        for (RecoveryLine r : s.recoveries()) {
            ObjectNode x = rec.addObject();
            x.put("recovery_id", r.recoveryId());
            x.put("setl_id", r.setlId());
            x.put("amount", r.amount().amount());
            x.put("reason", r.reason());
            x.put("source", r.source());
            x.put("created_at", r.createdAt().atZone(zone).format(TS));
        }
        o.put("recovered", s.recovered().amount());
        o.put("pool_payable", s.poolPayable().amount());
        o.put("acct_share", s.acctShare().amount());
        ArrayNode byType = o.putArray("by_fund_type");
        byType.addObject().put("fund_pay_type", "310100").put("fund_pay_type_name", "职工基本医疗保险统筹基金")
                .put("amount", s.poolPayable().amount());
        byType.addObject().put("fund_pay_type", "310200").put("fund_pay_type_name", "职工基本医疗保险个人账户基金")
                .put("amount", s.acctShare().amount());
        o.put("payable", s.payable().amount());
        ArrayNode items = o.putArray("items");
        for (Statement.Line l : s.items()) {
            ObjectNode x = items.addObject();
            x.put("setl_id", l.item().setlId());
            x.put("refd_setl_id", l.item().refdSetlId());
            x.put("mdtrt_id", l.item().mdtrtId());
            x.put("psn_no", l.item().psnNo());
            x.put("setl_time", l.item().setlTime().atZone(zone).format(TS));
            x.put("category", l.category().code());
            x.put("medfee_sumamt", l.item().medfeeSumamt().amount());
            x.put("fund_pay_sumamt", l.item().fundPaySumamt().amount());
            x.put("acct_pay", l.item().acctPay().amount());
            x.put("psn_cash_pay", l.item().psnCashPay().amount());
            x.put("dise_codg", l.item().diseCodg());
        }
        return o;
    }

    private static void totals(ObjectNode o, Totals t) {
        o.put("count", t.count());
        o.put("medfee_sumamt", t.medfeeSumamt().amount());
        o.put("fund_pay_sumamt", t.fundPaySumamt().amount());
        o.put("acct_pay", t.acctPay().amount());
        o.put("psn_cash_pay", t.psnCashPay().amount());
    }
}
