package cn.gongji.settlement;

import static cn.gongji.settlement.HisSteps.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gongji.account.AccountDraw;
import cn.gongji.account.AccountSource;
import cn.gongji.account.AccountSplit;
import cn.gongji.account.db.FamilyAid;
import cn.gongji.common.Money;
import cn.gongji.support.HisClient;
import cn.gongji.support.ServiceIT;
import cn.gongji.support.TestStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Family mutual aid as reservation (holder's node) → settlement (member's node) → confirmation or
 * release (holder's node), and its recovery after a crash between the steps (issue 10, must-have 2).
 * The crash states are made directly: a reservation whose settlement never committed, and one whose
 * settlement committed without the confirmation; {@code ops.FamilyCrashIT} kills a real process.
 */
@ServiceIT
class FamilyReservationIT extends HisTestBase {

    @Autowired
    FamilyAid family;

    @Autowired
    AccountLedger accounts;

    @Autowired
    PlatformTransactionManager tm;

    @Autowired
    Clock clock;

    private static final int SHARDS = Integer.parseInt(System.getenv().getOrDefault("GONGJI_TEST_SHARDS", "1").trim());

    /**
     * A new person whose rows live on another node than {@code other}'s when the tests run sharded
     * ({@code GONGJI_TEST_SHARDS=n}: crc32(psn_no) mod n, as PsnHashSharding places them), so that
     * the holder's account and the member's settlement really are on two nodes.
     */
    private String personOnAnotherNode(String other, String status) {
        while (true) {
            String p = ref.person(status);
            if (SHARDS < 2 || node(p) != node(other)) {
                return p;
            }
        }
    }

    private static long node(String psnNo) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(psnNo.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return crc.getValue() % SHARDS;
    }

    private Instant afterTimeout() {
        return clock.instant().plus(family.recoveryAfter()).plusSeconds(5);
    }

    private String reservationState(String holder, String ref) {
        return db.sql("select state from account_reservation where psn_no = :h and ref = :r")
                .param("h", holder).param("r", ref).query(String.class).optional().orElse("none");
    }

    private List<String> entries(String holder) {
        return db.sql("select kind || ' ' || amount || ' ' || reason from account_entry where psn_no = :h and kind <> 'credit' order by entry_id")
                .param("h", holder).query(String.class).list();
    }

    @Test
    void a_settlement_reserves_on_the_holder_confirms_after_commit_and_a_cancel_refunds_through_the_holder() {
        HisClient his = client(ref.hospital("L3"));
        String patient = ref.person("in_service");
        String holder = personOnAnotherNode(patient, "in_service");
        ref.credit(patient, "10.00");
        ref.credit(holder, "500.00");
        ref.bind(holder, patient, "spouse");

        JsonNode s = visit(his, patient, now().minusMinutes(5), true, line(ref.classA(), "200.00", "1"));
        String setlId = s.path("setl_id").asString();
        assertThat(s.path("acct_pay").decimalValue()).isEqualByComparingTo("125.00");
        assertThat(s.path("acct_mulaid_pay").decimalValue()).isEqualByComparingTo("115.00");
        assertThat(reservationState(holder, setlId)).as("confirmed before the answer left").isEqualTo("confirmed");
        assertThat(db.sql("select outcome from family_draw where psn_no = :p and setl_id = :s and holder_psn_no = :h")
                .param("p", patient).param("s", setlId).param("h", holder).query(String.class).single()).isEqualTo("settled");
        assertThat(balance(holder)).isEqualByComparingTo("385.00");
        assertThat(entries(holder)).containsExactly("family_payment -115.00 settlement");

        JsonNode rev = cancel(his, patient, s.path("mdtrt_id").asString(), setlId).path("setlinfo");
        assertThat(rev.path("acct_mulaid_pay").decimalValue()).isEqualByComparingTo("-115.00");
        assertThat(balance(holder)).as("restored exactly, by a new entry").isEqualByComparingTo("500.00");
        assertThat(balance(patient)).isEqualByComparingTo("10.00");
        assertThat(entries(holder)).containsExactly("family_payment -115.00 settlement", "family_refund 115.00 settlement_cancel");
        assertThat(db.sql("select count(*) from family_draw where setl_id = :s and reversal_setl_id = :r and refunded_at is not null")
                .param("s", setlId).param("r", rev.path("setl_id").asString()).query(Long.class).single()).isEqualTo(1);
        assertThat(family.sweep(afterTimeout()).total()).as("nothing left for the recovery").isZero();
        assertThat(balance(holder)).isEqualByComparingTo("500.00");
    }

    /**
     * Two persons who draw on each other's account (each the other's holder) settle at the same
     * moment: each holds its own account and waits for the other's. The one that ranks after the
     * other in psn_no order gives way (FamilyAid.Busy#yielded), its message runs again, and both are
     * answered. Before, both waited out the lock wait and both were refused ACCOUNT_BUSY. Eight
     * rounds, each of two new persons; between them the two accounts pay 20.00, whoever is first.
     */
    @Test
    void two_persons_drawing_on_each_others_accounts_at_once_are_both_settled() throws Exception {
        HisClient his = client(ref.hospital("L3"));
        for (int round = 0; round < 8; round++) {
            String a = ref.person("in_service");
            String b = personOnAnotherNode(a, "in_service");
            ref.credit(a, "10.00");
            ref.credit(b, "10.00");
            ref.bind(a, b, "spouse");
            ref.bind(b, a, "spouse");
            String visitA = register(his, a, now().minusMinutes(5));
            upload(his, visitA, a, line(ref.classA(), "200.00", "1"));
            String visitB = register(his, b, now().minusMinutes(5));
            upload(his, visitB, b, line(ref.classA(), "200.00", "1"));
            CountDownLatch start = new CountDownLatch(1);
            JsonNode sa;
            JsonNode sb;
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<JsonNode> settledA = pool.submit(() -> {
                    await(start);
                    return his.call("2207", settleInput(a, visitA, "200.00", true));
                });
                Future<JsonNode> settledB = pool.submit(() -> {
                    await(start);
                    return his.call("2207", settleInput(b, visitB, "200.00", true));
                });
                start.countDown();
                sa = ok(settledA.get(20, TimeUnit.SECONDS)).path("setlinfo");
                sb = ok(settledB.get(20, TimeUnit.SECONDS)).path("setlinfo");
            }
            assertThat(sa.path("acct_pay").decimalValue().add(sb.path("acct_pay").decimalValue()))
                    .as("round %d: both accounts paid what they held", round).isEqualByComparingTo("20.00");
            assertThat(balance(a)).isEqualByComparingTo("0.00");
            assertThat(balance(b)).isEqualByComparingTo("0.00");
        }
    }

    @Test
    void a_settlement_that_rolls_back_after_reserving_releases_the_money_at_once() {
        String patient = ref.person("in_service");
        String holder = personOnAnotherNode(patient, "retired");
        ref.credit(holder, "80.00");
        ref.bind(holder, patient, "parent");
        String setlId = "S-RB-" + System.nanoTime();
        assertThatThrownBy(() -> new TransactionTemplate(tm).executeWithoutResult(t -> {
            List<AccountDraw> d = family.draw(setlId, patient, List.of(new AccountSource(holder, Money.of("80.00"), false)),
                    Money.of("30.00"), "it", "rollback test");
            assertThat(d).containsExactly(new AccountDraw(holder, Money.of("30.00"), false));
            assertThat(balance(holder)).as("reserved: out of the balance, committed on the holder's side").isEqualByComparingTo("50.00");
            throw new IllegalStateException("the settlement fails after the reservation");
        })).hasMessageContaining("fails after");
        assertThat(reservationState(holder, setlId)).isEqualTo("released");
        assertThat(balance(holder)).isEqualByComparingTo("80.00");
        assertThat(entries(holder)).containsExactly("family_payment -30.00 settlement",
                "family_refund 30.00 " + FamilyAid.RELEASED);
        assertThat(db.sql("select outcome from family_draw where psn_no = :p and setl_id = :s").param("p", patient)
                .param("s", setlId).query(String.class).single()).as("the void row bars the settlement for ever").isEqualTo("void");
        assertThat(family.sweep(afterTimeout()).total()).isZero();
    }

    @Test
    void recovery_releases_a_reservation_whose_settlement_never_committed_exactly_once() {
        String patient = ref.person("in_service");
        String holder = personOnAnotherNode(patient, "in_service");
        ref.credit(holder, "60.00");
        ref.bind(holder, patient, "spouse");   // a draw needs the binding (FamilyAid.reserve checks it)
        String setlId = "S-CRASH1-" + System.nanoTime();
        // the state a crash right after the reservation's commit leaves behind
        FamilyAid.Reservation r = family.reserve(holder, setlId, patient, Money.of("100.00"), "it", "crash 1").orElseThrow();
        assertThat(r.amount()).as("up to the balance").isEqualTo(Money.of("60.00"));
        assertThat(balance(holder)).isEqualByComparingTo("0.00");
        assertThat(family.reserve(holder, setlId, patient, Money.of("100.00"), "it", "again")).contains(r);

        assertThat(family.sweep(clock.instant()).released()).as("younger than the timeout: maybe still settling").isZero();
        assertThat(reservationState(holder, setlId)).isEqualTo("reserved");
        FamilyAid.Sweep sweep = family.sweep(afterTimeout());
        assertThat(sweep.released()).isGreaterThanOrEqualTo(1);
        assertThat(reservationState(holder, setlId)).isEqualTo("released");
        assertThat(balance(holder)).isEqualByComparingTo("60.00");
        assertThat(family.sweep(afterTimeout()).total()).isZero();
        assertThat(family.release(holder, setlId)).isFalse();
        assertThat(entries(holder)).containsExactly("family_payment -60.00 settlement", "family_refund 60.00 " + FamilyAid.RELEASED);

        // a settlement arriving late cannot commit on the released money
        assertThatThrownBy(() -> db.sql("""
                insert into family_draw (psn_no, setl_id, holder_psn_no, amount, outcome, created_at)
                values (:m, :s, :h, 60.00, 'settled', now())
                """).param("m", patient).param("s", setlId).param("h", holder).update()).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void recovery_confirms_a_reservation_whose_settlement_committed_before_the_crash() {
        String patient = ref.person("in_service");
        String holder = personOnAnotherNode(patient, "in_service");
        ref.credit(holder, "60.00");
        ref.bind(holder, patient, "spouse");   // a draw needs the binding (FamilyAid.reserve checks it)
        String setlId = "S-CRASH2-" + System.nanoTime();
        family.reserve(holder, setlId, patient, Money.of("25.00"), "it", "crash 2").orElseThrow();
        // the settlement's transaction committed its family_draw; the process died before confirming
        db.sql("""
                insert into family_draw (psn_no, setl_id, holder_psn_no, amount, outcome, created_at)
                values (:m, :s, :h, 25.00, 'settled', now())
                """).param("m", patient).param("s", setlId).param("h", holder).update();
        assertThat(family.sweep(afterTimeout()).confirmed()).isGreaterThanOrEqualTo(1);
        assertThat(reservationState(holder, setlId)).isEqualTo("confirmed");
        List<String> nodes = TestStore.shardUrls();
        for (int i = 0; i < nodes.size(); i++) {
            // sharded: each side's rows are on its own person's node, and the two nodes differ
            JdbcClient node = JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(), nodes.get(i)));
            assertThat(node.sql("select count(*) from account_reservation where ref = :s").param("s", setlId)
                    .query(Long.class).single()).as("reservation on node %d", i).isEqualTo(node(holder) == i ? 1L : 0L);
            assertThat(node.sql("select count(*) from family_draw where setl_id = :s").param("s", setlId)
                    .query(Long.class).single()).as("family_draw on node %d", i).isEqualTo(node(patient) == i ? 1L : 0L);
        }
        assertThat(balance(holder)).isEqualByComparingTo("35.00");
        assertThat(family.sweep(afterTimeout()).total()).isZero();
        assertThat(family.release(holder, setlId)).as("a confirmed reservation is never released").isFalse();
        assertThat(entries(holder)).containsExactly("family_payment -25.00 settlement");
    }

    @Test
    void the_recovery_waits_for_a_settlement_still_writing_and_follows_its_outcome() throws Exception {
        for (boolean commits : new boolean[] {true, false}) {
            String patient = ref.person("in_service");
            String holder = personOnAnotherNode(patient, "in_service");
            ref.credit(holder, "40.00");
        ref.bind(holder, patient, "spouse");   // a draw needs the binding (FamilyAid.reserve checks it)
            String setlId = "S-RACE-" + commits + "-" + System.nanoTime();
            FamilyAid.Reservation r = family.reserve(holder, setlId, patient, Money.of("40.00"), "it", "race").orElseThrow();
            CountDownLatch written = new CountDownLatch(1);
            CountDownLatch decide = new CountDownLatch(1);
            CompletableFuture<Void> settlement = CompletableFuture.runAsync(() -> {
                new TransactionTemplate(tm).executeWithoutResult(s -> {
                        db.sql("""
                                insert into family_draw (psn_no, setl_id, holder_psn_no, amount, outcome, created_at)
                                values (:m, :s, :h, 40.00, 'settled', now())
                                """).param("m", patient).param("s", setlId).param("h", holder).update();
                        written.countDown();
                        await(decide);
                        if (!commits) {
                            s.setRollbackOnly();
                        }
                });
            });
            assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<FamilyAid.Outcome> recovery = CompletableFuture.supplyAsync(() -> family.resolve(r));
            Thread.sleep(300);
            assertThat(recovery).as("blocked on the settlement's uncommitted row").isNotDone();
            decide.countDown();
            settlement.get(30, TimeUnit.SECONDS);
            assertThat(recovery.get(30, TimeUnit.SECONDS))
                    .isEqualTo(commits ? FamilyAid.Outcome.CONFIRMED : FamilyAid.Outcome.RELEASED);
            assertThat(balance(holder)).isEqualByComparingTo(commits ? "0.00" : "40.00");
        }
    }

    @Test
    void a_holder_whose_balance_fell_since_it_was_read_pays_what_it_has_and_the_rest_is_cash() {
        String patient = ref.person("in_service");
        String holder = personOnAnotherNode(patient, "in_service");
        ref.credit(holder, "50.00");
        ref.bind(holder, patient, "spouse");   // a draw needs the binding (FamilyAid.reserve checks it)
        String setlId = "S-FELL-" + System.nanoTime();
        // the split was computed from an older read: holder 500.00 available
        List<AccountSource> sources = List.of(new AccountSource(patient, Money.ZERO, true),
                new AccountSource(holder, Money.of("500.00"), false));
        AccountSplit planned = AccountSplit.split(Money.of("125.00"), Money.ZERO, true, sources);
        assertThat(planned.mulaidPay()).isEqualTo(Money.of("125.00"));
        AccountSplit paid = new TransactionTemplate(tm).execute(t -> {
            AccountSplit p = accounts.drawNew(setlId, patient, planned, sources, "it", "fell");
            assertThat(balance(holder)).isEqualByComparingTo("0.00");
            t.setRollbackOnly();   // no settlement row in this test: the rollback must release the money
            return p;
        });
        assertThat(paid.acctPay()).isEqualTo(Money.of("50.00"));
        assertThat(paid.mulaidPay()).isEqualTo(Money.of("50.00"));
        assertThat(paid.cash()).isEqualTo(Money.of("75.00"));
        assertThat(paid.draws()).containsExactly(new AccountDraw(holder, Money.of("50.00"), false));
        assertThat(reservationState(holder, setlId)).isEqualTo("released");
        assertThat(balance(holder)).isEqualByComparingTo("50.00");
    }

    @Test
    void recovery_books_the_holder_refund_of_a_cancel_that_committed_before_the_crash() {
        HisClient his = client(ref.hospital("L3"));
        String patient = ref.person("in_service");
        String holder = personOnAnotherNode(patient, "in_service");
        ref.credit(holder, "300.00");
        ref.bind(holder, patient, "child");
        JsonNode s = visit(his, patient, now().minusMinutes(5), true, line(ref.classA(), "200.00", "1"));
        String setlId = s.path("setl_id").asString();
        assertThat(balance(holder)).isEqualByComparingTo("175.00");
        // what the cancel's commit leaves on the member's side when the process dies before the refund
        String reversal = "S-REV-" + System.nanoTime();
        db.sql("update family_draw set reversal_setl_id = :r, reversed_at = now() where psn_no = :p and setl_id = :s")
                .param("r", reversal).param("p", patient).param("s", setlId).update();
        assertThat(family.sweep(clock.instant()).refunded()).as("not before the timeout").isZero();
        assertThat(family.sweep(afterTimeout()).refunded()).isGreaterThanOrEqualTo(1);
        assertThat(balance(holder)).isEqualByComparingTo("300.00");
        assertThat(family.sweep(afterTimeout()).total()).isZero();
        family.refund(new FamilyAid.Refund(patient, setlId, holder, Money.of("125.00"), reversal), "it", "again");
        assertThat(balance(holder)).as("a second booking is a replay").isEqualByComparingTo("300.00");
        assertThat(entries(holder)).containsExactly("family_payment -125.00 settlement", "family_refund 125.00 settlement_cancel");
    }

    @Test
    void a_holder_account_locked_longer_than_the_lock_wait_reserves_nothing_and_says_busy() throws Exception {
        String patient = ref.person("in_service");
        String holder = personOnAnotherNode(patient, "in_service");
        ref.credit(holder, "20.00");
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> new TransactionTemplate(tm).executeWithoutResult(t -> {
            db.sql("select balance from account where psn_no = :p for update").param("p", holder).query(String.class).single();
            locked.countDown();
            await(done);
        }));
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
        long t0 = System.nanoTime();
        try {
            assertThatThrownBy(() -> family.reserve(holder, "S-BUSY-" + System.nanoTime(), patient, Money.of("5.00"), "it", "busy"))
                    .isInstanceOf(FamilyAid.Busy.class);
        } finally {
            done.countDown();
        }
        assertThat((System.nanoTime() - t0) / 1_000_000).as("retried for about the lock wait (2 s)").isBetween(1_500L, 15_000L);
        other.get(30, TimeUnit.SECONDS);
        assertThat(balance(holder)).isEqualByComparingTo("20.00");
        assertThat(db.sql("select count(*) from account_reservation where psn_no = :h").param("h", holder)
                .query(Long.class).single()).isZero();
    }

    /**
     * An unbinding that commits while a member's settlement is about to draw on the holder: the
     * reservation waits for it (the holder's person row, which unbinding locks) and then draws
     * nothing. The test's transaction unbinds as LinkService does, and commits after 300 ms.
     */
    @Test
    void a_reservation_racing_an_unbinding_waits_for_it_and_draws_nothing() throws Exception {
        String patient = ref.person("in_service");
        String holder = personOnAnotherNode(patient, "in_service");
        ref.credit(holder, "20.00");
        ref.bind(holder, patient, "spouse");
        CountDownLatch locked = new CountDownLatch(1);
        CompletableFuture<Void> unbinding = CompletableFuture.runAsync(() -> new TransactionTemplate(tm).executeWithoutResult(t -> {
            db.sql("select 1 from person where psn_no = :h for update").param("h", holder).query(Integer.class).single();
            db.sql("update family_binding set unbound_at = now() where psn_no = :h and member_psn_no = :m and unbound_at is null")
                    .param("h", holder).param("m", patient).update();
            locked.countDown();
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();

        Optional<FamilyAid.Reservation> r = family.reserve(holder, "S-UNBOUND-" + System.nanoTime(), patient, Money.of("5.00"),
                "it", "racing an unbinding");

        unbinding.get(30, TimeUnit.SECONDS);
        assertThat(r).as("no draw from a holder who unbound the member").isEmpty();
        assertThat(balance(holder)).isEqualByComparingTo("20.00");
    }

    private static void await(CountDownLatch l) {
        try {
            l.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
