package cn.gongji.supervision.his;

import cn.gongji.settlement.HisBusinessException;
import cn.gongji.settlement.his.Fields;
import cn.gongji.settlement.his.HisCall;
import cn.gongji.supervision.ReviewAction;
import cn.gongji.supervision.ReviewFlow;
import cn.gongji.supervision.db.ReviewService;
import cn.gongji.supervision.db.Warning;
import cn.gongji.supervision.db.WarningStore;
import java.time.Clock;
import java.time.LocalDateTime;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The institution's side of the review, authenticated by its own x-tif signature: 3191 申诉
 * {data: {warning_id, appeal_text}}; 3192 its warnings awaiting an appeal.
 */
@Component
public class AppealTx {

    private final ReviewService review;
    private final WarningStore warnings;
    private final ObjectMapper json;
    private final Clock clock;

    public AppealTx(ReviewService review, WarningStore warnings, ObjectMapper json, Clock clock) {
        this.review = review;
        this.warnings = warnings;
        this.json = json;
        this.clock = clock;
    }

    public JsonNode appeal(HisCall call) {
        Fields d = call.input().obj("data");
        String idText = d.str("warning_id");
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            throw HisBusinessException.field(d.path("warning_id"), "应为预警编号（整数），收到 " + idText, "must be a warning id");
        }
        Warning w;
        try {
            w = review.transition(id, ReviewAction.APPEAL, ReviewFlow.Actor.INSTITUTION,
                    call.env().opter() == null ? call.inst().code() : call.inst().code() + "/" + call.env().opter(),
                    call.inst().code(), d.optStr("appeal_text"), null);
        } catch (ReviewService.Refused r) {
            throw new HisBusinessException("APPEAL_" + r.kind(), r.zh() + " / " + r.en());
        }
        ObjectNode out = json.createObjectNode();
        out.set("data", view(w));
        return out;
    }

    public JsonNode awaiting(HisCall call) {
        ObjectNode out = json.createObjectNode();
        ArrayNode a = out.putArray("warnings");
        for (Warning w : warnings.list("appeal", call.inst().code(), null, null, null, null, 500)) {
            a.add(view(w));
        }
        return out;
    }

    private ObjectNode view(Warning w) {
        ObjectNode o = json.createObjectNode();
        o.put("warning_id", w.warningId());
        o.put("rule_id", w.ruleId());
        o.put("rule_name", w.ruleName());
        o.put("setl_id", w.setlId());
        o.put("mdtrt_id", w.mdtrtId());
        o.put("psn_no", w.psnNo());
        o.put("care_date", w.careDate().toString());
        o.put("amount", w.amount().amount());
        o.put("content", w.content());
        o.put("evidence", w.evidence());
        o.put("status", w.status());
        o.put("due_at", w.dueAt() == null ? null
                : LocalDateTime.ofInstant(w.dueAt().toInstant(), clock.getZone()).format(Fields.DATE_TIME));
        return o;
    }
}
