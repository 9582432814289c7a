package cn.gongji.registry;

import cn.gongji.common.Admdvs;
import cn.gongji.web.AgencyProblem;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changing and ending off-site registrations (异地就医备案变更、终止) with their history: every change
 * or end writes a new version and stamps the previous one {@code ended_at} and {@code superseded_by};
 * no version is edited otherwise. Only the current version (ended_at null) is in force, so a
 * settlement sees exactly one answer for a date and place.
 */
@Service
public class OffsiteRegistrations {

    /** One version of a registration. */
    public record Version(long registrationId, Long firstId, String psnNo, String admdvs, String category, LocalDate begndate,
            LocalDate enddate, String changeKind, String reason, String createdAt, String endedAt, Long supersededBy) {
        boolean current() {
            return endedAt == null;
        }
    }

    /** The fields of a change; null = unchanged (enddate: {@code clearEnddate} makes it open-ended). */
    public record Change(String admdvs, OffsiteCategory category, LocalDate begndate, LocalDate enddate, boolean clearEnddate,
            String reason) {}

    private final JdbcClient db;
    private final PersonService persons;
    private final Clock clock;

    public OffsiteRegistrations(JdbcClient db, PersonService persons, Clock clock) {
        this.db = db;
        this.persons = persons;
        this.clock = clock;
    }

    /** Every version of every registration of the person, oldest first. */
    public List<Version> history(String psnNo) {
        persons.requirePerson(psnNo);
        return db.sql(SELECT + " where psn_no = :p order by registration_id").param("p", psnNo).query(this::version).list();
    }

    @Transactional
    public Version change(String psnNo, long id, Change c) {
        persons.lockPerson(psnNo);
        Version old = current(psnNo, id);
        String admdvs = c.admdvs() != null ? c.admdvs() : old.admdvs();
        String category = c.category() != null ? c.category().code : old.category();
        LocalDate begn = c.begndate() != null ? c.begndate() : old.begndate();
        LocalDate end = c.clearEnddate() ? null : (c.enddate() != null ? c.enddate() : old.enddate());
        if (end != null && end.isBefore(begn)) {
            throw AgencyProblem.invalid("enddate", "不能早于 begndate " + begn, "must not be before begndate " + begn);
        }
        if (Admdvs.sameCity(admdvs, insuredArea(psnNo))) {
            throw AgencyProblem.invalid("admdvs", "就医地与参保地属同一统筹区，无需异地备案",
                    "is in the insured place's own city; off-site registration is for other cities");
        }
        if (admdvs.equals(old.admdvs()) && category.equals(old.category()) && begn.equals(old.begndate())
                && java.util.Objects.equals(end, old.enddate())) {
            throw AgencyProblem.invalid("", "变更内容与现有备案相同", "the change changes nothing");
        }
        return supersede(old, admdvs, category, begn, end, "changed", c.reason());
    }

    /**
     * Ends the registration on {@code enddate} (default today): care after it is not covered. The
     * day before begndate withdraws it entirely. An end never extends a registration.
     */
    @Transactional
    public Version end(String psnNo, long id, LocalDate enddate, String reason) {
        persons.lockPerson(psnNo);
        Version old = current(psnNo, id);
        LocalDate end = enddate != null ? enddate : LocalDate.now(clock);
        if (end.isBefore(old.begndate().minusDays(1))) {
            throw AgencyProblem.invalid("enddate", "不能早于 begndate 前一日 " + old.begndate().minusDays(1) + "（前一日即撤销备案）",
                    "must not be before the day before begndate (that day withdraws the registration)");
        }
        if (old.enddate() != null && end.isAfter(old.enddate())) {
            throw AgencyProblem.invalid("enddate", "终止日期不能晚于原备案截止日期 " + old.enddate() + "（延长请用变更）",
                    "an end cannot extend the registration beyond " + old.enddate() + " (change it instead)");
        }
        return supersede(old, old.admdvs(), old.category(), old.begndate(), end, "ended", reason);
    }

    private Version supersede(Version old, String admdvs, String category, LocalDate begn, LocalDate end, String kind,
            String reason) {
        Timestamp now = Timestamp.from(clock.instant());
        long newId = db.sql("""
                insert into offsite_registration (psn_no, admdvs, category, begndate, enddate, change_kind, reason, first_id,
                    created_at)
                values (:p, :a, :c, :b, :e, :k, :r, :f, :t) returning registration_id
                """).param("p", old.psnNo()).param("a", admdvs).param("c", category).param("b", begn).param("e", end)
                .param("k", kind).param("r", reason).param("f", old.firstId() != null ? old.firstId() : old.registrationId())
                .param("t", now).query(Long.class).single();
        db.sql("update offsite_registration set ended_at = :t, superseded_by = :n where registration_id = :o")
                .param("t", now).param("n", newId).param("o", old.registrationId()).update();
        return db.sql(SELECT + " where registration_id = :id").param("id", newId).query(this::version).single();
    }

    private Version current(String psnNo, long id) {
        Version v = db.sql(SELECT + " where registration_id = :id and psn_no = :p").param("id", id).param("p", psnNo)
                .query(this::version).optional()
                .orElseThrow(() -> AgencyProblem.notFound("异地备案 offsite registration", String.valueOf(id)));
        if (!v.current()) {
            throw AgencyProblem.conflict("registration_id", "该备案版本已被 " + v.supersededBy() + " 取代，请对最新版本操作",
                    "this version was superseded by " + v.supersededBy() + "; act on the current version");
        }
        if ("ended".equals(v.changeKind())) {
            throw AgencyProblem.conflict("registration_id", "该备案已终止（" + v.enddate() + "），如需再次备案请重新登记",
                    "the registration has ended; file a new one");
        }
        return v;
    }

    private String insuredArea(String psnNo) {
        return db.sql("select insuplc_admdvs from person where psn_no = :p").param("p", psnNo).query(String.class).single();
    }

    private static final String SELECT = """
            select registration_id, first_id, psn_no, admdvs, category, begndate, enddate, change_kind, reason, created_at,
                   ended_at, superseded_by
            from offsite_registration""";

    private Version version(ResultSet rs, int i) throws SQLException {
        long first = rs.getLong("first_id");
        Long firstId = rs.wasNull() ? null : first;
        long sup = rs.getLong("superseded_by");
        Long supersededBy = rs.wasNull() ? null : sup;
        return new Version(rs.getLong("registration_id"), firstId, rs.getString("psn_no"), rs.getString("admdvs"),
                rs.getString("category"), rs.getObject("begndate", LocalDate.class), rs.getObject("enddate", LocalDate.class),
                rs.getString("change_kind"), rs.getString("reason"), persons.ts(rs, "created_at"), persons.ts(rs, "ended_at"),
                supersededBy);
    }
}
