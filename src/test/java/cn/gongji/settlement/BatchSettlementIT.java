package cn.gongji.settlement;

import static cn.gongji.settlement.HisSteps.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.gongji.common.Money;
import cn.gongji.store.TailCommit;
import cn.gongji.support.HisClient;
import cn.gongji.support.RefData;
import cn.gongji.support.ServiceIT;
import cn.gongji.support.StatementCounter;
import cn.gongji.support.TestStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Settlement batches (issue 9, docs/performance.md "Settlement batches"): a batch settles each visit
 * exactly as the one-by-one path does, hands back untouched what it does not settle, and under
 * concurrent load every 2207 is answered once, correctly, with its answer stored.
 */
@ServiceIT
class BatchSettlementIT extends HisTestBase {

    private static final AtomicInteger MSG = new AtomicInteger();

    @Autowired
    Settler settler;

    @Autowired
    ReferenceData refData;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    MeterRegistry meters;

    @Autowired
    SettlementStore store;

    @Autowired
    TailCommit tail;

    /** Two persons alike, each with a visit alike, waiting to be settled: one in the batch, one one by one. */
    private record Twin(String what, String a, String visitA, String b, String visitB, String medfee) {}

    @Test
    void a_batch_settles_each_visit_exactly_as_one_by_one_and_hands_back_untouched_what_it_does_not_settle() {
        L2 l2 = l2();
        HisClient his = l2.his();
        Institution inst = l2.inst();
        String a = l2.classA();
        List<Twin> twins = new ArrayList<>();
        for (String status : List.of("in_service", "retired", "in_service")) {
            // the first settlement of the year: no accumulator row yet
            String pa = ref.person(status);
            String pb = ref.person(status);
            LocalDateTime t = now().minusHours(2);
            twins.add(new Twin("first of the year, " + status, pa, prepared(his, pa, t, line(a, "36.50", "2")), pb,
                    prepared(his, pb, t, line(a, "36.50", "2")), "73.00"));
        }
        // POLICY.md's worked example: L2, a first visit in scope 20.00 met 20.00 of the deductible; the same
        // hospital 3 h later, in scope 100.00: the remaining 10.00, eligible 90.00, fund 49.50
        String pa = ref.person("in_service");
        String pb = ref.person("in_service");
        LocalDateTime first = now().minusHours(5);
        visit(his, pa, first, false, line(a, "20.00", "1"));
        visit(his, pb, first, false, line(a, "20.00", "1"));
        twins.add(new Twin("in an open episode", pa, prepared(his, pa, first.plusHours(3), line(a, "100.00", "1")), pb,
                prepared(his, pb, first.plusHours(3), line(a, "100.00", "1")), "100.00"));

        // what the batch must hand back, writing nothing for it
        String payer = ref.person("in_service");
        ref.credit(payer, "100.00");
        visit(his, payer, now().minusHours(9), false, line(a, "5.00", "1"));
        String accountVisit = prepared(his, payer, now().minusHours(1), line(a, "10.00", "1"));
        String wrong = ref.person("in_service");
        visit(his, wrong, now().minusHours(9), false, line(a, "5.00", "1"));
        String wrongTotalVisit = prepared(his, wrong, now().minusHours(1), line(a, "10.00", "1"));
        String fresh = ref.person("in_service");   // refused at its first settlement of the year
        String freshWrongTotalVisit = prepared(his, fresh, now().minusHours(1), line(a, "10.00", "1"));
        String elsewhere = ref.person("in_service");
        HisClient other = client(ref.hospital("L2"));
        visit(other, elsewhere, now().minusHours(9), false, line(a, "5.00", "1"));
        String otherInstitutionVisit = prepared(other, elsewhere, now().minusHours(1), line(a, "10.00", "1"));

        List<Settler.BatchItem> items = new ArrayList<>();
        for (Twin t : twins) {
            items.add(item(inst, t.a(), t.visitA(), t.medfee(), false));
        }
        items.add(item(inst, payer, accountVisit, "10.00", true));
        items.add(item(inst, wrong, wrongTotalVisit, "10.01", false));
        items.add(item(inst, fresh, freshWrongTotalVisit, "9.99", false));
        items.add(item(inst, elsewhere, otherInstitutionVisit, "10.00", false));
        items.add(item(inst, wrong, "M-NO-SUCH-VISIT", "10.00", false));
        Map<String, BigDecimal> poolBefore = new HashMap<>();
        for (String p : List.of(payer, wrong, elsewhere)) {
            poolBefore.put(p, poolPaid(p, now().getYear()));
        }

        List<Optional<Settler.Outcome>> batched = tx.execute(s -> settler.settleBatch(items));

        for (int k = 0; k < twins.size(); k++) {
            Twin t = twins.get(k);
            assertThat(batched.get(k)).as("settled in the batch: %s", t.what()).isPresent();
            SettlementRow inBatch = batched.get(k).orElseThrow().row();
            SettlementRow oneByOne = tx.execute(s -> settler.settle(inst, request(t.b(), t.visitB(), t.medfee(), false), p -> {}))
                    .row();
            assertThat(amounts(inBatch)).as(t.what()).isEqualTo(amounts(oneByOne));
            assertThat(inBatch.trace().replace(t.a(), "P").replace(t.visitA(), "M"))
                    .as("trace, " + t.what()).isEqualTo(oneByOne.trace().replace(t.b(), "P").replace(t.visitB(), "M"));
            assertThat(stored(inBatch.setlId())).as("as stored, " + t.what()).isEqualTo(stored(oneByOne.setlId()));
            assertThat(poolPaid(t.a(), now().getYear())).isEqualByComparingTo(poolPaid(t.b(), now().getYear()));
            assertThat(inBatch.episodeId()).isEqualTo(episodeOf(inBatch.setlId()));
            assertThat(db.sql("select response from his_message where fixmedins_code = :i and msgid = :m")
                    .param("i", l2.ref().code()).param("m", inBatch.msgid()).query(String.class).single())
                    .as("the answer stored with the settlement").contains(inBatch.setlId());
        }
        SettlementRow example = batched.get(3).orElseThrow().row();
        assertThat(example.actPayDedc().amount()).isEqualByComparingTo("10.00");
        assertThat(example.hifpPay().amount()).isEqualByComparingTo("49.50");
        assertThat(db.sql("select deductible_met from episode where episode_id = :e").param("e", example.episodeId())
                .query(BigDecimal.class).single()).isEqualByComparingTo("30.00");

        for (int k = twins.size(); k < items.size(); k++) {
            assertThat(batched.get(k)).as("handed back: %s", items.get(k).request().mdtrtId()).isEmpty();
        }
        assertThat(db.sql("select count(*) from year_accumulator where psn_no = :p").param("p", fresh).query(Long.class).single())
                .as("a refusal at the first settlement of the year leaves no accumulator behind").isZero();
        for (String visit : List.of(accountVisit, wrongTotalVisit, freshWrongTotalVisit, otherInstitutionVisit)) {
            assertThat(db.sql("select count(*) from settlement where mdtrt_id = :m").param("m", visit).query(Long.class).single())
                    .as("no settlement of " + visit).isZero();
            assertThat(db.sql("select count(*) from fee_line where mdtrt_id = :m and setl_id is not null").param("m", visit)
                    .query(Long.class).single()).as("no line of " + visit + " marked").isZero();
        }
        for (int k = twins.size(); k < items.size(); k++) {
            assertThat(db.sql("select count(*) from his_message where msgid = :m").param("m", items.get(k).request().msgid())
                    .query(Long.class).single()).as("no answer stored for what was handed back").isZero();
        }
        poolBefore.forEach((p, before) -> assertThat(poolPaid(p, now().getYear())).isEqualByComparingTo(before));
        assertThat(db.sql("select count(*) from account_entry where psn_no = :p and kind = 'payment'").param("p", payer)
                .query(Long.class).single()).isZero();
    }

