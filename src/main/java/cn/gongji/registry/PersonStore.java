package cn.gongji.registry;

import cn.gongji.ops.pii.PiiCrypto;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.Map;
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
    private final PiiCrypto crypto;

    public PersonStore(JdbcClient db, JdbcTemplate jdbc, PiiCrypto crypto) {
        this.db = db;
        this.jdbc = jdbc;
        this.crypto = crypto;
    }

    public record Registered(String psnNo, NewPerson person) {}

    public List<String> nextPsnNos(int n) {
        return db.sql("select nextval('psn_no_seq') from generate_series(1, :n)")
                .param("n", n)
                .query(Long.class).list().stream().map(PsnNo::format).toList();
    }

    /**
     * Which of the given values already exist in person.{column} (column is one of our unique keys).
     * ID numbers are looked up by their keyed hash ({@code certno_hash}); the plaintext is not stored.
     */
    public Set<String> existing(String column, Collection<String> values) {
        if (!Set.of("certno", "card_no", "evoucher_token").contains(column) || values.isEmpty()) {
            return Set.of();
        }
        if (column.equals("certno")) {
            Map<String, String> byHash = new HashMap<>();
            values.forEach(v -> byHash.put(crypto.hash(v), v));
            return new HashSet<>(db.sql("select certno_hash from person where certno_hash = any(:h)")
                    .param("h", byHash.keySet().toArray(String[]::new))
                    .query(String.class).list().stream().map(byHash::get).toList());
        }
        return new HashSet<>(db.sql("select " + column + " from person where " + column + " = any(:v)")
                .param("v", values.toArray(String[]::new))
                .query(String.class).list());
    }

    /**
     * Writes the rows with one multi-row statement per table (arrays unnested by PostgreSQL): an
     * import of 100,000 persons takes a few round trips per 1,000 rows instead of 4,000.
     */
    public boolean certnoTaken(String certno) {
        return !existing("certno", List.of(certno)).isEmpty();
    }

    public void insert(List<Registered> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int n = rows.size();
        String[] psnNo = new String[n], certnoEnc = new String[n], certnoHash = new String[n], name = new String[n], gend = new String[n],
                brdy = new String[n], admdvs = new String[n], emp = new String[n], insuDate = new String[n],
                card = new String[n], token = new String[n], status = new String[n], month = new String[n],
                base = new String[n], zero = new String[n];
        for (int i = 0; i < n; i++) {
            Registered r = rows.get(i);
            NewPerson p = r.person();
            psnNo[i] = r.psnNo();
            certnoEnc[i] = crypto.encrypt(p.certno().value());
            certnoHash[i] = crypto.hash(p.certno().value());
            name[i] = p.psnName();
            gend[i] = p.gend();
            brdy[i] = p.brdy().toString();
            admdvs[i] = p.insuplcAdmdvs();
            emp[i] = p.empName();
            insuDate[i] = p.insuDate().toString();
            card[i] = p.cardNo();
            token[i] = p.evoucherToken();
            status[i] = p.status().code();
            month[i] = p.baseMonth().toString();
            base[i] = p.contributionBase() == null ? null : p.contributionBase().toString();
            zero[i] = "0.00";
        }
        unnest("""
                insert into person (psn_no, certno_enc, certno_hash, psn_name, gend, brdy, insuplc_admdvs, emp_name,
                                    insu_date, card_no, evoucher_token)
                select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]::date[],
                                     ?::text[], ?::text[], ?::text[]::date[], ?::text[], ?::text[])
                """, psnNo, certnoEnc, certnoHash, name, gend, brdy, admdvs, emp, insuDate, card, token);
        unnest("""
                insert into person_status (psn_no, seq, status, processed_date)
                select p, 0, s, d from unnest(?::text[], ?::text[], ?::text[]::date[]) as t (p, s, d)
                """, psnNo, status, insuDate);
        unnest("""
                insert into contribution_base (psn_no, effective_month, amount)
                select p, m, a from unnest(?::text[], ?::text[]::date[], ?::text[]::numeric[]) as t (p, m, a)
                where a is not null
                """, psnNo, month, base);
        unnest("insert into account (psn_no, balance) select p, b from unnest(?::text[], ?::text[]::numeric[]) as t (p, b)",
                psnNo, zero);
    }

    private void unnest(String sql, String[]... columns) {
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement(sql);
            for (int i = 0; i < columns.length; i++) {
                ps.setArray(i + 1, con.createArrayOf("text", columns[i]));
            }
            return ps;
        });
    }
}
