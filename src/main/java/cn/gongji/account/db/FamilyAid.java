package cn.gongji.account.db;

import cn.gongji.account.AccountDraw;
import cn.gongji.account.AccountSource;
import cn.gongji.account.AccountState;
import cn.gongji.account.EntryKind;
import cn.gongji.account.Posting;
import cn.gongji.common.Money;
import cn.gongji.store.SqlStates;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Family mutual aid (家庭共济) as a transfer between two persons that never needs one transaction on
 * two nodes (ARCHITECTURE.md "Partitioning", docs/accounts.md "Family mutual aid across shards").
 * Each step is a transaction that touches ONE person's rows, so with person-centred tables sharded by
 * psn_no it runs on that person's node; on one node the same steps run on the same database.
 *
 * <ol>
 *   <li><b>Reserve</b> (holder's node, its own transaction, {@link #reserve}): lock the holder's
 *       account, take up to the amount wanted (never more than the balance), post the
 *       {@code family_payment} entry through the ledger's rules and insert an
 *       {@code account_reservation} row, state {@code reserved}. Commit. The money is out of the
 *       balance from here on, so nobody can spend it twice and the balance never goes negative.</li>
 *   <li><b>Settle</b> (member's node, the settlement's transaction): a {@code family_draw} row
 *       {@code settled} per holder ({@link #draw}), committed with the settlement or not at all.</li>
 *   <li><b>Confirm</b> (holder's node, after that commit, {@link #confirm}): state
 *       {@code confirmed}; the entry stands. Or <b>release</b> ({@link #release}) if the settlement
 *       did not commit: a {@code family_refund} entry with reason {@code reservation_released} under
 *       the same ref gives the money back, state {@code released}.</li>
 * </ol>
 *
 * A crash between the steps leaves a reservation {@code reserved}. {@link #sweep} (at start-up and
 * periodically) takes those older than the timeout and {@link #resolve}s each: on the member's node
 * it inserts a {@code void} family_draw under the settlement's key. If the settlement's row is there
 * (or arrives first: the insert waits for its transaction) the reservation is confirmed, else the
 * void row now bars the settlement from ever committing and the reservation is released. So each
 * reservation ends exactly once, and only as its settlement did.
 *
 * <p>A cancel of the settlement ({@link #reverse}) stamps the draws in the cancel's transaction; after
 * its commit each holder gets a {@code family_refund} under the reversal's setl_id on the holder's
 * node ({@link #refund}), which the sweep also finishes after a crash (idempotent by the ledger key).
 */
@Component
public class FamilyAid {

    private static final Logger log = LoggerFactory.getLogger(FamilyAid.class);

    /** Reason code of the family_refund that gives back a released reservation. */
    public static final String RELEASED = "reservation_released";

    /** Crash points for the kill tests (setting {@code gongji.testing.halt-at}). */
    public static final String HALT_AFTER_RESERVE = "after-family-reserve";
    public static final String HALT_AFTER_SETTLEMENT_COMMIT = "after-family-settlement-commit";

    /** Money a holder's account put aside for a member's settlement ({@code ref} = its setl_id). */
    public record Reservation(String holderPsnNo, String ref, String memberPsnNo, Money amount) {}

    /** A cancel's refund owed to a holder: {@code amount} back under {@code reversalSetlId}. */
    public record Refund(String memberPsnNo, String setlId, String holderPsnNo, Money amount, String reversalSetlId) {}

    /** What one sweep did. */
    public record Sweep(int confirmed, int released, int refunded, int failed) {
        public int total() {
            return confirmed + released + refunded;
        }
    }

    /** How an open reservation ended. */
    public enum Outcome { CONFIRMED, RELEASED }

    /**
     * The holder's account stayed locked by others; nothing was reserved. {@code yielded}: the member
     * ranks after the holder (psn_no order) and gave way after {@code yield-after}, so that two
     * settlements drawing on each other's accounts do not both wait out the lock wait: the caller's
     * transaction rolls back (releasing the member's own account, which the other may be waiting
     * for) and the message may run again. Otherwise the whole lock wait was spent.
     */
    public static final class Busy extends RuntimeException {
        private final boolean yielded;

        public Busy(String holderPsnNo, Duration waited, boolean yielded) {
            super("the account of " + holderPsnNo + " stayed locked for " + waited.toMillis() + " ms"
                    + (yielded ? " (gave way to it)" : ""), null, false, false);
            this.yielded = yielded;
        }

        public boolean yielded() {
            return yielded;
        }
    }

    private final JdbcClient db;
    private final TransactionTemplate own;
    private final Clock clock;
    private final Duration recoveryAfter;
    private final Duration lockWait;
    private final Duration yieldAfter;
    private final String haltAt;

    public FamilyAid(JdbcClient db, PlatformTransactionManager tm, Clock clock,
            @Value("${gongji.accounts.family.recovery-after:PT1M}") Duration recoveryAfter,
            @Value("${gongji.accounts.family.lock-wait:PT2S}") Duration lockWait,
            @Value("${gongji.accounts.family.yield-after:PT0.1S}") Duration yieldAfter,
            @Value("${gongji.testing.halt-at:}") String haltAt) {
        this.db = db;
        this.own = new TransactionTemplate(tm);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.recoveryAfter = recoveryAfter;
        this.lockWait = lockWait;
        this.yieldAfter = yieldAfter;
        this.haltAt = haltAt == null ? "" : haltAt.trim();
    }

    public Duration recoveryAfter() {
        return recoveryAfter;
    }

    /**
     * In the member's settlement transaction: reserves up to {@code wanted} on the holders in payer
     * order (each in a transaction of its own on the holder's node, each up to its balance at that
     * moment), records a {@code settled} family_draw per reservation in the caller's transaction and
     * arranges the confirmation after its commit (or the release after a rollback).
     *
     * @return what each holder pays; their sum may be less than {@code wanted} if balances fell since read
     * @throws Busy if a holder's account stays locked too long (the caller's transaction must roll back)
     */
    public List<AccountDraw> draw(String setlId, String memberPsnNo, List<AccountSource> holders, Money wanted,
            String actor, String memo) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("family draws run inside the settlement's transaction");
        }
        List<AccountDraw> draws = new ArrayList<>();
        Resolver resolver = null;
        Money left = wanted;
        for (AccountSource h : holders) {
            if (!left.isPositive()) {
                break;
            }
            if (h.own()) {
                continue;
            }
            Optional<Reservation> r = reserve(h.psnNo(), setlId, memberPsnNo, left, actor, memo);
            if (r.isEmpty()) {
                continue;
            }
            if (resolver == null) {
                resolver = new Resolver();
                TransactionSynchronizationManager.registerSynchronization(resolver);
            }
            resolver.reservations.add(r.get());
            haltIf(HALT_AFTER_RESERVE);
            db.sql("""
                    insert into family_draw (psn_no, setl_id, holder_psn_no, amount, outcome, created_at)
                    values (:m, :s, :h, :a, 'settled', :t)
                    """).param("m", memberPsnNo).param("s", setlId).param("h", h.psnNo())
                    .param("a", r.get().amount().amount()).param("t", now()).update();
            draws.add(new AccountDraw(h.psnNo(), r.get().amount(), false));
            left = left.minus(r.get().amount());
        }
        return draws;
    }

    /**
     * Step 1 on the holder's node, in a transaction of its own: up to {@code upTo}, at most the
     * balance. Empty if the account is missing or closed or holds nothing, or the holder has unbound
     * the member since the payers were read ({@code Ledger.payers}, without a lock): the binding is
     * read again under the holder's person row ({@link HolderBinding}, without waiting: the loop
     * below bounds the wait). Reserving the same
     * (holder, ref) again returns the first reservation. The wait for a holder's account held by
     * others is bounded by {@code lock-wait}; a member that ranks after the holder in psn_no order
     * gives way after {@code yield-after} ({@link Busy#yielded}), so in any cycle of settlements
     * drawing on each other's accounts one gives way and the others go on.
     */
    public Optional<Reservation> reserve(String holder, String ref, String member, Money upTo, String actor, String memo) {
        if (!upTo.isPositive()) {
            throw new IllegalArgumentException("a reservation is of a positive amount: " + upTo);
        }
        long start = System.nanoTime();
        boolean mayGiveWay = member.compareTo(holder) > 0;   // it ranks after the holder: see Busy
        while (true) {
            try {
                return own.execute(s -> {
                    Optional<AccountState> a = db.sql("""
                            select psn_no, balance, status, closed_reason from account where psn_no = :p for update nowait
                            """).param("p", holder)
                            .query((rs, i) -> new AccountState(rs.getString(1), Money.of(rs.getBigDecimal(2)),
                                    AccountState.Status.valueOf(rs.getString(3).toUpperCase(java.util.Locale.ROOT)),
                                    rs.getString(4)))
                            .optional();
                    Optional<Reservation> earlier = find(holder, ref);
                    if (earlier.isPresent()) {
                        return earlier;
                    }
                    if (a.isEmpty() || !a.get().isOpen() || !HolderBinding.active(db, holder, member, false)) {
                        return Optional.<Reservation>empty();
                    }
                    Money take = upTo.min(a.get().balance());
                    if (!take.isPositive()) {
                        return Optional.<Reservation>empty();
                    }
                    Ledger.postOnLocked(db, List.of(new Posting(holder, EntryKind.FAMILY_PAYMENT, take.negate(), ref,
                            "settlement", actor, member, memo)), Map.of(holder, a.get()));
                    db.sql("""
                            insert into account_reservation (psn_no, ref, member_psn_no, amount, state, reserved_at, actor)
                            values (:h, :r, :m, :a, 'reserved', :t, :actor)
                            """).param("h", holder).param("r", ref).param("m", member).param("a", take.amount())
                            .param("t", now()).param("actor", actor).update();
                    return Optional.of(new Reservation(holder, ref, member, take));
                });
            } catch (RuntimeException e) {
                if (!SqlStates.is(e, SqlStates.LOCK_NOT_AVAILABLE)) {
                    throw e;
                }
                long waited = System.nanoTime() - start;
                if (waited > lockWait.toNanos()) {
                    throw new Busy(holder, lockWait, false);
                }
                if (mayGiveWay && waited > yieldAfter.toNanos()) {
                    throw new Busy(holder, Duration.ofNanos(waited), true);
                }
                sleep(15);
            }
        }
    }

    /** Step 3 on the holder's node: the settlement committed, the entry stands. Idempotent. */
    public void confirm(String holder, String ref) {
        own.executeWithoutResult(s -> confirmIn(holder, ref));
    }

    private void confirmIn(String holder, String ref) {
        int n = db.sql("""
                update account_reservation set state = 'confirmed', resolved_at = :t
                where psn_no = :h and ref = :r and state = 'reserved'
                """).param("t", now()).param("h", holder).param("r", ref).update();
        if (n == 0) {
            String state = db.sql("select state from account_reservation where psn_no = :h and ref = :r")
                    .param("h", holder).param("r", ref).query(String.class).optional().orElse(null);
            if ("released".equals(state)) {
                // the void family_draw makes this impossible; shout if it ever happens
                throw new IllegalStateException("reservation " + holder + "/" + ref + " was released, but its settlement committed");
            }
        }
    }

    /**
     * Step 3' on the holder's node: the settlement did not commit; a family_refund (reason
     * {@value #RELEASED}, same ref) gives the money back. Idempotent; false if there was nothing open.
     */
    public boolean release(String holder, String ref) {
        return Boolean.TRUE.equals(own.execute(s -> {
            Map<String, AccountState> locked = Ledger.lock(db, List.of(holder));
            Optional<Reservation> r = db.sql("""
                    select psn_no, ref, member_psn_no, amount from account_reservation
                    where psn_no = :h and ref = :r and state = 'reserved' for update
                    """).param("h", holder).param("r", ref).query((rs, i) -> reservation(rs)).optional();
            if (r.isEmpty()) {
                return false;
            }
            Ledger.postOnLocked(db, List.of(new Posting(holder, EntryKind.FAMILY_REFUND, r.get().amount(), ref, RELEASED,
                    "recovery", r.get().memberPsnNo(), "预留释放（结算未完成） " + ref)), locked);
            db.sql("update account_reservation set state = 'released', resolved_at = :t where psn_no = :h and ref = :r")
                    .param("t", now()).param("h", holder).param("r", ref).update();
            return true;
        }));
    }

    /**
     * Ends an open reservation as its settlement ended: a {@code void} family_draw on the member's
     * node decides (it waits for a settlement transaction still writing the same key).
     */
    public Outcome resolve(Reservation r) {
        String outcome = own.execute(s -> {
            db.sql("""
                    insert into family_draw (psn_no, setl_id, holder_psn_no, amount, outcome, created_at)
                    values (:m, :s, :h, :a, 'void', :t) on conflict do nothing
                    """).param("m", r.memberPsnNo()).param("s", r.ref()).param("h", r.holderPsnNo())
                    .param("a", r.amount().amount()).param("t", now()).update();
            return db.sql("select outcome from family_draw where psn_no = :m and setl_id = :s and holder_psn_no = :h")
                    .param("m", r.memberPsnNo()).param("s", r.ref()).param("h", r.holderPsnNo())
                    .query(String.class).single();
        });
        if ("settled".equals(outcome)) {
            confirm(r.holderPsnNo(), r.ref());
            return Outcome.CONFIRMED;
        }
        release(r.holderPsnNo(), r.ref());
        return Outcome.RELEASED;
    }

    /**
     * In a cancel's transaction on the member's node: stamps the settlement's draws with the
     * reversal and arranges each holder's refund after the commit.
     */
    public List<Refund> reverse(String setlId, String memberPsnNo, String reversalSetlId, String actor, String memo) {
        List<Refund> refunds = db.sql("""
                update family_draw set reversal_setl_id = :rev, reversed_at = :t
                where psn_no = :m and setl_id = :s and outcome = 'settled' and reversal_setl_id is null
                returning psn_no, setl_id, holder_psn_no, amount, reversal_setl_id
                """).param("rev", reversalSetlId).param("t", now()).param("m", memberPsnNo).param("s", setlId)
                .query((rs, i) -> refund(rs)).list();
        if (!refunds.isEmpty()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_COMMITTED) {
                        for (Refund f : refunds) {
                            try {
                                refund(f, actor, memo);
                            } catch (RuntimeException e) {
                                log.warn("family refund {} of {} to {} not booked yet; the recovery sweep will: {}",
                                        f.reversalSetlId(), f.setlId(), f.holderPsnNo(), e.toString());
                            }
                        }
                    }
                }
            });
        }
        return refunds;
    }

    /**
     * The holder's refund of a cancelled settlement, on the holder's node (a reservation still open
     * is confirmed first: its settlement committed), then stamped on the member's node. Idempotent.
     */
    public void refund(Refund f, String actor, String memo) {
        own.executeWithoutResult(s -> {
            confirmIn(f.holderPsnNo(), f.setlId());
            Map<String, AccountState> locked = Ledger.lock(db, List.of(f.holderPsnNo()));
            Ledger.postOnLocked(db, List.of(new Posting(f.holderPsnNo(), EntryKind.FAMILY_REFUND, f.amount(),
                    f.reversalSetlId(), "settlement_cancel", actor, f.memberPsnNo(), memo)), locked);
        });
        own.executeWithoutResult(s -> db.sql("""
                update family_draw set refunded_at = :t
                where psn_no = :m and setl_id = :s and holder_psn_no = :h and refunded_at is null
                """).param("t", now()).param("m", f.memberPsnNo()).param("s", f.setlId()).param("h", f.holderPsnNo())
                .update());
    }

    /**
     * The recovery: reservations open longer than {@code gongji.accounts.family.recovery-after} are
     * resolved, and cancels whose holder refund is not booked after as long are refunded. Safe to run
     * on several instances at once and again and again.
     */
    public Sweep sweep(Instant now) {
        OffsetDateTime cutoff = now.minus(recoveryAfter).atOffset(ZoneOffset.UTC);
        int confirmed = 0;
        int released = 0;
        int refunded = 0;
        int failed = 0;
        List<Reservation> open = db.sql("""
                select psn_no, ref, member_psn_no, amount from account_reservation
                where state = 'reserved' and reserved_at < :c order by reserved_at limit 1000
                """).param("c", cutoff).query((rs, i) -> reservation(rs)).list();
        for (Reservation r : open) {
            try {
                if (resolve(r) == Outcome.CONFIRMED) {
                    confirmed++;
                } else {
                    released++;
                }
            } catch (RuntimeException e) {
                failed++;
                log.warn("family reservation {}/{} not resolved: {}", r.holderPsnNo(), r.ref(), e.toString());
            }
        }
        List<Refund> owed = db.sql("""
                select psn_no, setl_id, holder_psn_no, amount, reversal_setl_id from family_draw
                where reversal_setl_id is not null and refunded_at is null and reversed_at < :c
                order by reversed_at limit 1000
                """).param("c", cutoff).query((rs, i) -> refund(rs)).list();
        for (Refund f : owed) {
            try {
                refund(f, "recovery", "撤销结算 " + f.setlId() + " 家庭共济退回（恢复）");
                refunded++;
            } catch (RuntimeException e) {
                failed++;
                log.warn("family refund {} to {} not booked: {}", f.reversalSetlId(), f.holderPsnNo(), e.toString());
            }
        }
        return new Sweep(confirmed, released, refunded, failed);
    }

    private Optional<Reservation> find(String holder, String ref) {
        return db.sql("select psn_no, ref, member_psn_no, amount from account_reservation where psn_no = :h and ref = :r")
                .param("h", holder).param("r", ref).query((rs, i) -> reservation(rs)).optional();
    }

    /** Confirms after the settlement's commit; after a rollback (or an unknown end) lets the member's node decide. */
    private final class Resolver implements TransactionSynchronization {
        final List<Reservation> reservations = new ArrayList<>();

        @Override
        public void afterCompletion(int status) {
            if (status == STATUS_COMMITTED) {
                haltIf(HALT_AFTER_SETTLEMENT_COMMIT);
            }
            for (Reservation r : reservations) {
                try {
                    if (status == STATUS_COMMITTED) {
                        confirm(r.holderPsnNo(), r.ref());
                    } else {
                        resolve(r);
                    }
                } catch (RuntimeException e) {
                    log.warn("family reservation {}/{} left open; the recovery sweep will end it: {}", r.holderPsnNo(),
                            r.ref(), e.toString());
                }
            }
        }
    }

    private static Reservation reservation(java.sql.ResultSet rs) throws SQLException {
        return new Reservation(rs.getString(1), rs.getString(2), rs.getString(3), Money.of(rs.getBigDecimal(4)));
    }

    private static Refund refund(java.sql.ResultSet rs) throws SQLException {
        return new Refund(rs.getString(1), rs.getString(2), rs.getString(3), Money.of(rs.getBigDecimal(4)), rs.getString(5));
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private void haltIf(String point) {
        if (haltAt.equals(point)) {
            log.error("gongji.testing.halt-at={}: halting the JVM now (crash test)", point);
            Runtime.getRuntime().halt(99);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an account lock", e);
        }
    }
}
