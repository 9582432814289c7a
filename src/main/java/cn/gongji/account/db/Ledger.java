package cn.gongji.account.db;

import cn.gongji.account.AccountSource;
import cn.gongji.account.AccountState;
import cn.gongji.account.Entry;
import cn.gongji.account.EntryKind;
import cn.gongji.account.LedgerRefused;
import cn.gongji.account.LedgerRules;
import cn.gongji.account.NewEntry;
import cn.gongji.account.Posting;
import cn.gongji.account.Posting.EntryKey;
import cn.gongji.common.Money;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SQL side of the personal-account ledger: every movement of account money goes through
 * {@link #post}. Inside one transaction it locks the accounts touched (ordered by psn_no, the order
 * every writer uses, so two writers never deadlock), finds entries already made under the same
 * (psn_no, kind, ref), decides each posting with the pure {@link LedgerRules}, appends the new
 * entries and sets the balances. A refusal throws {@link LedgerRefused} before anything is written.
 *
 * <p>The balance is kept on the account row (the lock) and always equals the sum of the entries;
 * the table's {@code check (balance >= 0)} is a second guard behind the rules.
 */
@Component
public class Ledger {

    /** One posting's result: its entry, and whether it had already been made (a replay). */
    public record Result(Entry entry, boolean replayed) {}

    private final JdbcClient db;
    private final TransactionTemplate tx;

    public Ledger(JdbcClient db, PlatformTransactionManager tm) {
        this.db = db;
        this.tx = new TransactionTemplate(tm);
    }

    /** Posts in the caller's Spring transaction (joined), or in a transaction of its own. */
    public List<Result> post(List<Posting> postings) {
        return tx.execute(s -> postWith(db, postings));
    }

    public Result post(Posting posting) {
        return post(List.of(posting)).getFirst();
    }

    /**
     * Posts on a JDBC connection whose transaction the caller owns (autocommit off): the caller
     * commits or, after a {@link LedgerRefused}, rolls back.
     */
    public List<Result> post(Connection connection, List<Posting> postings) throws SQLException {
        if (connection.getAutoCommit()) {
            throw new IllegalStateException("ledger postings must run inside the caller's transaction (autocommit is on)");
        }
        return postWith(JdbcClient.create(new SingleConnectionDataSource(connection, true)), postings);
    }

    /**
     * The accounts that may pay a patient's personal share, in PROTOCOL.md §3's payer order (own
     * account first, then the holders who bound the patient, in binding order). Only the patient's
     * OWN account is locked for the caller's transaction: a holder's account may live on another node
     * (sharded by psn_no) and is drawn on through a reservation in a transaction of its own on that
     * node ({@link FamilyAid}), so the holders' balances here are as read, unlocked. Closed or missing
     * accounts are left out: they cannot pay.
     */
    public List<AccountSource> lockPayers(String patientPsnNo) {
        return payers(patientPsnNo, true);
    }

    /** As {@link #lockPayers}, optionally without locking (a pre-settlement only looks). */
    public List<AccountSource> payers(String patientPsnNo, boolean lock) {
        return tx.execute(s -> {
            List<String> order = new ArrayList<>();
            order.add(patientPsnNo);
            order.addAll(db.sql("""
                    select psn_no from family_binding
                    where member_psn_no = :p and unbound_at is null
                    order by bound_at, binding_id
                    """).param("p", patientPsnNo).query(String.class).list());
            Map<String, AccountState> accounts = new HashMap<>();
            if (lock) {
                accounts.putAll(lock(db, List.of(patientPsnNo)));
                if (order.size() > 1) {
                    accounts.putAll(read(db, order.subList(1, order.size())));
                }
            } else {
                accounts.putAll(read(db, order));
            }
            List<AccountSource> sources = new ArrayList<>();
            for (String psn : order) {
                AccountState a = accounts.get(psn);
                if (a != null && a.isOpen()) {
                    sources.add(new AccountSource(psn, a.balance(), psn.equals(patientPsnNo)));
                }
            }
            return sources;
        });
    }

    static List<Result> postWith(JdbcClient db, List<Posting> postings) {
        if (postings.isEmpty()) {
            return List.of();
        }
        for (Posting p : postings) {
            if (p.kind().opens()) {
                // a transfer-in may open the account: create the row first so that it can be locked
                db.sql("insert into account (psn_no) values (:p) on conflict (psn_no) do nothing")
                        .param("p", p.psnNo()).update();
            }
        }
        Map<String, AccountState> accounts = lock(db, postings.stream().map(Posting::psnNo).toList());
        return decideAndWrite(db, postings, accounts, existing(db, postings));
    }

    /**
     * Posts under a NEW ref (e.g. a setl_id just made) on open accounts the caller locked earlier in
     * the same transaction ({@link #lockPayers}), as they were when locked: no second lock and no
     * look-up of earlier entries under the ref — two round trips fewer on the settlement path. Were
     * the ref not new after all, the unique (psn_no, kind, ref) of account_entry refuses the insert
     * and the caller's transaction rolls back, so nothing is ever posted twice.
     */
    public List<Result> postNewOnLocked(List<Posting> postings, List<AccountSource> locked) {
        if (postings.isEmpty()) {
            return List.of();
        }
        Map<String, AccountState> accounts = new HashMap<>();
        locked.forEach(a -> accounts.put(a.psnNo(), AccountState.open(a.psnNo(), a.available())));
        for (Posting p : postings) {
            if (!accounts.containsKey(p.psnNo()) || p.kind().opens()) {
                throw new IllegalArgumentException("not a draw on an account locked by the caller: " + p.key());
            }
        }
        return tx.execute(s -> decideAndWrite(db, postings, accounts, Map.of()));
    }

