package cn.gongji.supervision.his;

import cn.gongji.common.Money;
import cn.gongji.settlement.HisBusinessException;
import cn.gongji.settlement.Institution;
import cn.gongji.settlement.Person;
import cn.gongji.settlement.ReferenceData;
import cn.gongji.settlement.his.Fields;
import cn.gongji.settlement.his.HisCall;
import cn.gongji.supervision.Claim;
import cn.gongji.supervision.Finding;
import cn.gongji.supervision.RuleEngine;
import cn.gongji.supervision.RuleSettings;
import cn.gongji.supervision.SettlementFacts;
import cn.gongji.supervision.Stage;
import cn.gongji.supervision.db.ClaimLoader;
import cn.gongji.supervision.db.RuleStore;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * 3101 明细审核事前事中分析服务: the institution sends the patient and the orders it is about to charge
 * (patient_dtos[] → fsi_encounter_dtos[] → fsi_order_dtos[]); the rules of the stages 事前 and 事中
 * run against them and the person's settled history, and the answer lists each finding in the
 * national shape {@code result[]}. Nothing is stored: it is advice before charging.
 */
@Component
public class RealtimeCheckTx {

    private final ReferenceData ref;
    private final ClaimLoader loader;
    private final RuleStore rules;
    private final ObjectMapper json;

    public RealtimeCheckTx(ReferenceData ref, ClaimLoader loader, RuleStore rules, ObjectMapper json) {
        this.ref = ref;
        this.loader = loader;
        this.rules = rules;
        this.json = json;
    }

    public JsonNode check(HisCall call) {
        Fields data = call.input().obj("data");
        String taskId = data.optStr("task_id") == null ? call.msgid() : data.str("task_id");
        Set<String> only = ruleIds(data);
        RuleSettings settings = rules.settings();
        ObjectNode out = json.createObjectNode();
        ArrayNode result = out.putArray("result");
        for (Fields patient : data.objects("patient_dtos")) {
            Person p = call.person(ref, patient.str("patn_id"));
            for (Fields enc : patient.objects("fsi_encounter_dtos")) {
                Claim claim = loader.claim(facts(call, p, enc), settings.historyDays());
                Map<String, Finding> found = new LinkedHashMap<>();
                for (Stage st : List.of(Stage.BEFORE, Stage.DURING)) {
                    RuleEngine.evaluate(claim, st, settings, only).forEach(f -> found.putIfAbsent(f.key(), f));
                }
                for (Finding f : found.values()) {
                    result.add(row(f, taskId, p.psnNo(), claim));
                }
            }
        }
        return out;
    }

    private static Set<String> ruleIds(Fields data) {
        JsonNode n = data.node().get("rule_ids");
        if (n == null || n.isNull()) {
            return Set.of();
        }
        if (n.isArray()) {
            Set<String> s = new java.util.TreeSet<>();
            n.forEach(x -> s.add(x.asString().strip()));
            return s;
        }
        String s = data.optStr("rule_ids");
        return s == null ? Set.of() : Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty())
                .collect(Collectors.toSet());
    }

    private SettlementFacts facts(HisCall call, Person p, Fields enc) {
        Institution inst = call.inst();
        Institution levelled = inst.internetOf() == null ? inst : ref.requireInstitution(inst.internetOf());
        List<Fields> orders = enc.objects("fsi_order_dtos");
        List<String> codes = new ArrayList<>();
        for (Fields o : orders) {
            codes.add(o.str("hilist_code"));
        }
        Set<String> inCatalog = loader.limits(codes).keySet();
        List<SettlementFacts.Line> lines = new ArrayList<>();
        for (Fields o : orders) {
            var cnt = o.decimal("cnt", 4);
            var pric = o.decimal("pric", 6);
            if (cnt.signum() <= 0) {
                throw HisBusinessException.field(o.path("cnt"), "数量必须大于 0", "must be greater than 0");
            }
            Money sum = o.optMoney("sumamt");
            lines.add(new SettlementFacts.Line(o.str("rx_id"), o.str("hilist_code"), pric, cnt,
                    sum != null ? sum : Money.rounded(pric.multiply(cnt), RoundingMode.HALF_UP), o.optStr("chrg_type"),
                    inCatalog.contains(o.str("hilist_code"))));
        }
        String medType = enc.optStr("med_type") == null ? "11" : enc.str("med_type");
        return new SettlementFacts(null, p.psnNo(), p.gend(), p.brdy(), p.insuDate(), p.pausInsuDate(), p.insuplcAdmdvs(),
                inst.code(), inst.kind(), levelled.level() == null ? null : levelled.level().name(), inst.internetOf(),
                enc.str("mdtrt_id"), enc.dateTime("adm_date"), medType,
                call.env().mdtrtareaAdmvs() != null ? call.env().mdtrtareaAdmvs() : inst.admdvs(), inst.episodeInstitution(), lines);
    }

    private ObjectNode row(Finding f, String taskId, String psnNo, Claim claim) {
        ObjectNode r = json.createObjectNode();
        String jrId = id(taskId + "|" + f.key());
        r.put("jr_id", jrId);
        r.put("rule_id", f.rule().id());
        r.put("rule_name", f.rule().name());
        r.put("vola_cont", f.content());
        r.put("patn_id", psnNo);
        r.put("mdtrt_id", claim.encounter().mdtrtId());
        r.put("vola_amt", f.amount().amount());
        r.put("vola_amt_stas", "1");
        r.put("sev_deg", String.valueOf(f.rule().severity()));
        r.put("vola_evid", f.evidence());
        r.put("vola_bhvr_type", f.rule().behaviour());
        r.put("task_id", taskId);
        ArrayNode details = r.putArray("judge_result_detail_dtos");
        for (String sn : f.items()) {
            ObjectNode d = json.createObjectNode();
            d.put("jrd_id", id(jrId + "|" + sn));
            d.put("patn_id", psnNo);
            d.put("mdtrt_id", claim.encounter().mdtrtId());
            d.put("rx_id", sn);
            Claim.Charge ch = claim.charges().stream().filter(c -> c.sn().equals(sn)).findFirst().orElseThrow();
            d.put("vola_item_type", ch.drug() ? "1" : "2");
            d.put("vola_amt", ch.total().amount());
            details.add(d);
        }
        return r;
    }

    /** A stable id: the same question asked twice gets the same jr_id (so a 3103-style feedback can name it). */
    private static String id(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    }
}
