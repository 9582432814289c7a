package cn.gongji.supervision.web;

import cn.gongji.supervision.RuleDef;
import cn.gongji.supervision.RuleSettings;
import cn.gongji.supervision.Rules;
import cn.gongji.supervision.Scene;
import cn.gongji.supervision.Stage;
import cn.gongji.supervision.db.Warning;
import cn.gongji.supervision.db.WarningStore;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The agency API's JSON shapes for supervision (snake_case, times yyyy-MM-dd HH:mm:ss in the business zone). */
final class SupervisionViews {

    private SupervisionViews() {}

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    static Map<String, Object> rule(RuleDef d, RuleSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule_id", d.id());
        m.put("rule_name", d.name());
        m.put("english", Rules.english(d.id()));
        m.put("category", d.category().label());
        m.put("result_type", d.resultType().code());
        m.put("window", d.window());
        m.put("scenes", d.scenes().stream().sorted().map(Scene::label).toList());
        m.put("stages", d.stages().stream().sorted().map(Stage::label).toList());
        m.put("sev_deg", String.valueOf(d.severity()));
        m.put("vola_bhvr_type", d.behaviour());
        m.put("basis", d.basis());
        m.put("enabled", s.enabled(d.id()));
        m.put("params", new TreeMap<>(s.paramsOf(d).values()));
        m.put("defaults", new TreeMap<>(d.defaults()));
        return m;
    }

    static Map<String, Object> warning(Warning w, ZoneId zone, OffsetDateTime now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("warning_id", w.warningId());
        m.put("rule_id", w.ruleId());
        m.put("rule_name", w.ruleName());
        m.put("result_type", w.resultType());
        m.put("sev_deg", w.sevDeg());
        m.put("grade", w.grade());
        m.put("source", w.source());
        m.put("setl_id", w.setlId());
        m.put("mdtrt_id", w.mdtrtId());
        m.put("psn_no", w.psnNo());
        m.put("fixmedins_code", w.fixmedinsCode());
        m.put("care_date", w.careDate().toString());
        m.put("amount", w.amount().amount());
        m.put("content", w.content());
        m.put("evidence", w.evidence());
        m.put("status", w.status());
        m.put("due_at", ts(w.dueAt(), zone));
        m.put("overdue", w.dueAt() != null && w.dueAt().isBefore(now) && !List.of("confirmed", "dismissed").contains(w.status()));
        m.put("appeal_text", w.appealText());
        m.put("created_at", ts(w.createdAt(), zone));
        return m;
    }

    static Map<String, Object> event(Warning.Event e, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from_status", e.fromStatus());
        m.put("to_status", e.toStatus());
        m.put("action", e.action());
        m.put("actor_kind", e.actorKind());
        m.put("actor", e.actor());
        m.put("note", e.note());
        m.put("at", ts(e.at(), zone));
        return m;
    }

    static Map<String, Object> recovery(WarningStore.Recovery r, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recovery_id", r.recoveryId());
        m.put("warning_id", r.warningId());
        m.put("setl_id", r.setlId());
        m.put("fixmedins_code", r.fixmedinsCode());
        m.put("amount", r.amount().amount());
        m.put("reason", r.reason());
        m.put("confirmed_at", ts(r.confirmedAt(), zone));
        m.put("confirmed_by", r.confirmedBy());
        m.put("cleared_in", r.clearedIn());
        return m;
    }

    static String ts(OffsetDateTime t, ZoneId zone) {
        return t == null ? null : t.atZoneSameInstant(zone).format(TS);
    }
}
