package cn.gongji.settlement.his;

import cn.gongji.settlement.Canceller;
import cn.gongji.settlement.FeeService;
import cn.gongji.settlement.HisBusinessException;
import cn.gongji.settlement.ReferenceData;
import cn.gongji.settlement.SettlementStore;
import cn.gongji.settlement.Visit;
import cn.gongji.settlement.VisitService;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * 2601 reversal (冲正) of an earlier message of the same institution, named by omsgid/oinfno:
 * a 2207 (or a pharmacy's 2102) is cancelled as 2208 (2103) would; a 2201 is cancelled as 2202 would; a 2204's unsettled lines are
 * cancelled. An omsgid never seen answers success with nothing done, and is remembered, so the late
 * original is refused; an omsgid no message could carry (not a msgid's form) or an oinfno that is
 * no transaction of this service cannot name a lost original and is refused. Reversing twice is harmless. 9001/9002/2203 are marked reversed only;
 * cancels (2202, 2205, 2208) and 2601 itself cannot be reversed.
 */
@Component
public class ReversalTx {

    private static final Set<String> MARK_ONLY = Set.of("9001", "9002", "2203");

    private final HisMessages messages;
    private final Canceller canceller;
    private final SettlementStore settlements;
    private final VisitService visits;
    private final FeeService fees;
    private final ReferenceData ref;
    private final ObjectMapper json;
    private final Clock clock;
    // looked up when a reversal runs: the routes are built from the handlers, this one among them
    private final ObjectProvider<HisRoutes> routes;

    public ReversalTx(HisMessages messages, Canceller canceller, SettlementStore settlements, VisitService visits,
            FeeService fees, ReferenceData ref, ObjectMapper json, Clock clock, ObjectProvider<HisRoutes> routes) {
        this.routes = routes;
        this.messages = messages;
        this.canceller = canceller;
        this.settlements = settlements;
        this.visits = visits;
        this.fees = fees;
        this.ref = ref;
        this.json = json;
        this.clock = clock;
    }

    public JsonNode reverse(HisCall call) {
        Fields d = call.input().obj("data");
        String psnNo = call.person(ref, d.str("psn_no")).psnNo();
        String omsgid = Envelope.msgid(d.str("omsgid"), d.path("omsgid"));
        String oinfno = d.str("oinfno");
        if (routes.getObject().find(oinfno).isEmpty()) {
            throw HisBusinessException.field(d.path("oinfno"), "不是本系统的交易编号，收到 " + Fields.quote(oinfno),
                    "is not a transaction code this service serves");
        }
        String inst = call.inst().code();
        OffsetDateTime now = OffsetDateTime.now(clock);
        Optional<HisMessages.Stored> original = messages.find(inst, omsgid);
        if (original.isEmpty()) {
            messages.insertReversedUnseen(inst, omsgid, oinfno, psnNo, now);
            return json.createObjectNode();
        }
        HisMessages.Stored o = original.get();
        if (o.reversedAt() != null) {
            return json.createObjectNode();
        }
        if (!o.infno().equals(oinfno)) {
            throw new HisBusinessException("OINFNO", "原报文 " + omsgid + " 的交易编号是 " + o.infno() + "，不是 " + oinfno
                    + " / oinfno does not match the original message");
        }
        if (o.psnNo() != null && !o.psnNo().equals(psnNo)) {
            throw new HisBusinessException("MISMATCH", "原报文 " + omsgid + " 不属于参保人 " + psnNo + " / the original message names another person");
        }
        undo(call, o, omsgid);
        messages.markReversed(inst, omsgid, now);
        return json.createObjectNode();
    }

    private void undo(HisCall call, HisMessages.Stored o, String omsgid) {
        JsonNode out = json.readTree(o.response()).path("output");
        switch (o.infno()) {
            case "2207", "2102" -> {
                String setlId = out.path("setlinfo").path("setl_id").asString();
                settlements.find(setlId).filter(s -> s.cancelledAt() == null)
                        .ifPresent(s -> unlessUndoneMeanwhile("ALREADY_CANCELLED",
                                () -> canceller.cancel(call.inst(), setlId, null, null, call.msgid())));
            }
            case "2201" -> {
                String mdtrtId = out.path("data").path("mdtrt_id").asString();
                Optional<Visit> v = visits.find(mdtrtId);
                if (v.isPresent() && !v.get().cancelled()) {
                    unlessUndoneMeanwhile("VISIT_CANCELLED", () -> visits.cancelRegistration(call.inst(), v.get().psnNo(), mdtrtId));
                }
            }
            case "2204" -> fees.cancelMessageLines(omsgid, call.inst().code());
            default -> {
                if (!MARK_ONLY.contains(o.infno())) {
                    throw new HisBusinessException("NOT_REVERSIBLE", "交易 " + o.infno() + " 不支持冲正 / transaction "
                            + o.infno() + " cannot be reversed");
                }
            }
        }
    }

    /**
     * Runs the undo, and takes its refusal {@code undoneCode} (found under the lock: another
     * reversal or cancel of the same effect committed while this one waited for it) as what a
     * reversal sent after that one finds before the lock: nothing left to undo. Reversing twice is
     * harmless however close together the two are sent (a HIS retrying a 2601 under a new msgid).
     */
    private static void unlessUndoneMeanwhile(String undoneCode, Runnable undo) {
        try {
            undo.run();
        } catch (HisBusinessException e) {
            if (!undoneCode.equals(e.code())) {
                throw e;
            }
        }
    }
}