    @Test
    void one_call_locks_each_visit_with_its_accumulator_and_reads_its_state_as_the_state_read_does() {
        L2 l2 = l2();
        HisClient his = l2.his();
        String a = l2.classA();
        LocalDateTime t = now().minusHours(3);
        // a person with history: a settled visit two days before, an open episode at this hospital, an account
        String regular = ref.person("retired");
        ref.credit(regular, "50.00");
        visit(his, regular, t.minusDays(2), false, line(a, "8.00", "1"));
        visit(his, regular, t.minusHours(5), false, line(a, "20.00", "1"));
        String withHistory = prepared(his, regular, t, line(a, "12.00", "2"), line(a, "3.50", "1"));
        // persons without an accumulator for the year: one with lines, one without
        String fresh = ref.person("in_service");
        String firstOfYear = prepared(his, fresh, t, line(a, "9.00", "1"));
        String noLines = register(his, ref.person("in_service"), t);
        List<String> ids = List.of(withHistory, "M-NO-SUCH-VISIT", firstOfYear, noLines);

        for (Duration window : List.of(Duration.ofHours(1), Duration.ofHours(24), Duration.ofHours(48))) {
            for (int days : List.of(1, 30)) {
                String keys = "window " + window + ", history " + days + " days";
                tx.execute(status -> {
                    Map<String, SettlementStore.LockedRead> read = store.lockAndReadForSettlement(ids, window, days);
                    assertThat(read.keySet()).as(keys).containsExactlyInAnyOrder(withHistory, firstOfYear, noLines);
                    for (SettlementStore.LockedRead r : read.values()) {
                        Visit v = r.locked().visit();
                        SettleState expected = store.settleStates(List.of(new SettlementStore.StateKey(v.mdtrtId(), v.psnNo(),
                                v.episodeFixmedins(), v.begntime(), window, days))).getFirst();
                        assertThat(r.state()).as("%s, %s", v.mdtrtId(), keys).isEqualTo(expected);
                        assertThat(r.locked().poolPaid().amount()).as(keys)
                                .isEqualByComparingTo(poolPaid(v.psnNo(), v.begntime().getYear()));
                    }
                    SettleState regularState = read.get(withHistory).state();
                    assertThat(regularState.openLines()).as(keys).hasSize(2);
                    assertThat(regularState.episodes()).as("the episode opened 5 h before, " + keys)
                            .hasSize(window.toHours() > 5 ? 1 : 0);
                    assertThat(regularState.history().visits()).as("the visit 2 days before, " + keys).hasSize(days > 2 ? 2 : 1);
                    assertThat(regularState.ownBalance().amount()).isEqualByComparingTo("50.00");
                    assertThat(read.get(withHistory).created()).as("an accumulator that existed").isFalse();
                    assertThat(read.get(firstOfYear).created()).as("the first settlement of the year").isTrue();
                    assertThat(read.get(firstOfYear).locked().poolPaid().amount()).isEqualByComparingTo("0");
                    assertThat(read.get(noLines).state().openLines()).isEmpty();
                    status.setRollbackOnly();
                    return null;
                });
            }
        }
        assertThat(db.sql("select count(*) from year_accumulator where psn_no = :p").param("p", fresh).query(Long.class).single())
                .as("rolled back with the transaction").isZero();
    }

