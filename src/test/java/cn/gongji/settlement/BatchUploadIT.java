package cn.gongji.settlement;

import static cn.gongji.settlement.HisSteps.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.gongji.common.Money;
import cn.gongji.support.HisClient;
import cn.gongji.support.RefData;
import cn.gongji.support.ServiceIT;
import cn.gongji.support.TestStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
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

/**
 * Upload batches (issue 9, seventh pass; {@code UploadBatches}, {@link FeeService#uploadBatch}): a batch
 * stores each upload exactly as the one-by-one path does, hands back untouched what it does not take,
 * and under concurrent load every 2204 is answered once, with its lines stored once and its answer
 * stored with them.
 */
@ServiceIT
class BatchUploadIT extends HisTestBase {

    private static final AtomicInteger SN = new AtomicInteger();

    @Autowired
    FeeService fees;

    @Autowired
    ReferenceData refData;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DataSource dataSource;

    @Test
    void a_batch_stores_each_upload_exactly_as_one_by_one_and_hands_back_untouched_what_it_does_not_take() {
        assumeTrue(TestStore.shards() == 0, "batches are off on sharded nodes (UploadBatches)");
        RefData.Inst l2 = ref.hospital("L2");
        HisClient his = client(l2);
        Institution inst = refData.requireInstitution(l2.code());
        String[][] kinds = {{ref.classA(), "12.30", "2"}, {ref.item("02", "0.1", null, true), "40.00", "1"},
                {ref.item("02", "0.2", "30.00", true), "45.00", "1"}, {ref.item("03", "0", null, false), "8.00", "3"},
                {"NOT-IN-CATALOG-" + SN.incrementAndGet(), "5.00", "1"}};

        // twins: the same lines to two visits alike, one in the batch, one one by one
        List<String[]> twins = new ArrayList<>();
        for (String status : List.of("in_service", "retired")) {
            String pa = ref.person(status);
            String pb = ref.person(status);
            LocalDateTime t = now().minusHours(2);
            twins.add(new String[] {pa, register(his, pa, t), pb, register(his, pb, t)});
        }
        // what the batch must hand back, writing nothing for it
        String settledPsn = ref.person("in_service");
        String settledVisit = register(his, settledPsn, now().minusHours(3));
        upload(his, settledVisit, settledPsn, line(ref.classA(), "10.00", "1"));
        settle(his, settledPsn, settledVisit, "10.00", false);
        String dupPsn = ref.person("in_service");
        String dupVisit = register(his, dupPsn, now().minusHours(3));
        List<LineInput> dupLines = lines(dupVisit, dupPsn, new String[][] {{ref.classA(), "3.00", "1"}});
        tx.execute(s -> fees.upload(inst, "BATCH-UP-DUP-0", dupLines, p -> {}, null));
        String elsewherePsn = ref.person("in_service");
        String elsewhereVisit = register(client(ref.hospital("L2")), elsewherePsn, now().minusHours(3));
        String otherPsn = ref.person("in_service");

        List<FeeService.BatchUpload> items = new ArrayList<>();
        List<String> msgids = new ArrayList<>();
        for (String[] t : twins) {
            items.add(item(inst, msgids, lines(t[1], t[0], kinds)));
        }
        items.add(item(inst, msgids, lines(settledVisit, settledPsn, kinds)));
        items.add(item(inst, msgids, dupLines));
        items.add(item(inst, msgids, lines(elsewhereVisit, elsewherePsn, kinds)));
        items.add(item(inst, msgids, lines(twins.getFirst()[3], otherPsn, kinds)));   // a visit of another person
        items.add(item(inst, msgids, lines("M-NO-SUCH-VISIT", otherPsn, kinds)));
        long elsewhereLines = linesOf(elsewhereVisit);

        List<Optional<List<FeeLineRow>>> batched = tx.execute(s -> fees.uploadBatch(items));

        for (int k = 0; k < twins.size(); k++) {
            String[] t = twins.get(k);
            assertThat(batched.get(k)).as("stored by the batch").isPresent();
            List<FeeLineRow> oneByOne = tx.execute(s -> fees.upload(inst, "BATCH-UP-ONE-" + SN.incrementAndGet(),
                    lines(t[3], t[2], kinds), p -> {}, null));
            assertThat(batched.get(k).orElseThrow().stream().map(BatchUploadIT::split).toList())
                    .isEqualTo(oneByOne.stream().map(BatchUploadIT::split).toList());
            assertThat(stored(t[1])).isEqualTo(stored(t[3]));
            assertThat(db.sql("select response from his_message where fixmedins_code = :i and msgid = :m")
                    .param("i", l2.code()).param("m", msgids.get(k)).query(String.class).single())
                    .as("the answer stored with the lines").isEqualTo("{\"lines\":5}");
        }
        for (int k = twins.size(); k < items.size(); k++) {
            assertThat(batched.get(k)).as("handed back: %s", items.get(k).lines().getFirst().mdtrtId()).isEmpty();
            assertThat(db.sql("select count(*) from his_message where msgid = :m").param("m", msgids.get(k))
                    .query(Long.class).single()).as("no answer stored for what was handed back").isZero();
        }
        assertThat(linesOf(settledVisit)).as("the settled visit keeps its one line").isEqualTo(1);
        assertThat(linesOf(dupVisit)).isEqualTo(1);
        assertThat(linesOf(elsewhereVisit)).isEqualTo(elsewhereLines);
        assertThat(linesOf(twins.getFirst()[3])).as("only the twin's own lines").isEqualTo(kinds.length);
    }

