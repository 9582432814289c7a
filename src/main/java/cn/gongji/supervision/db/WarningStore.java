package cn.gongji.supervision.db;

import cn.gongji.common.Money;
import cn.gongji.supervision.Finding;
import cn.gongji.supervision.Grade;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Warnings, their audit trail and the recoveries handed to clearing. */
@Component
public class WarningStore {

    private final JdbcClient db;

    public WarningStore(JdbcClient db) {
        this.db = db;
    }

    /** Who and what a finding is about, besides the finding itself. */
    public record Subject(String source, String setlId, String mdtrtId, String psnNo, String fixmedinsCode, LocalDate careDate,
            Grade grade) {}

    /**
     * Records a finding as a warning entering 初审 with its first audit row; nothing when a warning
     * with the same key exists. Answers whether it was new. Two plain statements (not one writable
     * CTE) so that a sharded deployment's SQL router can route them; a rule fires rarely, so the
     * second round trip costs little.
     */
    public boolean record(Finding f, Subject s, OffsetDateTime at, OffsetDateTime dueAt) {
        Optional<Long> created = db.sql("""
                insert into supervision_warning (dedup_key, source, rule_id, rule_name, result_type, sev_deg, grade,
                    setl_id, mdtrt_id, psn_no, fixmedins_code, care_date, amount, content, evidence, due_at, created_at,
                    updated_at)
                values (:key, :src, :rule, :name, :rt, :sev, :grade, :setl, :mdtrt, :psn, :inst, :care, :amt, :content,
                    :evid, :due, :at, :at)
                on conflict (dedup_key) do nothing
                returning warning_id
                """).param("key", f.key()).param("src", s.source()).param("rule", f.rule().id()).param("name", f.rule().name())
                .param("rt", f.rule().resultType().code()).param("sev", String.valueOf(f.rule().severity()))
                .param("grade", s.grade() == null ? null : s.grade().code()).param("setl", s.setlId())
                .param("mdtrt", s.mdtrtId()).param("psn", s.psnNo()).param("inst", s.fixmedinsCode())
                .param("care", s.careDate()).param("amt", f.amount().amount()).param("content", f.content())
                .param("evid", f.evidence()).param("due", dueAt).param("at", at).query(Long.class).optional();
        created.ifPresent(id -> db.sql("""
                insert into supervision_warning_event (warning_id, from_status, to_status, action, actor_kind, actor, at)
                values (:id, null, 'first_review', 'create', 'system', :src, :at)
                """).param("id", id).param("src", s.source()).param("at", at).update());
        return created.isPresent();
    }

    public Optional<Warning> find(long id) {
        return db.sql("select " + Warning.COLUMNS + " from supervision_warning where warning_id = :id").param("id", id)
                .query(Warning::map).optional();
    }

    public Optional<Warning> lock(long id) {
        return db.sql("select " + Warning.COLUMNS + " from supervision_warning where warning_id = :id for update")
                .param("id", id).query(Warning::map).optional();
    }

    /** The queue: filters are optional; {@code overdueAt} non-null lists open warnings due before it. */
    public List<Warning> list(String status, String fixmedinsCode, String ruleId, LocalDate from, LocalDate to,
            OffsetDateTime overdueAt, int limit) {
        return db.sql("select " + Warning.COLUMNS + """
                 from supervision_warning
                where (cast(:status as text) is null or status = :status)
                  and (cast(:inst as text) is null or fixmedins_code = :inst)
                  and (cast(:rule as text) is null or rule_id = :rule)
                  and (cast(:from as date) is null or care_date >= :from)
                  and (cast(:to as date) is null or care_date <= :to)
                  and (cast(:overdue as timestamptz) is null
                       or (status not in ('confirmed', 'dismissed') and due_at < :overdue))
                order by warning_id limit :limit
                """).param("status", status).param("inst", fixmedinsCode).param("rule", ruleId).param("from", from)
                .param("to", to).param("overdue", overdueAt).param("limit", limit).query(Warning::map).list();
    }

    public List<Warning.Event> events(long id) {
        return db.sql("""
                select event_id, from_status, to_status, action, actor_kind, actor, note, at
                from supervision_warning_event where warning_id = :id order by event_id
                """).param("id", id).query((rs, i) -> new Warning.Event(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class)))
                .list();
    }

    public void move(long id, String from, String to, String action, String actorKind, String actor, String note,
            OffsetDateTime at, OffsetDateTime dueAt, String appealText) {
        db.sql("""
                update supervision_warning set status = :to, due_at = :due, updated_at = :at,
                    appeal_text = coalesce(:appeal, appeal_text)
                where warning_id = :id
                """).param("to", to).param("due", dueAt).param("at", at).param("appeal", appealText).param("id", id).update();
        db.sql("""
                insert into supervision_warning_event (warning_id, from_status, to_status, action, actor_kind, actor, note, at)
                values (:id, :from, :to, :action, :kind, :actor, :note, :at)
                """).param("id", id).param("from", from).param("to", to).param("action", action).param("kind", actorKind)
                .param("actor", actor).param("note", note).param("at", at).update();
    }

    /** The fund's share of the settlement a warning names (the most a recovery may take back). */
    public Optional<Money> fundShare(String setlId) {
        return db.sql("select hifp_pay from settlement where setl_id = :s").param("s", setlId)
                .query((rs, i) -> Money.of(rs.getBigDecimal(1))).optional();
    }

    /** The clearing handoff: one recovery per confirmed warning. */
    public void recover(Warning w, Money amount, String reason, OffsetDateTime at, String actor) {
        db.sql("""
                insert into supervision_recovery (warning_id, setl_id, fixmedins_code, amount, reason, confirmed_at, confirmed_by)
                values (:w, :s, :i, :a, :r, :at, :by)
                """).param("w", w.warningId()).param("s", w.setlId()).param("i", w.fixmedinsCode()).param("a", amount.amount())
                .param("r", reason).param("at", at).param("by", actor).update();
    }

    /** Notes where clearing took the recovery of a warning (its clearing reference). */
    public void markCleared(long warningId, String clearedIn) {
        db.sql("update supervision_recovery set cleared_in = :c where warning_id = :w")
                .param("c", clearedIn).param("w", warningId).update();
    }

    public record Recovery(long recoveryId, long warningId, String setlId, String fixmedinsCode, Money amount, String reason,
            OffsetDateTime confirmedAt, String confirmedBy, String clearedIn) {}

    public List<Recovery> recoveries(String fixmedinsCode) {
        return db.sql("""
                select recovery_id, warning_id, setl_id, fixmedins_code, amount, reason, confirmed_at, confirmed_by, cleared_in
                from supervision_recovery where (cast(:i as text) is null or fixmedins_code = :i) order by recovery_id
                """).param("i", fixmedinsCode).query((rs, i) -> new Recovery(rs.getLong(1), rs.getLong(2), rs.getString(3),
                rs.getString(4), Money.of(rs.getBigDecimal(5)), rs.getString(6), rs.getObject(7, OffsetDateTime.class),
                rs.getString(8), rs.getString(9))).list();
    }
}