    /**
     * A batch that created a person's accumulator for the year and then did not settle that person
     * removes that row again, and only it: the person's accumulator of another year stays, even at
     * zero (the removal named the person alone before).
     */
    @Test
    void a_batch_that_does_not_settle_a_first_settlement_of_the_year_removes_only_that_years_accumulator() {
        L2 l2 = l2();
        String psn = ref.person("in_service");
        String visit = prepared(l2.his(), psn, now().minusMinutes(10), line(l2.classA(), "10.00", "1"));
        int year = now().minusMinutes(10).getYear();
        db.sql("insert into year_accumulator (psn_no, year) values (:p, :y)").param("p", psn).param("y", year - 1).update();

        // the request names another person: refused (one by one answers it), after the call created the row
        List<Optional<Settler.Outcome>> results = tx.execute(s -> settler.settleBatch(
                List.of(item(l2.inst(), ref.person("in_service"), visit, "10.00", false)), Duration.ofHours(24)));

        assertThat(results.getFirst()).isEmpty();
        assertThat(db.sql("select year from year_accumulator where psn_no = :p").param("p", psn).query(Integer.class).list())
                .containsExactly(year - 1);
    }

    @Test
    void a_visit_whose_policy_has_another_episode_window_than_the_read_assumed_is_read_again_with_its_own() {
        L2 l2 = l2();
        HisClient his = l2.his();
        Institution inst = l2.inst();
        String a = l2.classA();
        // POLICY.md's worked example, its second visit 3 h into the episode. Read with a 1-hour window the
        // episode is not seen, and the visit would pay the whole deductible again.
        String pa = ref.person("in_service");
        String pb = ref.person("in_service");
        String pc = ref.person("in_service");
        LocalDateTime first = now().minusHours(5);
        visit(his, pa, first, false, line(a, "20.00", "1"));
        visit(his, pb, first, false, line(a, "20.00", "1"));
        visit(his, pc, first, false, line(a, "20.00", "1"));
        String visitA = prepared(his, pa, first.plusHours(3), line(a, "100.00", "1"));
        String visitB = prepared(his, pb, first.plusHours(3), line(a, "100.00", "1"));
        String visitC = prepared(his, pc, first.plusHours(3), line(a, "100.00", "1"));

        SettlementRow inBatch = tx.execute(s -> settler.settleBatch(List.of(item(inst, pa, visitA, "100.00", false)),
                Duration.ofHours(1))).getFirst().orElseThrow().row();
        SettlementRow oneByOne = tx.execute(s -> settler.settle(inst, request(pb, visitB, "100.00", false), p -> {})).row();
        // the one-by-one path locks and reads in one call too, with the same assumption
        SettlementRow oneByOneWrongWindow = tx.execute(s -> settler.settle(inst, request(pc, visitC, "100.00", false), p -> {},
                null, Duration.ofHours(1))).row();

        assertThat(inBatch.actPayDedc().amount()).isEqualByComparingTo("10.00");
        assertThat(inBatch.hifpPay().amount()).isEqualByComparingTo("49.50");
        assertThat(amounts(inBatch)).isEqualTo(amounts(oneByOne));
        assertThat(amounts(oneByOneWrongWindow)).isEqualTo(amounts(oneByOne));
        assertThat(stored(inBatch.setlId())).isEqualTo(stored(oneByOne.setlId()));
        assertThat(stored(oneByOneWrongWindow.setlId())).isEqualTo(stored(oneByOne.setlId()));
    }

