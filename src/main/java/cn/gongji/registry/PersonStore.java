package cn.gongji.registry;

import java.math.BigDecimal;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for registering persons, shared by the agency API (one at a time) and the CSV importer
 * (batches). A registration writes the person, status seq 0 (processed on insu_date), the
 * contribution base of insu_date's month, and an empty personal account.
 */
@Repository
public class PersonStore {

    private final JdbcClient db;
    private final JdbcTemplate jdbc;

    public PersonStore(JdbcClient db, JdbcTemplate jdbc) {
        this.db = db;
        this.jdbc = jdbc;
    }

    public record Registered(String psnNo, NewPerson person) {}

    public List<String> nextPsnNos(int n) {
        return db.sql("select nextval('psn_no_seq') from generate_series(1, :n)")
                .param("n", n)
                .query(Long.class).list().stream().map(PsnNo::format).toList();
    }

    /** Which of the given values already exist in person.{column} (column is one of our unique keys). */
    public Set<String> existing(String column, Collection<String> values) {
        if (!Set.of("certno", "card_no", "evoucher_token").contains(column) || values.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(db.sql("select " + column + " from person where " + column + " = any(:v)")
                .param("v", values.toArray(String[]::new))
                .query(String.class).list());
    }

    public void insert(List<Registered> rows) {
        jdbc.batchUpdate("""
                insert into person (psn_no, certno, psn_name, gend, brdy, insuplc_admdvs, emp_name, insu_date,
                                    card_no, evoucher_token)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, rows, 1000, (ps, r) -> {
            NewPerson p = r.person();
            ps.setString(1, r.psnNo());
            ps.setString(2, p.certno().value());
            ps.setString(3, p.psnName());
            ps.setString(4, p.gend());
            ps.setDate(5, Date.valueOf(p.brdy()));
            ps.setString(6, p.insuplcAdmdvs());
            ps.setString(7, p.empName());
            ps.setDate(8, Date.valueOf(p.insuDate()));
            ps.setString(9, p.cardNo());
            ps.setString(10, p.evoucherToken());
        });
        jdbc.batchUpdate("""
                insert into person_status (psn_no, seq, status, processed_date) values (?, 0, ?, ?)
                """, rows, 1000, (ps, r) -> {
            ps.setString(1, r.psnNo());
            ps.setString(2, r.person().status().code);
            ps.setDate(3, Date.valueOf(r.person().insuDate()));
        });
        List<Registered> withBase = new ArrayList<>();
        for (Registered r : rows) {
            if (r.person().contributionBase() != null) {
                withBase.add(r);
            }
        }
        jdbc.batchUpdate("""
                insert into contribution_base (psn_no, effective_month, amount) values (?, ?, ?)
                """, withBase, 1000, (ps, r) -> {
            ps.setString(1, r.psnNo());
            ps.setDate(2, Date.valueOf(r.person().baseMonth()));
            ps.setBigDecimal(3, r.person().contributionBase().amount());
        });
        jdbc.batchUpdate("insert into account (psn_no, balance) values (?, ?)", rows, 1000, (ps, r) -> {
            ps.setString(1, r.psnNo());
            ps.setBigDecimal(2, BigDecimal.ZERO.setScale(2));
        });
    }
}
