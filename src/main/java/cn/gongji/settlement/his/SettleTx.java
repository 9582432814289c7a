package cn.gongji.settlement.his;

import cn.gongji.settlement.Canceller;
import cn.gongji.settlement.HisBusinessException;
import cn.gongji.settlement.Person;
import cn.gongji.settlement.ReferenceData;
import cn.gongji.settlement.SettleRequest;
import cn.gongji.settlement.Settler;
import cn.gongji.settlement.SettlementRow;
import cn.gongji.settlement.VisitService;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** 2206 pre-settlement, 2207 settlement, 2208 settlement cancel. */
@Component
public class SettleTx {

    private final Settler settler;
    private final Canceller canceller;
    private final VisitService visits;
    private final ReferenceData ref;
    private final SetlJson out;

    public SettleTx(Settler settler, Canceller canceller, VisitService visits, ReferenceData ref, SetlJson out) {
        this.settler = settler;
        this.canceller = canceller;
        this.visits = visits;
        this.ref = ref;
        this.out = out;
    }

    public JsonNode preSettle(HisCall call) {
        Person p = person(call);
        Settler.Outcome o = settler.preSettle(call.inst(), read(call, p.psnNo(), false), p);
        return out.output(o.row(), p, o.visit(), call.inst());
    }

    /** The person is read with the settlement's state (one round trip less than reading it first). */
    public JsonNode settle(HisCall call) {
        if (!call.answer().enabled()) {
            return output(call, settler.settle(call.inst(), settleRequest(call), call::checkInsuredArea));
        }
        // a settlement made now stores its answer with the settlement's own statement (AnswerSlot)
        JsonNode[] rendered = new JsonNode[1];
        Settler.Outcome o = settler.settle(call.inst(), settleRequest(call), call::checkInsuredArea,
                made -> call.answer().render(rendered[0] = output(call, made)));
        return rendered[0] != null ? rendered[0] : output(call, o);
    }

    /** The 2207 request read and checked (a settlement batch settles it; see {@link SettleBatches}). */
    SettleRequest settleRequest(HisCall call) {
        return read(call, call.input().obj("data").str("psn_no"), true);
    }

    /** The 2207 answer of a settlement. */
    JsonNode output(HisCall call, Settler.Outcome o) {
        return out.output(o.row(), o.person(), o.visit(), call.inst());
    }

    public JsonNode cancel(HisCall call) {
        Fields d = call.input().obj("data");
        String psnNo = d.optStr("psn_no");
        if (psnNo != null) {
            call.person(ref, psnNo);
        }
        SettlementRow reversal = canceller.cancel(call.inst(), d.str("setl_id"), d.optStr("mdtrt_id"), psnNo, call.msgid());
        return render(call, reversal);
    }

    JsonNode render(HisCall call, SettlementRow s) {
        Person p = ref.requirePerson(s.psnNo());
        return out.output(s, p, visits.find(s.mdtrtId()).orElseThrow(), call.inst());
    }

    private Person person(HisCall call) {
        return call.person(ref, call.input().obj("data").str("psn_no"));
    }

    private SettleRequest read(HisCall call, String psnNo, boolean settle) {
        Fields d = call.input().obj("data");
        if (d.optStr("insutype") != null) {
            d.code("insutype", "310");
        }
        if (d.optStr("mdtrt_cert_type") != null) {
            d.code("mdtrt_cert_type", VisitTx.CERT_TYPES);
        }
        String medType = d.optStr("med_type") == null ? null : d.code("med_type", VisitTx.MED_TYPES);
        String mdtrtId = d.str("mdtrt_id");
        var medfee = d.money("medfee_sumamt");
        if (medfee.isNegative()) {
            throw new HisBusinessException("FIELD", "字段 input.data.medfee_sumamt 不能为负 / must not be negative");
        }
        return new SettleRequest(psnNo, mdtrtId, medType, medfee,
                settle ? d.optMoney("fulamt_ownpay_amt") : null, settle ? d.optMoney("overlmt_selfpay") : null,
                settle ? d.optMoney("preselfpay_amt") : null, settle ? d.optMoney("inscp_scp_amt") : null,
                d.flag("acct_used_flag", false), call.env().mdtrtareaAdmvs(), call.msgid());
    }
}
