package cn.gongji.registry;

import cn.gongji.web.AgencyProblem;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Insurance status (参保状态): suspended (暂停) or ended (终止) from a date, or active again. Kept as
 * history in insurance_status_change; person.paus_insu_date mirrors the latest suspension or end
 * (1101 answers psn_insu_stas from it). Settlement pays no pooling on a date the insurance is
 * suspended or ended (settlement.CoverageRules); the personal account stays usable.
 */
@Service
public class InsuranceStatus {

    public static final Set<String> STATUSES = Set.of("suspended", "ended", "active");

    public record Change(long changeId, String status, LocalDate effectiveDate, String reason) {}

    private final JdbcClient db;
    private final PersonService persons;

    public InsuranceStatus(JdbcClient db, PersonService persons) {
        this.db = db;
        this.persons = persons;
    }

    @Transactional
    public List<Change> record(String psnNo, String status, LocalDate effective, String reason) {
        persons.lockPerson(psnNo);
        List<Change> history = history(psnNo);
        if (!history.isEmpty() && effective.isBefore(history.getLast().effectiveDate())) {
            throw AgencyProblem.invalid("effective_date", "不能早于上一次参保状态变更的日期 " + history.getLast().effectiveDate(),
                    "must not be before the previous change's effective_date");
        }
        String current = history.isEmpty() ? "active" : history.getLast().status();
        if (current.equals(status)) {
            throw AgencyProblem.conflict("status", "参保状态已是 " + status, "the insurance status is already " + status);
        }
        db.sql("insert into insurance_status_change (psn_no, status, effective_date, reason) values (:p, :s, :d, :r)")
                .param("p", psnNo).param("s", status).param("d", effective).param("r", reason).update();
        db.sql("update person set paus_insu_date = :d where psn_no = :p")
                .param("d", status.equals("active") ? null : effective).param("p", psnNo).update();
        return history(psnNo);
    }

    public List<Change> history(String psnNo) {
        return db.sql("""
                select change_id, status, effective_date, reason from insurance_status_change
                where psn_no = :p order by effective_date, change_id
                """).param("p", psnNo)
                .query((rs, i) -> new Change(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getString(4)))
                .list();
    }
}