    @Test
    void concurrent_uploads_and_their_retries_are_each_answered_once_and_stored_with_their_lines() throws Exception {
        String a = ref.classA();
        record Ready(HisClient his, String psn, String mdtrtId, String msgid, Map<String, Object> input) {}
        List<Ready> visits = new ArrayList<>();
        List<HisClient> hospitals = List.of(client(ref.hospital("L1")), client(ref.hospital("L2")), client(ref.hospital("L3")));
        for (int i = 0; i < 36; i++) {
            HisClient his = hospitals.get(i % hospitals.size());
            String psn = ref.person(i % 4 == 0 ? "retired" : "in_service");
            String mdtrtId = register(his, psn, now().minusMinutes(40));
            visits.add(new Ready(his, psn, mdtrtId, his.nextMsgid(),
                    feedetail(mdtrtId, psn, line(a, "61.20", "1"), line(a, "3.30", "4"))));
        }
        long batchesBefore = TestStore.shards() == 0 ? batches().count() : 0;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<JsonNode>> first = new ArrayList<>();
        List<Future<JsonNode>> retry = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Ready v : visits) {
                first.add(pool.submit(() -> {
                    start.await();
                    return v.his().call("2204", v.msgid(), v.input());
                }));
            }
            for (Ready v : visits.subList(0, 12)) {   // the HIS retries a third at once, same msgid, same body
                retry.add(pool.submit(() -> {
                    start.await();
                    return v.his().call("2204", v.msgid(), v.input());
                }));
            }
            start.countDown();
            for (int k = 0; k < visits.size(); k++) {
                JsonNode out = ok(first.get(k).get());
                assertThat(out.path("result")).hasSize(2);
                if (k < retry.size()) {
                    assertThat(ok(retry.get(k).get())).as("the retry answers the same upload").isEqualTo(out);
                }
            }
        }
        for (Ready v : visits) {
            assertThat(linesOf(v.mdtrtId())).as("the lines of " + v.mdtrtId() + " stored once").isEqualTo(2);
            assertThat(db.sql("select count(*) from his_message where fixmedins_code = :i and msgid = :m")
                    .param("i", v.his().code()).param("m", v.msgid()).query(Long.class).single()).isEqualTo(1);
            settle(v.his(), v.psn(), v.mdtrtId(), "74.40", false);   // the stored lines settle as uploaded
        }
        if (TestStore.shards() == 0) {
            assertThat(batches().count()).as("the 2204s went through the batch queue").isGreaterThan(batchesBefore);
            System.out.printf("upload batches: %d, largest %.0f uploads%n", (long) batches().count(), batches().max());
        }
    }

    /**
     * The batch's read comes after its locks, with a snapshot of its own (migration V023): a line
     * committed while the batch waited for a visit's lock takes the serial the batch names, and the
     * batch must see it and hand the upload back (one by one, it is refused as already uploaded). A
     * read with the locking statement's snapshot would insert it and fail on the unique index.
     */
    @Test
    void a_batch_that_waited_for_a_visits_lock_sees_what_was_committed_meanwhile() throws Exception {
        assumeTrue(TestStore.shards() == 0, "batches are off on sharded nodes (UploadBatches)");
        RefData.Inst l2 = ref.hospital("L2");
        HisClient his = client(l2);
        Institution inst = refData.requireInstitution(l2.code());
        String psn = ref.person("in_service");
        String mdtrtId = register(his, psn, now().minusMinutes(5));
        upload(his, mdtrtId, psn, line(ref.classA(), "10.00", "1"));
        List<LineInput> second = lines(mdtrtId, psn, new String[][] {{ref.classA(), "20.00", "1"}});
        List<String> msgids = new ArrayList<>();
        FeeService.BatchUpload item = item(inst, msgids, second);
        try (Connection c = dataSource.getConnection(); ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("select 1 from visit where mdtrt_id = ? for update")) {
                lock.setString(1, mdtrtId);
                lock.executeQuery().close();
            }
            Future<List<Optional<List<FeeLineRow>>>> batch = pool.submit(() -> tx.execute(s -> fees.uploadBatch(List.of(item))));
            long waiting = awaitOneWaitingForARowLock();
            assertThat(waiting).as("the batch waits for the visit's lock").isEqualTo(1);
            try (PreparedStatement rename = c.prepareStatement(
                    "update fee_line set feedetl_sn = ? where mdtrt_id = ? and cancelled_at is null")) {
                rename.setString(1, second.getFirst().feedetlSn());
                rename.setString(2, mdtrtId);
                assertThat(rename.executeUpdate()).isEqualTo(1);
            }
            c.commit();
            assertThat(batch.get(10, TimeUnit.SECONDS)).containsExactly(Optional.empty());
        }
        assertThat(linesOf(mdtrtId)).isEqualTo(1);
        assertThat(db.sql("select count(*) from his_message where msgid = :m").param("m", msgids.getFirst())
                .query(Long.class).single()).isZero();
    }

    private io.micrometer.core.instrument.DistributionSummary batches() {
        return meters.get("gongji.upload.batch.size").summary();
    }

    private FeeService.BatchUpload item(Institution inst, List<String> msgids, List<LineInput> lines) {
        String msgid = "BATCH-UP-" + SN.incrementAndGet();
        msgids.add(msgid);
        return new FeeService.BatchUpload(inst, msgid, lines, p -> {},
                rows -> new StoredAnswer(inst.code(), msgid, "2204", "test-hash", lines.getFirst().psnNo(),
                        "{\"lines\":" + rows.size() + "}"));
    }

    private static List<LineInput> lines(String mdtrtId, String psn, String[][] kinds) {
        List<LineInput> out = new ArrayList<>();
        for (String[] k : kinds) {
            BigDecimal pric = new BigDecimal(k[1]);
            BigDecimal cnt = new BigDecimal(k[2]);
            out.add(new LineInput("input.feedetail[" + out.size() + "]", "F" + out.size(), mdtrtId, psn, "B1", null, null, null,
                    now(), k[0], null, pric, cnt, Money.of(pric.multiply(cnt).setScale(2, RoundingMode.HALF_UP)), null, null,
                    null, null, null));
        }
        return out;
    }

    /** A stored line's pricing, without what differs between twins (ids, visit, person). */
    private static String split(FeeLineRow r) {
        return String.join(" ", r.feedetlSn(), r.medListCodg(), r.detItemFeeSumamt().toString(), r.fulamtOwnpayAmt().toString(),
                r.overlmtAmt().toString(), r.preselfpayAmt().toString(), r.inscpScpAmt().toString(), r.chrgitmLv(),
                String.valueOf(r.memo()), String.valueOf(r.acctPayable()));
    }

    /** The visit's stored lines as a comparable text. */
    private String stored(String mdtrtId) {
        return String.join("\n", db.sql("""
                select feedetl_sn || ' ' || med_list_codg || ' ' || det_item_fee_sumamt || ' ' || fulamt_ownpay_amt || ' '
                       || overlmt_amt || ' ' || preselfpay_amt || ' ' || inscp_scp_amt || ' ' || selfpay_prop || ' '
                       || coalesce(memo, '-') || ' ' || acct_payable
                from fee_line where mdtrt_id = :m and cancelled_at is null order by feedetl_sn
                """).param("m", mdtrtId).query(String.class).list());
    }

    private long linesOf(String mdtrtId) {
        return db.sql("select count(*) from fee_line where mdtrt_id = :m and cancelled_at is null").param("m", mdtrtId)
                .query(Long.class).single();
    }
}