    /**
     * Posts on accounts the caller locked in this transaction ({@link #lock}), looking for entries
     * already made under the same keys first (a replay returns them). For {@link FamilyAid}, which
     * needs the locked balance before it knows what to post.
     */
    static List<Result> postOnLocked(JdbcClient db, List<Posting> postings, Map<String, AccountState> locked) {
        return postings.isEmpty() ? List.of() : decideAndWrite(db, postings, locked, existing(db, postings));
    }

    private static List<Result> decideAndWrite(JdbcClient db, List<Posting> postings, Map<String, AccountState> accounts,
            Map<EntryKey, Entry> existing) {
        Set<EntryKey> keys = new HashSet<>();
        for (Posting p : postings) {
            if (!keys.add(p.key())) {
                throw new IllegalArgumentException("the same (psn_no, kind, ref) twice in one call: " + p.key());
            }
        }
        Map<String, AccountState> changed = new LinkedHashMap<>();
        List<Object> outcomes = new ArrayList<>();
        for (Posting p : postings) {
            AccountState state = changed.getOrDefault(p.psnNo(),
                    accounts.getOrDefault(p.psnNo(), AccountState.none(p.psnNo())));
            switch (LedgerRules.post(state, Optional.ofNullable(existing.get(p.key())), p)) {
                case LedgerRules.Refused r -> throw new LedgerRefused(r.refusal());
                case LedgerRules.Replayed r -> outcomes.add(new Result(r.first(), true));
                case LedgerRules.Posted ok -> {
                    changed.put(p.psnNo(), ok.after());
                    outcomes.add(ok.entry());
                }
            }
        }
        List<Result> results = new ArrayList<>();
        for (Object o : outcomes) {
            results.add(o instanceof NewEntry n ? new Result(insert(db, n), false) : (Result) o);
        }
        changed.values().forEach(a -> update(db, a));
        return results;
    }

    static Map<String, AccountState> lock(JdbcClient db, List<String> psnNos) {
        Map<String, AccountState> out = new HashMap<>();
        db.sql("""
                select psn_no, balance, status, closed_reason from account
                where psn_no in (:ps) order by psn_no for update
                """).param("ps", psnNos.stream().distinct().toList())
                .query((rs, i) -> new AccountState(rs.getString(1), Money.of(rs.getBigDecimal(2)),
                        AccountState.Status.valueOf(rs.getString(3).toUpperCase(java.util.Locale.ROOT)), rs.getString(4)))
                .list()
                .forEach(a -> out.put(a.psnNo(), a));
        return out;
    }

    private static Map<String, AccountState> read(JdbcClient db, List<String> psnNos) {
        Map<String, AccountState> out = new HashMap<>();
        db.sql("select psn_no, balance, status, closed_reason from account where psn_no in (:ps)")
                .param("ps", psnNos.stream().distinct().toList())
                .query((rs, i) -> new AccountState(rs.getString(1), Money.of(rs.getBigDecimal(2)),
                        AccountState.Status.valueOf(rs.getString(3).toUpperCase(java.util.Locale.ROOT)), rs.getString(4)))
                .list()
                .forEach(a -> out.put(a.psnNo(), a));
        return out;
    }

    private static Map<EntryKey, Entry> existing(JdbcClient db, List<Posting> postings) {
        Map<EntryKey, Entry> out = new HashMap<>();
        db.sql("select " + COLUMNS + " from account_entry where psn_no in (:ps) and ref in (:refs)")
                .param("ps", postings.stream().map(Posting::psnNo).distinct().toList())
                .param("refs", postings.stream().map(Posting::ref).distinct().toList())
                .query((rs, i) -> entry(rs))
                .list()
                .forEach(e -> out.put(e.key(), e));
        return out;
    }

    private static Entry insert(JdbcClient db, NewEntry n) {
        return db.sql("""
                insert into account_entry
                    (psn_no, amount, kind, ref, reason, counterparty_psn_no, balance_after, actor, memo, created_at)
                values (:psn, :amount, :kind, :ref, :reason, :cp, :after, :actor, :memo, clock_timestamp())
                returning
                """ + COLUMNS)
                .param("psn", n.psnNo())
                .param("amount", n.amount().amount())
                .param("kind", n.kind().code())
                .param("ref", n.ref())
                .param("reason", n.reason())
                .param("cp", n.counterpartyPsnNo())
                .param("after", n.balanceAfter().amount())
                .param("actor", n.actor())
                .param("memo", n.memo())
                .query((rs, i) -> entry(rs))
                .single();
    }

    private static void update(JdbcClient db, AccountState a) {
        db.sql("""
                update account set balance = :b, status = :s,
                    closed_at = case when :s = 'closed' then coalesce(closed_at, now()) end,
                    closed_reason = :r
                where psn_no = :p
                """)
                .param("b", a.balance().amount())
                .param("s", a.status().code())
                .param("r", a.closedReason())
                .param("p", a.psnNo())
                .update();
    }

    static final String COLUMNS =
            "entry_id, psn_no, kind, amount, ref, reason, counterparty_psn_no, balance_after, actor, memo, created_at";

    static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getLong("entry_id"), rs.getString("psn_no"), EntryKind.fromCode(rs.getString("kind")),
                Money.of(rs.getBigDecimal("amount")), rs.getString("ref"), rs.getString("reason"),
                rs.getString("counterparty_psn_no"), Money.of(rs.getBigDecimal("balance_after")), rs.getString("actor"),
                rs.getString("memo"), rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
