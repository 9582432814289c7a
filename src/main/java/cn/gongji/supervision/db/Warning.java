package cn.gongji.supervision.db;

import cn.gongji.common.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A stored warning (supervision_warning). */
public record Warning(long warningId, String dedupKey, String source, String ruleId, String ruleName, String resultType,
        String sevDeg, String grade, String setlId, String mdtrtId, String psnNo, String fixmedinsCode, LocalDate careDate,
        Money amount, String content, String evidence, String status, OffsetDateTime dueAt, String appealText,
        OffsetDateTime createdAt) {

    static final String COLUMNS = """
            warning_id, dedup_key, source, rule_id, rule_name, result_type, sev_deg, grade, setl_id, mdtrt_id, psn_no,
            fixmedins_code, care_date, amount, content, evidence, status, due_at, appeal_text, created_at""";

    static Warning map(ResultSet rs, int i) throws SQLException {
        return new Warning(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                rs.getObject(13, LocalDate.class), Money.of(rs.getBigDecimal(14)), rs.getString(15), rs.getString(16),
                rs.getString(17), rs.getObject(18, OffsetDateTime.class), rs.getString(19), rs.getObject(20, OffsetDateTime.class));
    }

    /** One audit-trail row. */
    public record Event(long eventId, String fromStatus, String toStatus, String action, String actorKind, String actor,
            String note, OffsetDateTime at) {}
}
