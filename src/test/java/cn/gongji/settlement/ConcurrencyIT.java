package cn.gongji.settlement;

import static cn.gongji.settlement.HisSteps.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.gongji.support.HisClient;
import cn.gongji.support.LockWaits;
import cn.gongji.support.ServiceIT;
import cn.gongji.support.TestStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** ARCHITECTURE.md invariant 2: the annual limit holds whatever the concurrency. */
@ServiceIT
class ConcurrencyIT extends HisTestBase {

    /** Why a test that observes lock waits runs on one node only. */
    private static final String ONE_NODE = "waits are observed in pg_stat_activity of one PostgreSQL node";

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry meters;

    @Autowired
    SettlementStore settlements;

    @Autowired
    TransactionTemplate tx;

    @Test
    void fifty_concurrent_settlements_of_one_person_across_institutions_stop_at_the_limit_exactly() throws Exception {
        String psn = ref.person("in_service");
        ref.credit(psn, "300.00");
        String a = ref.classA();
        List<HisClient> hospitals = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            hospitals.add(client(ref.hospital("L1")));
        }
        record Ready(HisClient his, String mdtrtId) {}
        List<Ready> visits = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            HisClient his = hospitals.get(i % hospitals.size());
            String mdtrtId = register(his, psn, now().minusMinutes(60 - i));
            upload(his, mdtrtId, psn, line(a, "110.00", "1"));   // raw 66.00 each: 60 × 66 = 3960 > 1500
            visits.add(new Ready(his, mdtrtId));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<JsonNode>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Ready v : visits) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return v.his().call("2207", settleInput(psn, v.mdtrtId(), "110.00", true));
                }));
            }
            start.countDown();
            BigDecimal fund = BigDecimal.ZERO;
            BigDecimal acct = BigDecimal.ZERO;
            for (Future<JsonNode> f : answers) {
                JsonNode s = ok(f.get()).path("setlinfo");
                fund = fund.add(s.path("hifp_pay").decimalValue());
                acct = acct.add(s.path("acct_pay").decimalValue());
            }
            assertThat(fund).isEqualByComparingTo("1500.00");
            assertThat(acct).isEqualByComparingTo("300.00");
        }
        int year = now().getYear();
        assertThat(poolPaid(psn, year)).isEqualByComparingTo("1500.00");
        assertThat(db.sql("select sum(hifp_pay) from settlement where psn_no = :p and year = :y")
                .param("p", psn).param("y", year).query(BigDecimal.class).single()).isEqualByComparingTo("1500.00");
        assertThat(db.sql("select count(*) from settlement where psn_no = :p").param("p", psn).query(Long.class).single())
                .isEqualTo(60);
        assertThat(balance(psn)).isEqualByComparingTo("0.00");
    }

    @Test
    void concurrent_identical_settlements_of_one_visit_yield_one_settlement() throws Exception {
        Uploaded u = uploaded("100.00");
        HisClient his = u.his();
        String psn = u.psnNo();
        String mdtrtId = u.mdtrtId();
        String msgid = his.nextMsgid();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<JsonNode>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                boolean sameMsgid = i % 2 == 0;
                answers.add(pool.submit(() -> {
                    start.await();
                    var input = settleInput(psn, mdtrtId, "100.00", false);
                    return sameMsgid ? his.call("2207", msgid, input) : his.call("2207", input);
                }));
            }
            start.countDown();
            for (Future<JsonNode> f : answers) {
                assertThat(ok(f.get()).path("setlinfo").path("hifp_pay").decimalValue()).isEqualByComparingTo("38.50");
            }
        }
        assertThat(db.sql("select count(*) from settlement where mdtrt_id = :m").param("m", mdtrtId).query(Long.class).single())
                .isEqualTo(1);
    }

    /**
     * A 2204 that waits for its visit's lock reads what the visit holds AFTER the lock is granted: a
     * line committed while it waited is seen (the upload is refused as a duplicate serial, not
     * inserted into the unique index's way). The function of migration V023 (V022's before it) locks
     * and reads in one call; a single SQL statement would read with the snapshot taken before the
     * wait.
     */
    @Test
    @SuppressWarnings("unchecked")
    void an_upload_that_waited_for_the_visits_lock_sees_what_was_committed_meanwhile() throws Exception {
        assumeTrue(TestStore.shards() == 0, ONE_NODE);
        Uploaded u = uploaded("10.00");
        HisClient his = u.his();
        String psn = u.psnNo();
        String mdtrtId = u.mdtrtId();
        Map<String, Object> second = feedetail(mdtrtId, psn, line(ref.classA(), "20.00", "1"));
        String secondSn = (String) ((List<Map<String, Object>>) second.get("feedetail")).getFirst().get("feedetl_sn");
        // the pool first: on a failure the connection closes (its lock released) before the pool waits for its task
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor(); Connection c = dataSource.getConnection()) {
            hold(c, "select 1 from visit where mdtrt_id = ? for update", mdtrtId);
            Future<JsonNode> answer = pool.submit(() -> his.call("2204", second));
            long waiting = awaitOneWaitingForARowLock();
            assertThat(waiting).as("the upload waits for the visit's lock").isEqualTo(1);
            // while it waits: the line already uploaded takes the serial the waiting upload names
            try (PreparedStatement rename = c.prepareStatement(
                    "update fee_line set feedetl_sn = ? where mdtrt_id = ? and cancelled_at is null")) {
                rename.setString(1, secondSn);
                rename.setString(2, mdtrtId);
                assertThat(rename.executeUpdate()).isEqualTo(1);
            }
            c.commit();
            JsonNode r = refused(answer.get(10, TimeUnit.SECONDS));
            assertThat(r.path("err_msg").asString()).contains(secondSn, "already uploaded");
        }
        assertThat(db.sql("select count(*) from fee_line where mdtrt_id = :m and cancelled_at is null").param("m", mdtrtId)
                .query(Long.class).single()).isEqualTo(1);
    }

    /**
     * The one-call lock and read (V024's function, as fixed by V027) returns a visit only with its
     * person's accumulator locked by the caller, also when settlements of a person's first visits of a
     * year race to create that accumulator. V024 decided whether to create it from a second look, taken
     * after the lock: an accumulator committed between the two looks was neither created nor locked,
     * and the state was read unlocked (the annual limit checked outside the person's lock; with the
     * account's lock taken first, a deadlock with a settlement that held the accumulator). Each round
     * below is a new year of one person, whose visits all call the function at once; each caller then
     * asks for the accumulator's lock without waiting, which only another transaction's lock refuses.
     */
    @Test
    void racing_first_settlements_of_a_year_each_hold_the_accumulator_their_state_was_read_under() throws Exception {
        assumeTrue(TestStore.shards() == 0, "the one-call lock and read is off on sharded nodes");
        String psn = ref.person("in_service");
        String inst = ref.hospital("L1").code();
        int rounds = 150;
        int racers = 6;
        for (int y = 0; y < rounds; y++) {
            for (int k = 0; k < racers; k++) {
                db.sql("""
                        insert into visit (mdtrt_id, psn_no, fixmedins_code, episode_fixmedins, insutype, med_type, begntime)
                        values (:m, :p, :i, :i, '310', '11', :t)""")
                        .param("m", psn + "-" + (1800 + y) + "-" + k).param("p", psn).param("i", inst)
                        .param("t", LocalDateTime.of(1800 + y, 6, 1, 9, 0).plusMinutes(k)).update();
            }
        }
        AtomicInteger unlocked = new AtomicInteger();
        AtomicInteger read = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
            for (int y = 0; y < rounds; y++) {
                int year = 1800 + y;
                CyclicBarrier start = new CyclicBarrier(racers);
                List<Future<?>> done = new ArrayList<>();
                for (int k = 0; k < racers; k++) {
                    String mdtrtId = psn + "-" + year + "-" + k;
                    done.add(pool.submit(() -> {
                        try (Connection c = dataSource.getConnection()) {
                            c.setAutoCommit(false);
                            start.await();
                            try (PreparedStatement call = c.prepareStatement(
                                    "select count(*) from gongji_lock_and_read_for_settlement(array[?], interval '24 hours', 30)")) {
                                call.setString(1, mdtrtId);
                                try (ResultSet rs = call.executeQuery()) {
                                    rs.next();
                                    if (rs.getLong(1) == 0) {
                                        c.rollback();
                                        return null;
                                    }
                                }
                            }
                            read.incrementAndGet();
                            try (PreparedStatement mine = c.prepareStatement(
                                    "select 1 from year_accumulator where psn_no = ? and year = ? for update nowait")) {
                                mine.setString(1, psn);
                                mine.setInt(2, year);
                                mine.executeQuery().close();
                            } catch (SQLException e) {
                                if (!"55P03".equals(e.getSQLState())) {
                                    throw e;
                                }
                                unlocked.incrementAndGet();
                            }
                            c.commit();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(30, TimeUnit.SECONDS);
                }
            }
        }
        assertThat(read.get()).as("visits read").isEqualTo(rounds * racers);
        assertThat(unlocked.get()).as("visits read while another transaction held their accumulator").isZero();
    }

    /**
     * A visit at 00:30 on 1 January and one at 23:30 the evening before, at one institution, share an
     * episode (24 h) but hold accumulators of different years. The settlement of the January visit
     * waits for the person's New Year guard, which the December one holds (migration V028), and then
     * reads the episode the December one opened: one deductible between them, not two. Without the
     * guard the January read does not wait and finds no episode.
     */
    @Test
    void a_settlement_after_midnight_on_new_years_eve_waits_for_one_before_it_and_reads_its_episode() throws Exception {
        assumeTrue(TestStore.shards() == 0, "the one-call lock and read is off on sharded nodes");
        String psn = ref.person("in_service");
        String inst = ref.hospital("L1").code();
        String december = newYearVisit(psn, inst, LocalDateTime.of(1790, 12, 31, 23, 30));
        String january = newYearVisit(psn, inst, LocalDateTime.of(1791, 1, 1, 0, 30));
        // the pool first: on a failure the connection closes (its locks released) before the pool waits for its task
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor(); Connection c = dataSource.getConnection()) {
            hold(c, "select count(*) from gongji_lock_and_read_for_settlement(array[?], interval '24 hours', 30)", december);
            Future<List<Long>> read = pool.submit(() -> {
                try (Connection j = dataSource.getConnection();
                        PreparedStatement call = j.prepareStatement(
                                "select episode_ids from gongji_lock_and_read_for_settlement(array[?], interval '24 hours', 30)")) {
                    j.setAutoCommit(false);
                    call.setString(1, january);
                    try (ResultSet rs = call.executeQuery()) {
                        rs.next();
                        List<Long> ids = List.of((Long[]) rs.getArray(1).getArray());
                        j.rollback();
                        return ids;
                    }
                }
            });
            assertThat(LockWaits.await(db, 1)).as("the January settlement waits for the December one").isEqualTo(1);
            long opened;
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into episode (psn_no, fixmedins_code, started_at, deductible_met) values (?, ?, ?, 0) returning episode_id")) {
                ps.setString(1, psn);
                ps.setString(2, inst);
                ps.setObject(3, LocalDateTime.of(1790, 12, 31, 23, 30));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    opened = rs.getLong(1);
                }
            }
            c.commit();
            assertThat(read.get(10, TimeUnit.SECONDS)).as("the episode opened on the other side of midnight").containsExactly(opened);
        }
    }

    /**
     * The guard SettlementStore.lockEpisodeYears takes (the one-by-one path on sharded nodes, a visit
     * read again with its own window) is the one the one-call read takes: the same key.
     */
    @Test
    void the_new_year_guard_taken_from_java_is_the_one_the_settlement_call_takes() throws Exception {
        assumeTrue(TestStore.shards() == 0, ONE_NODE);
        String psn = ref.person("in_service");
        String january = newYearVisit(psn, ref.hospital("L1").code(), LocalDateTime.of(1793, 1, 1, 8, 0));
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor(); Connection c = dataSource.getConnection()) {
            hold(c, "select count(*) from gongji_lock_and_read_for_settlement(array[?], interval '24 hours', 30)", january);
            Future<?> guarded = pool.submit(() -> tx.executeWithoutResult(status -> settlements.lockEpisodeYears(psn, List.of(1793))));
            assertThat(LockWaits.await(db, 1)).as("the Java guard waits for the call's").isEqualTo(1);
            c.commit();
            guarded.get(10, TimeUnit.SECONDS);
        }
        try (Connection c = dataSource.getConnection()) {
            hold(c, "select count(*) from gongji_lock_and_read_for_settlement(array[?], interval '24 hours', 30)", january);
            tx.executeWithoutResult(status -> settlements.lockEpisodeYears(psn, List.of(1794)));   // another year: no wait
            c.commit();
        }
    }

    /**
     * The guard's statement runs on every deployment (on sharded nodes it is the only guard, routed
     * by the person's row) and takes one lock per year, held to the end of the transaction.
     */
    @Test
    void the_new_year_guard_statement_runs_on_every_deployment_one_lock_per_year() {
        String psn = ref.person("in_service");
        long held = tx.execute(status -> {
            settlements.lockEpisodeYears(psn, List.of(1796, 1795));
            settlements.lockEpisodeYears(psn, List.of());
            return TestStore.shards() > 0 ? 2L : db.sql("""
                    select count(*) from pg_locks
                    where locktype = 'advisory' and pid = pg_backend_pid() and objsubid = 2 and classid in (1795, 1796)
                    """).query(Long.class).single();
        });
        assertThat(held).isEqualTo(2);
    }

    /**
     * A 2208 that gives an episode its deductible back, of a visit on 1 January, takes the person's
     * guard of that New Year (a settlement of 31 December may be reading the episode), after the
     * accumulator; one of another day does not. The test moves a settlement made now to 1 January of
     * this year and holds the guard itself.
     */
    @Test
    void a_cancel_giving_back_a_deductible_on_new_years_day_waits_for_the_new_year_guard() throws Exception {
        assumeTrue(TestStore.shards() == 0, ONE_NODE);
        Uploaded u = uploaded("100.00");
        JsonNode settled = settle(u.his(), u.psnNo(), u.mdtrtId(), "100.00", false).path("setlinfo");
        assertThat(settled.path("act_pay_dedc").decimalValue()).as("a deductible was paid").isPositive();
        String setlId = settled.path("setl_id").asString();
        LocalDate newYearsDay = LocalDate.of(u.year(), 1, 1);
        db.sql("update settlement set care_date = :d where setl_id = :s").param("d", newYearsDay).param("s", setlId).update();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor(); Connection c = dataSource.getConnection()) {
            hold(c, "select pg_advisory_xact_lock(?, hashtext(?))", u.year(), u.psnNo());
            Future<JsonNode> cancel = pool.submit(() -> u.his().call("2208", data("setl_id", setlId, "mdtrt_id", u.mdtrtId(),
                    "psn_no", u.psnNo())));
            assertThat(LockWaits.await(db, 1)).as("the cancel waits for the New Year guard").isEqualTo(1);
            c.commit();
            ok(cancel.get(10, TimeUnit.SECONDS));
        }
        assertThat(poolPaid(u.psnNo(), u.year())).isEqualByComparingTo("0.00");
    }

    private String newYearVisit(String psn, String inst, LocalDateTime begntime) {
        String mdtrtId = psn + "-" + begntime.toLocalDate();
        db.sql("""
                insert into visit (mdtrt_id, psn_no, fixmedins_code, episode_fixmedins, insutype, med_type, begntime)
                values (:m, :p, :i, :i, '310', '11', :t)""")
                .param("m", mdtrtId).param("p", psn).param("i", inst).param("t", begntime).update();
        return mdtrtId;
    }

    /**
     * A 2601 of a 2204 takes the lock of the visits the upload went to before it cancels lines, as
     * every writer of a visit's lines does. Without it, a 2207 that had read the lines as open could
     * be paid for lines the reversal cancelled beside it. Here the test's transaction holds the visit
     * (as a settlement does) and, while the reversal waits, marks the line settled (with another
     * visit's settlement, which the test undoes after): the reversal then leaves it.
     */
    @Test
    void a_reversal_of_an_upload_waits_for_the_visits_lock_and_leaves_a_line_settled_meanwhile() throws Exception {
        assumeTrue(TestStore.shards() == 0, ONE_NODE);
        HisClient his = client(ref.hospital("L2"));
        String psn = ref.person("in_service");
        String other = register(his, psn, now().minusMinutes(30));
        upload(his, other, psn, line(ref.classA(), "10.00", "1"));
        String otherSetlId = settle(his, psn, other, "10.00", false).path("setlinfo").path("setl_id").asString();
        assertThat(otherSetlId).isNotEmpty();
        String mdtrtId = register(his, psn, now().minusMinutes(5));
        String msgid = his.nextMsgid();
        ok(his.call("2204", msgid, feedetail(mdtrtId, psn, line(ref.classA(), "40.00", "1"))));
        // the pool first: on a failure the connection closes (its lock released) before the pool waits for its task
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor(); Connection c = dataSource.getConnection()) {
            hold(c, "select 1 from visit where mdtrt_id = ? for update", mdtrtId);
            Future<JsonNode> reversal = pool.submit(() -> his.call("2601", data("psn_no", psn, "omsgid", msgid, "oinfno", "2204")));
            assertThat(awaitOneWaitingForARowLock()).as("the reversal waits for the visit's lock").isEqualTo(1);
            try (PreparedStatement mark = c.prepareStatement("update fee_line set setl_id = ? where mdtrt_id = ?")) {
                mark.setString(1, otherSetlId);
                mark.setString(2, mdtrtId);
                assertThat(mark.executeUpdate()).isEqualTo(1);
            }
            c.commit();
            ok(reversal.get(10, TimeUnit.SECONDS));
        }
        assertThat(db.sql("select count(*) from fee_line where mdtrt_id = :m and cancelled_at is null").param("m", mdtrtId)
                .query(Long.class).single()).as("the line settled while the reversal waited is left").isEqualTo(1);
        db.sql("update fee_line set setl_id = null where mdtrt_id = :m").param("m", mdtrtId).update();
    }

    /**
     * A 2204 naming several visits locks them in psn_no, then mdtrt_id order, the order of the upload
     * and settlement batches (V023, V027), so it never waits in a cycle with a batch. The later
     * visit belongs to the earlier person: with the test holding that visit, the upload waits for it
     * before it has locked the other (in mdtrt_id order it held the other while waiting).
     */
    @Test
    @SuppressWarnings("unchecked")
    void an_upload_naming_several_visits_locks_them_in_person_order() throws Exception {
        assumeTrue(TestStore.shards() == 0, ONE_NODE);
        HisClient his = client(ref.hospital("L2"));
        String earlier = ref.person("in_service");
        String later = ref.person("in_service");
        assertThat(earlier).isLessThan(later);
        String first = register(his, later, now().minusMinutes(6));
        String second = register(his, earlier, now().minusMinutes(5));
        assertThat(first).isLessThan(second);
        Map<String, Object> body = feedetail(first, later, line(ref.classA(), "10.00", "1"));
        ((List<Object>) body.get("feedetail")).addAll(
                (List<Object>) feedetail(second, earlier, line(ref.classA(), "20.00", "1")).get("feedetail"));
        // the pool first: on a failure the connections close (the lock released) before the pool waits for its task
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor(); Connection c = dataSource.getConnection();
                Connection probe = dataSource.getConnection()) {
            hold(c, "select 1 from visit where mdtrt_id = ? for update", second);
            Future<JsonNode> upload = pool.submit(() -> his.call("2204", body));
            assertThat(awaitOneWaitingForARowLock()).as("the upload waits for the earlier person's visit").isEqualTo(1);
            probe.setAutoCommit(false);
            try (PreparedStatement free = probe.prepareStatement("select 1 from visit where mdtrt_id = ? for update nowait")) {
                free.setString(1, first);
                free.executeQuery().close();   // 55P03 if the upload held it
            }
            probe.rollback();
            c.commit();
            ok(upload.get(10, TimeUnit.SECONDS));
        }
        assertThat(db.sql("select count(*) from fee_line where mdtrt_id in (:a, :b) and cancelled_at is null")
                .param("a", first).param("b", second).query(Long.class).single()).isEqualTo(2);
    }

    /**
     * Two 2601s of one 2207 sent together (a HIS retrying under a new msgid) both succeed, and the
     * settlement is cancelled once, as when the second is sent after the first: the one that waited
     * for the person's lock finds the settlement cancelled and has nothing left to undo (it was
     * refused as "already cancelled").
     */
    @Test
    void two_reversals_of_one_settlement_sent_together_both_succeed_and_cancel_it_once() throws Exception {
        assumeTrue(TestStore.shards() == 0, ONE_NODE);
        Uploaded u = uploaded("100.00");
        String msgid = u.his().nextMsgid();
        ok(u.his().call("2207", msgid, settleInput(u.psnNo(), u.mdtrtId(), "100.00", false)));
        // the pool first: on a failure the connection closes (its lock released) before the pool waits for its task
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor(); Connection c = dataSource.getConnection()) {
            hold(c, "select 1 from year_accumulator where psn_no = ? and year = ? for update", u.psnNo(), u.year());
            List<Future<JsonNode>> reversals = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                reversals.add(pool.submit(() -> u.his().call("2601", data("psn_no", u.psnNo(), "omsgid", msgid, "oinfno", "2207"))));
            }
            assertThat(LockWaits.await(db, 2)).as("both reversals wait for the person's lock").isEqualTo(2);
            c.commit();
            for (Future<JsonNode> f : reversals) {
                ok(f.get(10, TimeUnit.SECONDS));
            }
        }
        assertThat(db.sql("select count(*) from settlement where mdtrt_id = :m").param("m", u.mdtrtId()).query(Long.class).single())
                .as("the settlement and ONE reversal").isEqualTo(2);
        assertThat(poolPaid(u.psnNo(), u.year())).isEqualByComparingTo("0.00");
    }

    /**
     * A message whose transaction PostgreSQL chose as a deadlock's victim runs again and is answered
     * as if nothing had happened (HisProcessor.once): the HIS sees no internal error. The test's
     * transaction makes the cycle: it holds the person's accumulator, the 2207 locks the visit and
     * waits for it, then the test asks for the visit. The 2207 waited first, so its deadlock check
     * (deadlock_timeout, 1 s) finds the cycle and rolls it back; its second attempt waits for the
     * test's transaction and then settles.
     */
    @Test
    void a_settlement_rolled_back_as_a_deadlocks_victim_runs_again_and_is_answered() throws Exception {
        assumeTrue(TestStore.shards() == 0, ONE_NODE);
        Uploaded u = uploaded("100.00");
        db.sql("insert into year_accumulator (psn_no, year) values (:p, :y) on conflict do nothing")
                .param("p", u.psnNo()).param("y", u.year()).update();
        double retriesBefore = retries();
        // the pool first: on a failure the connection closes (its locks released) before the pool waits for its tasks
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor(); Connection c = dataSource.getConnection()) {
            hold(c, "select 1 from year_accumulator where psn_no = ? and year = ? for update", u.psnNo(), u.year());
            // with account use: settled one by one, never in a batch
            Future<JsonNode> settled = pool.submit(() -> u.his().call("2207", settleInput(u.psnNo(), u.mdtrtId(), "100.00", true)));
            assertThat(awaitOneWaitingForARowLock()).as("the 2207 holds the visit and waits for the accumulator").isEqualTo(1);
            Future<?> cycle = pool.submit(() -> {
                hold(c, "select 1 from visit where mdtrt_id = ? for update", u.mdtrtId());
                return null;
            });
            cycle.get(10, TimeUnit.SECONDS);   // granted once the 2207's first attempt rolled back
            c.commit();
            assertThat(ok(settled.get(10, TimeUnit.SECONDS)).path("setlinfo").path("medfee_sumamt").decimalValue())
                    .isEqualByComparingTo("100.00");
        }
        assertThat(retries() - retriesBefore).as("the 2207 ran again").isEqualTo(1.0);
        assertThat(db.sql("select count(*) from settlement where mdtrt_id = :m").param("m", u.mdtrtId()).query(Long.class).single())
                .isEqualTo(1);
    }

    private double retries() {
        Counter c = meters.find("gongji.his.retries").tag("infno", "2207").counter();
        return c == null ? 0 : c.count();
    }

    /**
     * Runs a locking statement in the test's own transaction on {@code c} (autocommit off from here):
     * its locks are held until the test commits or closes {@code c}.
     */
    private static void hold(Connection c, String sql, Object... params) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeQuery().close();
        }
    }

    /** A visit at an L2 hospital, registered 5 minutes ago, with one class-A line uploaded. */
    private record Uploaded(HisClient his, String psnNo, String mdtrtId) {

        /** The year of care (5 minutes ago). */
        int year() {
            return now().minusMinutes(5).getYear();
        }
    }

    private Uploaded uploaded(String amount) {
        HisClient his = client(ref.hospital("L2"));
        String psn = ref.person("in_service");
        String mdtrtId = register(his, psn, now().minusMinutes(5));
        upload(his, mdtrtId, psn, line(ref.classA(), amount, "1"));
        return new Uploaded(his, psn, mdtrtId);
    }
}
