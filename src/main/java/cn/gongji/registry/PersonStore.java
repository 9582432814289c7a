package cn.gongji.registry;

import cn.gongji.ops.pii.PiiCrypto;
import cn.gongji.common.Money;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
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

    /**
     * Records a person's death: charges on or after {@code diedOn} are refused by rule R12 (the settlement's
     * state read and supervision read {@code person_death}). A later record replaces the date and the source.
     */
    public void recordDeath(String psnNo, java.time.LocalDate diedOn, String source) {
        db.sql("""
                insert into person_death (psn_no, died_on, source) values (:p, :d, :s)
                on conflict (psn_no) do update set died_on = excluded.died_on, source = excluded.source, recorded_at = now()
                """).param("p", psnNo).param("d", diedOn).param("s", source).update();
    }

    /** The date of death on record for the person, if any. */
    public java.util.Optional<java.time.LocalDate> deathOnRecord(String psnNo) {
        return db.sql("select died_on from person_death where psn_no = :p").param("p", psnNo)
                .query(java.time.LocalDate.class).optional();
    }

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

    public boolean certnoTaken(String certno) {
        return !existing("certno", List.of(certno)).isEmpty();
    }

    /**
     * Writes the rows with one multi-row {@code insert … values (…), (…)} per table and per
     * {@link #ROWS_PER_STATEMENT} rows: an import of 100,000 persons takes a few round trips per
     * 1,000 rows instead of 4,000. Plain VALUES rather than arrays unnested by PostgreSQL, because
     * the sharded store (ShardingSphere) splits the rows of a VALUES list by psn_no among the nodes,
     * while it can neither route an insert from unnest() nor bind a JDBC array (docs/scale-out.md).
     */
    public void insert(List<Registered> rows) {
        insert(rows, Map.of(), null);
    }

    /**
     * How balances taken over from a previous system are booked: each as an {@code opening_balance} entry
     * (ref, reason, actor, memo as given) on the new account, whose balance it becomes (docs/accounts.md).
     */
    public record OpeningSource(String ref, String reason, String actor, String memo) {}

    /**
     * As {@link #insert(List)}, each new account opening with the balance {@code openings} gives its psn_no
     * (positive amounts only; none: an empty account), booked as {@code source} says.
     */
    public void insert(List<Registered> rows, Map<String, Money> openings, OpeningSource source) {
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<Registered> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            values("person (psn_no, certno_enc, certno_hash, psn_name, gend, brdy, insuplc_admdvs, emp_name, insu_date, card_no,"
                    + " evoucher_token)", chunk.stream().map(r -> new Object[] {r.psnNo(),
                            crypto.encrypt(r.person().certno().value()), crypto.hash(r.person().certno().value()),
                            r.person().psnName(), r.person().gend(), r.person().brdy(), r.person().insuplcAdmdvs(),
                            r.person().empName(), r.person().insuDate(), r.person().cardNo(), r.person().evoucherToken()})
                    .toList());
            values("person_status (psn_no, seq, status, processed_date)", chunk.stream()
                    .map(r -> new Object[] {r.psnNo(), 0, r.person().status().code(), r.person().insuDate()}).toList());
            values("contribution_base (psn_no, effective_month, amount)", chunk.stream()
                    .filter(r -> r.person().contributionBase() != null)
                    .map(r -> new Object[] {r.psnNo(), r.person().baseMonth(), r.person().contributionBase().amount()})
                    .toList());
            values("account (psn_no, balance)", chunk.stream()
                    .map(r -> new Object[] {r.psnNo(), openings.getOrDefault(r.psnNo(), Money.ZERO).amount()}).toList());
            values("account_entry (psn_no, amount, kind, ref, reason, balance_after, actor, memo)", chunk.stream()
                    .filter(r -> openings.getOrDefault(r.psnNo(), Money.ZERO).isPositive())
                    .map(r -> {
                        BigDecimal m = openings.get(r.psnNo()).amount();
                        return new Object[] {r.psnNo(), m, "opening_balance", source.ref(), source.reason(), m, source.actor(),
                                source.memo()};
                    }).toList());
        }
    }

    /** 1,000 rows of 11 columns: far below PostgreSQL's 65,535 parameters of one statement. */
    static final int ROWS_PER_STATEMENT = 1000;

    /** {@code insert into <into> values (?, …), (?, …) …}, one parenthesis per row. */
    private void values(String into, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        String row = "(" + String.join(", ", Collections.nCopies(rows.get(0).length, "?")) + ")";
        jdbc.update("insert into " + into + " values " + String.join(", ", Collections.nCopies(rows.size(), row)),
                rows.stream().flatMap(Arrays::stream).toArray());
    }
}