    @Test
    void a_batch_takes_two_round_trips_also_when_its_persons_settle_for_the_first_time_this_year() {
        L2 l2 = l2();
        HisClient his = l2.his();
        Institution inst = l2.inst();
        String a = l2.classA();
        Map<String, List<Settler.BatchItem>> batches = new java.util.LinkedHashMap<>();
        for (String kind : List.of("persons with an accumulator", "persons settling for the first time this year")) {
            List<Settler.BatchItem> items = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                String psn = ref.person("in_service");
                if (kind.startsWith("persons with")) {
                    visit(his, psn, now().minusHours(30), false, line(a, "5.00", "1"));
                }
                items.add(item(inst, psn, prepared(his, psn, now().minusHours(1), line(a, "15.00", "2")), "30.00", false));
            }
            batches.put(kind, items);
        }
        batches.forEach((kind, items) -> {
            List<List<Optional<Settler.Outcome>>> out = new ArrayList<>();
            StatementCounter.Count c = StatementCounter.capture(() -> out.add(tail.inTransaction(s -> settler.settleBatch(items))));
            assertThat(out.getFirst()).as(kind).allSatisfy(o -> assertThat(o).isPresent());
            long idRefills = c.sql().stream().filter(sql -> sql.contains("nextval(")).count();
            assertThat(c.roundTrips() - idRefills).as("round trips of a batch of %s: %s", kind, c.sql()).isEqualTo(2);
        });
    }

    @Test
    void concurrent_settlements_and_their_retries_are_each_answered_once_and_stored_with_their_effect() throws Exception {
        String a = ref.classA();
        record Ready(HisClient his, String psn, String mdtrtId, String msgid) {}
        List<Ready> visits = new ArrayList<>();
        List<HisClient> hospitals = List.of(client(ref.hospital("L1")), client(ref.hospital("L2")), client(ref.hospital("L3")));
        for (int i = 0; i < 36; i++) {
            HisClient his = hospitals.get(i % hospitals.size());
            String psn = ref.person(i % 4 == 0 ? "retired" : "in_service");
            if (i % 3 == 0) {
                visit(his, psn, now().minusHours(30), false, line(a, "8.00", "1"));   // an accumulator already there
            }
            visits.add(new Ready(his, psn, prepared(his, psn, now().minusMinutes(40), line(a, "61.20", "1"),
                    line(a, "3.30", "4")), his.nextMsgid()));
        }
        long batchesBefore = batches().count();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<JsonNode>> first = new ArrayList<>();
        List<Future<JsonNode>> retry = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Ready v : visits) {
                first.add(pool.submit(() -> {
                    start.await();
                    return v.his().call("2207", v.msgid(), settleInput(v.psn(), v.mdtrtId(), "74.40", false));
                }));
            }
            for (Ready v : visits.subList(0, 12)) {   // the HIS retries a third at once, same msgid
                retry.add(pool.submit(() -> {
                    start.await();
                    return v.his().call("2207", v.msgid(), settleInput(v.psn(), v.mdtrtId(), "74.40", false));
                }));
            }
            start.countDown();
            for (int k = 0; k < visits.size(); k++) {
                JsonNode s = ok(first.get(k).get()).path("setlinfo");
                assertThat(s.path("medfee_sumamt").decimalValue()).isEqualByComparingTo("74.40");
                if (k < retry.size()) {
                    assertThat(ok(retry.get(k).get()).path("setlinfo")).as("the retry answers the same settlement").isEqualTo(s);
                }
            }
        }
        for (Ready v : visits) {
            assertThat(db.sql("select count(*) from settlement where mdtrt_id = :m").param("m", v.mdtrtId()).query(Long.class)
                    .single()).as("one settlement of " + v.mdtrtId()).isEqualTo(1);
            assertThat(db.sql("select count(*) from his_message where fixmedins_code = :i and msgid = :m")
                    .param("i", v.his().code()).param("m", v.msgid()).query(Long.class).single()).isEqualTo(1);
            assertThat(db.sql("select count(*) from fee_line where mdtrt_id = :m and setl_id is null").param("m", v.mdtrtId())
                    .query(Long.class).single()).as("every line of " + v.mdtrtId() + " settled").isZero();
        }
        if (TestStore.shards() == 0) {
            assertThat(batches().count()).as("the 2207s went through the batch queue").isGreaterThan(batchesBefore);
            System.out.printf("settlement batches: %d, largest %.0f settlements%n", (long) batches().count(), batches().max());
        }
    }

    /** A new L2 hospital, its HIS client and institution, and a class-A catalog item. */
    private record L2(RefData.Inst ref, HisClient his, Institution inst, String classA) {}

    /** {@link L2}; the test is skipped on sharded nodes, where batches are off (SettleBatches). */
    private L2 l2() {
        assumeTrue(TestStore.shards() == 0, "batches are off on sharded nodes (SettleBatches)");
        RefData.Inst l2 = ref.hospital("L2");
        return new L2(l2, client(l2), refData.requireInstitution(l2.code()), ref.classA());
    }

    private io.micrometer.core.instrument.DistributionSummary batches() {
        return meters.get("gongji.settlement.batch.size").summary();
    }

    private static String prepared(HisClient his, String psn, LocalDateTime at, Line... lines) {
        String mdtrtId = register(his, psn, at);
        upload(his, mdtrtId, psn, lines);
        return mdtrtId;
    }

    private static Settler.BatchItem item(Institution inst, String psn, String mdtrtId, String medfee, boolean account) {
        SettleRequest r = request(psn, mdtrtId, medfee, account);
        return new Settler.BatchItem(inst, r, p -> {}, o -> new StoredAnswer(inst.code(), r.msgid(), "2207", "test-hash", psn,
                "{\"setl_id\":\"" + o.row().setlId() + "\"}"));
    }

    private static SettleRequest request(String psn, String mdtrtId, String medfee, boolean account) {
        return new SettleRequest(psn, mdtrtId, null, Money.of(new BigDecimal(medfee)), null, null, null, null, account, null,
                "BATCH-IT-" + MSG.incrementAndGet());
    }

    private static String amounts(SettlementRow s) {
        return String.join(" ", s.medfeeSumamt().toString(), s.fulamtOwnpayAmt().toString(), s.overlmtSelfpay().toString(),
                s.preselfpayAmt().toString(), s.inscpScpAmt().toString(), s.actPayDedc().toString(), s.hifpPay().toString(),
                String.valueOf(s.poolPropSelfpay()), s.fundPaySumamt().toString(), s.psnPartAmt().toString(),
                s.acctPay().toString(), s.acctMulaidPay().toString(), s.psnCashPay().toString(), s.balc().toString(),
                s.crtPaybLmtAmt().toString(), s.psnType(), s.level(), s.medType(), s.careDate().toString(),
                String.valueOf(s.policyVersion()), s.clrType());
    }

    /** The stored row's amounts, its episode's deductible met and its covered lines, as a comparable text. */
    private String stored(String setlId) {
        return db.sql("""
                select s.medfee_sumamt || ' ' || s.hifp_pay || ' ' || s.act_pay_dedc || ' ' || s.psn_cash_pay || ' '
                       || coalesce(e.deductible_met::text, '-') || ' '
                       || (select count(*) || ' ' || coalesce(sum(det_item_fee_sumamt), 0) from settlement_line l
                           where l.setl_id = s.setl_id) || ' '
                       || (select count(*) from fee_line f where f.setl_id = s.setl_id)
                from settlement s left join episode e on e.episode_id = s.episode_id
                where s.setl_id = :s
                """).param("s", setlId).query(String.class).single();
    }

    private Long episodeOf(String setlId) {
        return db.sql("select episode_id from settlement where setl_id = :s").param("s", setlId)
                .query((rs, i) -> Optional.ofNullable(rs.getObject(1, Long.class))).single().orElse(null);
    }
}
