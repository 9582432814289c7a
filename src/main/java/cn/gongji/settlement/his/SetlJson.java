package cn.gongji.settlement.his;

import cn.gongji.common.Money;
import cn.gongji.settlement.Institution;
import cn.gongji.settlement.Person;
import cn.gongji.settlement.SettlementRow;
import cn.gongji.settlement.Visit;
import java.time.Clock;
import java.time.LocalDateTime;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders a settlement (or reversal, or pre-settlement) as {setlinfo, setldetail[]} (PROTOCOL.md §2–3). */
@Component
public class SetlJson {

    private static final Money ZERO = Money.ZERO;

    private final ObjectMapper json;
    private final Clock clock;

    public SetlJson(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    public ObjectNode output(SettlementRow s, Person p, Visit v, Institution settling) {
        ObjectNode out = json.createObjectNode();
        out.set("setlinfo", setlinfo(s, p, v, settling));
        out.set("setldetail", setldetail(s));
        return out;
    }

    private ObjectNode setlinfo(SettlementRow s, Person p, Visit v, Institution settling) {
        ObjectNode o = json.createObjectNode();
        o.put("mdtrt_id", s.mdtrtId());
        o.put("setl_id", s.setlId());
        o.put("psn_no", s.psnNo());
        o.put("psn_name", p.psnName());
        o.put("psn_cert_type", p.psnCertType());
        o.put("certno", p.certno());
        o.put("gend", p.gend());
        o.put("naty", p.naty());
        Out.date(o, "brdy", p.brdy());
        o.put("age", p.ageOn(s.careDate()));
        o.put("insutype", "310");
        o.put("psn_type", s.psnType());
        o.put("cvlserv_flag", "0");
        Out.dateTime(o, "setl_time", LocalDateTime.ofInstant(s.setlTime().toInstant(), clock.getZone()));
        o.put("mdtrt_cert_type", v.mdtrtCertType());
        o.put("med_type", s.medType());
        Out.money(o, "medfee_sumamt", s.medfeeSumamt());
        Out.money(o, "fulamt_ownpay_amt", s.fulamtOwnpayAmt());
        Out.money(o, "overlmt_selfpay", s.overlmtSelfpay());
        Out.money(o, "preselfpay_amt", s.preselfpayAmt());
        Out.money(o, "inscp_scp_amt", s.inscpScpAmt());
        Out.money(o, "act_pay_dedc", s.actPayDedc());
        Out.money(o, "hifp_pay", s.hifpPay());
        Out.num(o, "pool_prop_selfpay", s.poolPropSelfpay().setScale(4));
        for (String none : new String[] {"cvlserv_pay", "hifes_pay", "hifmi_pay", "hifob_pay", "maf_pay", "oth_pay"}) {
            Out.money(o, none, ZERO);
        }
        Out.money(o, "fund_pay_sumamt", s.fundPaySumamt());
        Out.money(o, "psn_part_amt", s.psnPartAmt());
        Out.money(o, "acct_pay", s.acctPay());
        Out.money(o, "psn_cash_pay", s.psnCashPay());
        Out.money(o, "hosp_part_amt", s.hospPartAmt());
        Out.money(o, "balc", s.balc());
        Out.money(o, "acct_mulaid_pay", s.acctMulaidPay());
        o.put("medins_setl_id", s.msgid());
        o.put("clr_optins", settling.admdvs());
        o.put("clr_way", "1");
        o.put("clr_type", s.clrType());
        return o;
    }

    /**
     * 310100 (pooling fund) always; 310200 (personal account) when the accounts paid. For 310200,
     * crt_payb_lmt_amt is what the account side could pay for this settlement: the patient's own
     * balance before it plus what the bound holders' accounts paid (acct_mulaid_pay), never a
     * holder's whole balance, which is not the patient's to see (decisions "310200 crt_payb_lmt_amt").
     * A reversal's row keeps the own balance before its refund: the holders' refunds go to their
     * accounts, not to what this one could pay.
     */
    private ArrayNode setldetail(SettlementRow s) {
        ArrayNode a = json.createArrayNode();
        a.add(detail("310100", "职工基本医疗保险统筹基金", s.inscpScpAmt(), s.crtPaybLmtAmt(), s.hifpPay(), s.trace()));
        if (!s.acctPay().isZero()) {
            Money ownDraw = s.acctPay().minus(s.acctMulaidPay());
            Money ownBefore = s.balc().plus(ownDraw);
            Money limit = s.acctMulaidPay().isPositive() ? ownBefore.plus(s.acctMulaidPay()) : ownBefore;
            a.add(detail("310200", "职工基本医疗保险个人账户基金", s.inscpScpAmt(), limit, s.acctPay(), s.trace()));
        }
        return a;
    }

    private ObjectNode detail(String type, String name, Money inscp, Money limit, Money pay, String trace) {
        ObjectNode d = json.createObjectNode();
        d.put("fund_pay_type", type);
        d.put("fund_pay_type_name", name);
        Out.money(d, "inscp_scp_amt", inscp);
        Out.money(d, "crt_payb_lmt_amt", limit);
        Out.money(d, "fund_payamt", pay);
        d.put("setl_proc_info", trace);
        return d;
    }
}
