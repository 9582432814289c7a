package cn.gongji.registry;

import cn.gongji.ops.pii.PiiCrypto;
import cn.gongji.policy.PersonStatus;

import cn.gongji.registry.PersonStore.Registered;
import cn.gongji.registry.Views.Binding;
import cn.gongji.registry.Views.ContributionBase;
import cn.gongji.registry.Views.Offsite;
import cn.gongji.registry.Views.Profile;
import cn.gongji.registry.Views.StatusEntry;
import cn.gongji.web.AgencyProblem;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registering persons and keeping their status history. Every method is one transaction. */
@Service
public class PersonService {

    static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final JdbcClient db;
    private final PersonStore store;
    private final Clock clock;
    private final PiiCrypto crypto;

    public PersonService(JdbcClient db, PersonStore store, Clock clock, PiiCrypto crypto) {
        this.crypto = crypto;
        this.db = db;
        this.store = store;
        this.clock = clock;
    }

    @Transactional
    public String register(NewPerson p) {
        if (store.certnoTaken(p.certno().value())) {
            throw AgencyProblem.conflict("certno", "该身份证号已登记", "a person with this certno is already registered");
        }
        if (p.cardNo() != null && !store.existing("card_no", List.of(p.cardNo())).isEmpty()) {
            throw AgencyProblem.conflict("card_no", "该社保卡号已被使用", "this card number belongs to another person");
        }
        if (p.evoucherToken() != null && !store.existing("evoucher_token", List.of(p.evoucherToken())).isEmpty()) {
            throw AgencyProblem.conflict("evoucher_token", "该电子凭证已被使用", "this e-voucher token belongs to another person");
        }
        String psnNo = store.nextPsnNos(1).getFirst();
        store.insert(List.of(new Registered(psnNo, p)));
        return psnNo;
    }

    /** Locks the person's row for the rest of the transaction; 404 when unknown. */
    void lockPerson(String psnNo) {
        db.sql("select psn_no from person where psn_no = :p for update").param("p", psnNo)
                .query(String.class).optional()
                .orElseThrow(() -> AgencyProblem.notFound("参保人 person", psnNo));
    }

    public void requirePerson(String psnNo) {
        boolean exists = db.sql("select exists(select 1 from person where psn_no = :p)").param("p", psnNo)
                .query(Boolean.class).single();
        if (!exists) {
            throw AgencyProblem.notFound("参保人 person", psnNo);
        }
    }

    @Transactional
    public List<StatusEntry> changeStatus(String psnNo, PersonStatus status, LocalDate processed) {
        if (processed.isAfter(LocalDate.now(clock))) {
            // a change is recorded once processed; one dated ahead would also bar every correction dated
            // before it (a later change may not be dated before the previous one)
            throw AgencyProblem.invalid("processed_date", "办理日期不能晚于今天（变更办理后再登记）",
                    "must not lie in the future: record a change once it has been processed");
        }
        lockPerson(psnNo);
        List<StatusEntry> history = statusHistory(psnNo);
        StatusEntry last = history.getLast();
        if (processed.isBefore(last.processedDate())) {
            throw AgencyProblem.invalid("processed_date", "不能早于上一次变更的办理日期 " + last.processedDate(),
                    "must not be before the previous change's processed_date " + last.processedDate());
        }
        if (last.status().equals(status.code())) {
            throw AgencyProblem.conflict("status", "状态已是 " + status.code() + "，无需变更",
                    "the status is already " + status.code() + "; nothing to change");
        }
        db.sql("insert into person_status (psn_no, seq, status, processed_date) values (:p, :s, :st, :d)")
                .param("p", psnNo).param("s", last.seq() + 1).param("st", status.code()).param("d", processed)
                .update();
        return statusHistory(psnNo);
    }

    public List<StatusEntry> statusHistory(String psnNo) {
        return db.sql("select seq, status, processed_date from person_status where psn_no = :p order by seq")
                .param("p", psnNo)
                .query((rs, i) -> {
                    int seq = rs.getInt("seq");
                    LocalDate d = rs.getObject("processed_date", LocalDate.class);
                    // seq 0 is in force from the start; a change from the first of the next month (POLICY.md §1)
                    LocalDate from = seq == 0 ? null : d.withDayOfMonth(1).plusMonths(1);
                    return new StatusEntry(seq, rs.getString("status"), d, from);
                })
                .list();
    }

    @Transactional(readOnly = true)
    public Profile profile(String psnNo) {
        return db.sql("""
                select psn_no, certno_enc, psn_name, gend, brdy, insuplc_admdvs, emp_name, insutype, insu_date,
                       card_no, evoucher_token
                from person where psn_no = :p
                """).param("p", psnNo)
                .query((rs, i) -> new Profile(rs.getString("psn_no"), crypto.decrypt(rs.getString("certno_enc")), rs.getString("psn_name"),
                        rs.getString("gend"), rs.getObject("brdy", LocalDate.class), rs.getString("insuplc_admdvs"),
                        rs.getString("emp_name"), rs.getString("insutype"), rs.getObject("insu_date", LocalDate.class),
                        rs.getString("card_no"), rs.getString("evoucher_token"), statusHistory(psnNo),
                        contributionBases(psnNo), bindings("psn_no", psnNo), bindings("member_psn_no", psnNo),
                        offsite(psnNo)))
                .optional()
                .orElseThrow(() -> AgencyProblem.notFound("参保人 person", psnNo));
    }

    private List<ContributionBase> contributionBases(String psnNo) {
        return db.sql("select effective_month, amount from contribution_base where psn_no = :p order by effective_month")
                .param("p", psnNo)
                .query((rs, i) -> new ContributionBase(rs.getObject(1, LocalDate.class), rs.getBigDecimal(2)))
                .list();
    }

    List<Binding> bindings(String column, String psnNo) {
        String where = column.equals("psn_no") ? "psn_no = :p" : "member_psn_no = :p";
        return db.sql("select * from family_binding where " + where + " order by binding_id")
                .param("p", psnNo)
                .query((rs, i) -> binding(rs))
                .list();
    }

    Binding binding(ResultSet rs) throws SQLException {
        return new Binding(rs.getLong("binding_id"), rs.getString("psn_no"), rs.getString("member_psn_no"),
                rs.getString("relation"), ts(rs, "bound_at"), ts(rs, "unbound_at"));
    }

    private List<Offsite> offsite(String psnNo) {
        return db.sql("""
                select registration_id, admdvs, category, begndate, enddate, change_kind, ended_at is null
                from offsite_registration where psn_no = :p order by registration_id
                """).param("p", psnNo)
                .query((rs, i) -> new Offsite(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class), rs.getString(6), rs.getBoolean(7)))
                .list();
    }

    String ts(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.atZoneSameInstant(clock.getZone()).format(TS);
    }
}
