package cn.gongji.account.db;

import cn.gongji.account.AccountState;
import cn.gongji.account.CreditFacts;
import cn.gongji.account.EntryKind;
import cn.gongji.account.MonthlyCredit;
import cn.gongji.account.MonthlyCredit.SkipReason;
import cn.gongji.benefit.StatusChange;
import cn.gongji.common.Money;
import cn.gongji.policy.PersonStatus;
import cn.gongji.policy.PolicyVersion;
import cn.gongji.policy.db.PolicyStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The monthly personal-account credit for every person (POLICY.md §5), exactly once per
 * person-month (entry kind credit, ref {@code yyyy-MM}) however often or concurrently it runs.
 *
 * <p>Persons are taken in chunks of {@value #CHUNK} in psn_no order. Each chunk is one transaction:
 * lock the chunk's account rows (ordered by psn_no, like every other ledger writer), read status
 * histories and contribution bases, decide each person with {@link MonthlyCredit}, insert the
 * credit entries in one statement with {@code on conflict do nothing}, and add to the balance of
 * exactly the rows that were inserted. A second run (or a concurrent one, which waits on the locks)
 * inserts nothing and reports those persons as skipped, already_credited.
 *
 * <p>A month is credited from its first day (zone {@code gongji.zone}), never ahead: a month that has
 * not begun has no contribution yet, and a status change processed before it begins may still change
 * its credit (POLICY.md §5, Art. 11), which a credit made in advance would freeze.
 */
@Component
public class CreditRun {

    static final int CHUNK = 1000;
    static final int PROGRESS_EVERY = 10_000;
    private static final int MAX_LISTED_FAILURES = 1000;
    private static final Logger log = LoggerFactory.getLogger(CreditRun.class);

    private final JdbcClient db;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final PolicyStore policies;
    private final Clock clock;

    public CreditRun(JdbcClient db, JdbcTemplate jdbc, PlatformTransactionManager tm, PolicyStore policies, Clock clock) {
        this.db = db;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(tm);
        this.policies = policies;
        this.clock = clock;
    }

    /** A month after the current one: not credited (it has not begun). */
    public static final class MonthNotBegun extends RuntimeException {
        private final YearMonth current;

        MonthNotBegun(YearMonth month, YearMonth current) {
            super("month " + month + " has not begun (the current month is " + current + "); a month is credited from its first day");
            this.current = current;
        }

        public YearMonth current() {
            return current;
        }
    }

    /**
     * @throws MonthNotBegun for a month after the current one
     * @throws cn.gongji.policy.PolicyBook.NoPolicyInForce for a month before the scheme began
     */
    public void checkMonth(YearMonth month) {
        YearMonth current = YearMonth.now(clock);
        if (month.isAfter(current)) {
            throw new MonthNotBegun(month, current);
        }
        policies.book().inForceOn(month.atDay(1));
    }

    private record Person(String psnNo, LocalDate insuDate, LocalDate pausInsuDate) {}

    private record Tally(int credited, List<String> skipped, Money amount) {}

    /**
     * @param progress receives a line every {@value #PROGRESS_EVERY} persons
     * @throws MonthNotBegun for a month after the current one
     * @throws cn.gongji.policy.PolicyBook.NoPolicyInForce for a month before the scheme began
     */
    public CreditSummary run(YearMonth month, String actor, Consumer<String> progress) {
        checkMonth(month);
        PolicyVersion policy = policies.book().inForceOn(month.atDay(1));
        long start = System.nanoTime();
        int persons = 0;
        int credited = 0;
        Money amount = Money.ZERO;
        Map<String, Integer> skipped = new TreeMap<>();
        int failed = 0;
        List<CreditSummary.Failure> failures = new ArrayList<>();
        String after = "";
        int nextProgress = PROGRESS_EVERY;
        while (true) {
            List<Person> chunk = page(after);
            if (chunk.isEmpty()) {
                break;
            }
            after = chunk.getLast().psnNo();
            List<CreditSummary.Failure> chunkFailures = new ArrayList<>();
            try {
                Tally t = tx.execute(s -> creditChunk(month, policy, actor, chunk, chunkFailures));
                credited += t.credited();
                amount = amount.plus(t.amount());
                t.skipped().forEach(r -> skipped.merge(r, 1, Integer::sum));
            } catch (RuntimeException e) {
                log.error("credit {}: chunk {}..{} failed", month, chunk.getFirst().psnNo(), after, e);
                chunkFailures.clear();
                String reason = "chunk_failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
                chunk.forEach(p -> chunkFailures.add(new CreditSummary.Failure(p.psnNo(), reason)));
            }
            failed += chunkFailures.size();
            for (CreditSummary.Failure f : chunkFailures) {
                if (failures.size() < MAX_LISTED_FAILURES) {
                    failures.add(f);
                }
            }
            persons += chunk.size();
            if (persons >= nextProgress) {
                progress.accept("credit " + month + ": " + persons + " persons, credited " + credited + ", skipped "
                        + skipped.values().stream().mapToInt(Integer::intValue).sum() + ", failed " + failed + ", "
                        + (System.nanoTime() - start) / 1_000_000 + " ms");
                nextProgress = (persons / PROGRESS_EVERY + 1) * PROGRESS_EVERY;
            }
        }
        int skippedTotal = skipped.values().stream().mapToInt(Integer::intValue).sum();
        return new CreditSummary(month.toString(), persons, credited, skippedTotal, failed, amount.amount(),
                skipped, List.copyOf(failures), (System.nanoTime() - start) / 1_000_000);
    }

    private List<Person> page(String after) {
        return db.sql("""
                select psn_no, insu_date, paus_insu_date from person
                where psn_no > :after order by psn_no limit :n
                """).param("after", after).param("n", CHUNK)
                .query((rs, i) -> new Person(rs.getString(1), rs.getObject(2, LocalDate.class),
                        rs.getObject(3, LocalDate.class)))
                .list();
    }

    private Tally creditChunk(YearMonth month, PolicyVersion policy, String actor, List<Person> chunk,
            List<CreditSummary.Failure> failures) {
        String first = chunk.getFirst().psnNo();
        String last = chunk.getLast().psnNo();
        // one chunk transaction of the credit at a time, deployment-wide (V018): on shards the account
        // locks below span nodes, and two runs taking them in opposite orders would wait for each other
        // across nodes, which no node can detect
        db.sql("select job from job_lock where job = 'monthly-credit' for update").query(String.class).list();
        Map<String, AccountState> accounts = lockRange(first, last);
        Map<String, List<StatusChange>> histories = histories(first, last);
        Map<String, Money> bases = bases(first, last, month);
        Map<String, Optional<LocalDate>> insurance = insuranceOnFirstDay(first, last, month);

        List<MonthlyCredit.Credit> credits = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Person p : chunk) {
            AccountState a = accounts.get(p.psnNo());
            // the insurance status recorded for the month's first day, as CoverageRules reads it for a settlement
            Optional<LocalDate> changed = insurance.get(p.psnNo());
            LocalDate suspendedFrom = changed != null ? changed.orElse(null) : p.pausInsuDate();
            CreditFacts facts = new CreditFacts(p.psnNo(), p.insuDate(), suspendedFrom,
                    histories.getOrDefault(p.psnNo(), List.of()), bases.get(p.psnNo()),
                    a == null ? AccountState.Status.NONE : a.status());
            try {
                switch (MonthlyCredit.decide(month, policy, facts)) {
                    case MonthlyCredit.Credit c -> credits.add(c);
                    case MonthlyCredit.Skip s -> skipped.add(s.reason().code());
                }
            } catch (RuntimeException e) {
                failures.add(new CreditSummary.Failure(p.psnNo(), e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
        List<MonthlyCredit.Credit> inserted = insert(month, actor, credits, accounts, first, last);
        int already = credits.size() - inserted.size();
        for (int i = 0; i < already; i++) {
            skipped.add(SkipReason.ALREADY_CREDITED.code());
        }
        Money amount = inserted.stream().map(MonthlyCredit.Credit::amount).reduce(Money.ZERO, Money::plus);
        return new Tally(inserted.size(), skipped, amount);
    }

    private Map<String, AccountState> lockRange(String first, String last) {
        Map<String, AccountState> out = new HashMap<>();
        db.sql("""
                select psn_no, balance, status from account
                where psn_no >= :a and psn_no <= :b order by psn_no for update
                """).param("a", first).param("b", last)
                .query((rs, i) -> new AccountState(rs.getString(1), Money.of(rs.getBigDecimal(2)),
                        AccountState.Status.valueOf(rs.getString(3).toUpperCase(java.util.Locale.ROOT)), null))
                .list()
                .forEach(a -> out.put(a.psnNo(), a));
        return out;
    }

    /**
     * Per person with an insurance status change in force on the month's first day: empty when it made
     * the insurance active, else the date it was suspended or ended from. A person reactivated later
     * is still skipped for the months the insurance was suspended (a suspended month has no
     * contribution, POLICY.md §5); persons without any change are not in the map.
     */
    private Map<String, Optional<LocalDate>> insuranceOnFirstDay(String first, String last, YearMonth month) {
        Map<String, Optional<LocalDate>> out = new HashMap<>();
        // every change in force on the day, oldest first: the last one read per person is the latest (no
        // DISTINCT ON, which ShardingSphere does not merge across nodes)
        db.sql("""
                select psn_no, status, effective_date from insurance_status_change
                where psn_no >= :a and psn_no <= :b and effective_date <= :d
                order by psn_no, effective_date, change_id
                """).param("a", first).param("b", last).param("d", month.atDay(1))
                .query(rs -> {
                    out.put(rs.getString(1), rs.getString(2).equals("active") ? Optional.empty()
                            : Optional.of(rs.getObject(3, LocalDate.class)));
                });
        return out;
    }

    private Map<String, List<StatusChange>> histories(String first, String last) {
        Map<String, List<StatusChange>> out = new HashMap<>();
        db.sql("""
                select psn_no, seq, status, processed_date from person_status
                where psn_no >= :a and psn_no <= :b order by psn_no, seq
                """).param("a", first).param("b", last)
                .query(rs -> {
                    String psn = rs.getString(1);
                    List<StatusChange> h = out.computeIfAbsent(psn, k -> new ArrayList<>());
                    h.add(new StatusChange(PersonStatus.fromCode(rs.getString(3)), rs.getObject(4, LocalDate.class),
                            h.isEmpty()));
                });
        return out;
    }

    private Map<String, Money> bases(String first, String last, YearMonth month) {
        Map<String, Money> out = new HashMap<>();
        db.sql("""
                select distinct on (psn_no) psn_no, amount from contribution_base
                where psn_no >= :a and psn_no <= :b and effective_month <= :m
                order by psn_no, effective_month desc
                """).param("a", first).param("b", last).param("m", month.atDay(1))
                .query(rs -> {
                    out.put(rs.getString(1), Money.of(rs.getBigDecimal(2)));
                });
        return out;
    }

    /**
     * Inserts the credits that are not there yet; returns those inserted, and adds them to the balances.
     *
     * <p>The chunk's account rows are locked (every writer of the ledger locks them first), so the
     * credits already there are read after the lock and none can appear until the commit. Then one
     * multi-row {@code insert … values (…), (…)} of the others and one {@code update account set
     * balance = balance + case psn_no when … end where psn_no in (…)}. The insert keeps {@code on
     * conflict do nothing} and must insert every row: if not, the chunk rolls back and is reported
     * failed rather than leaving a balance that is not the sum of its entries.
     *
     * <p>Plain parameters, no JDBC arrays, no {@code unnest(…)} and no {@code returning} from a
     * multi-row insert: the sharded store (ShardingSphere 5.5.2) can neither bind the arrays nor
     * route an insert from unnest, and it returned fewer rows than a multi-row insert spread over two
     * nodes had inserted. It splits the rows of a VALUES list by psn_no among the nodes and sends the
     * update to the nodes of the psn_nos listed (docs/scale-out.md). On one node it is one range
     * read and two statements per chunk.
     */
    private List<MonthlyCredit.Credit> insert(YearMonth month, String actor, List<MonthlyCredit.Credit> credits,
            Map<String, AccountState> accounts, String first, String last) {
        if (credits.isEmpty()) {
            return List.of();
        }
        String kind = EntryKind.CREDIT.code();
        String ref = MonthlyCredit.ref(month);
        Set<String> there = new HashSet<>(db.sql("""
                select psn_no from account_entry
                where psn_no >= :a and psn_no <= :b and kind = :k and ref = :r
                """).param("a", first).param("b", last).param("k", kind).param("r", ref).query(String.class).list());
        List<MonthlyCredit.Credit> inserted = credits.stream().filter(c -> !there.contains(c.psnNo())).toList();
        if (inserted.isEmpty()) {
            return List.of();
        }
        List<Object> args = new ArrayList<>(inserted.size() * 8);
        for (MonthlyCredit.Credit c : inserted) {
            args.add(c.psnNo());
            args.add(c.amount().amount());
            args.add(kind);
            args.add(ref);
            args.add(c.reason());
            args.add(accounts.get(c.psnNo()).balance().plus(c.amount()).amount());
            args.add(actor);
            args.add(c.memo());
        }
        String rows = String.join(", ", Collections.nCopies(inserted.size(), "(?, ?, ?, ?, ?, ?, ?, ?, clock_timestamp())"));
        int added = jdbc.update("""
                insert into account_entry (psn_no, amount, kind, ref, reason, balance_after, actor, memo, created_at)
                values %s
                on conflict (psn_no, kind, ref) do nothing
                """.formatted(rows), args.toArray());
        if (added != inserted.size()) {
            throw new IllegalStateException("credit " + ref + ": " + inserted.size() + " credits to insert but "
                    + added + " inserted (a credit written without the account lock?)");
        }
        List<Object> upd = new ArrayList<>(inserted.size() * 3);
        for (MonthlyCredit.Credit c : inserted) {
            upd.add(c.psnNo());
            upd.add(c.amount().amount());
        }
        for (MonthlyCredit.Credit c : inserted) {
            upd.add(c.psnNo());
        }
        int updated = jdbc.update("""
                update account set balance = balance + case psn_no %s end
                where psn_no in (%s)
                """.formatted(String.join(" ", Collections.nCopies(inserted.size(), "when ? then ?::numeric")),
                        String.join(", ", Collections.nCopies(inserted.size(), "?"))), upd.toArray());
        if (updated != inserted.size()) {
            throw new IllegalStateException("credit " + ref + ": " + inserted.size() + " entries inserted but "
                    + updated + " account rows updated");
        }
        return inserted;
    }
}
