package cn.gongji.ops;

import cn.gongji.support.HisClient;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * Signed HIS traffic from several client threads (one institution each, persons shared so that
 * their locks are contended): register, upload, settle — half paying from the personal account,
 * half in cash (cash settlements that arrive together are settled in batches, issue 9) — and
 * cancel one settlement in five. A message that gets no answer (the service is down) is retried
 * with the SAME msgid until it is answered, as a HIS does after a timeout; so every visit ends with
 * exactly one answer per step, and the log of answers is what the database must agree with.
 */
final class Workload {

    record Answered(String setlId, String mdtrtId, String psnNo) {}

    final Queue<Answered> settled = new ConcurrentLinkedQueue<>();
    final Queue<String> cancelled = new ConcurrentLinkedQueue<>();
    final Queue<String> failures = new ConcurrentLinkedQueue<>();
    final AtomicLong retries = new AtomicLong();
    /** Messages whose first send got no answer (in flight or sent while the service was down). */
    final AtomicLong lostAnswers = new AtomicLong();
    final AtomicInteger visits = new AtomicInteger();

    private final List<HisClient> clients;
    private final List<String> persons;
    private final String item;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stop;

    Workload(List<HisClient> clients, List<String> persons, String item) {
        this.clients = clients;
        this.persons = persons;
        this.item = item;
    }

    void start() {
        for (HisClient c : clients) {
            threads.add(Thread.ofPlatform().name("load-" + c.code()).start(() -> run(c)));
        }
    }

    /** Lets every thread finish the visit it is in (its retries included), then returns. */
    void stopAndJoin() throws InterruptedException {
        stop = true;
        for (Thread t : threads) {
            t.join(120_000);
        }
    }

    private void run(HisClient his) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        while (!stop && failures.size() < 20) {
            try {
                visit(his, persons.get(rnd.nextInt(persons.size())), rnd);
            } catch (RuntimeException e) {
                failures.add(e.toString());
            }
        }
    }

    /** One visit: register, upload, settle from the account, and in one case of five cancel. */
    Answered visit(HisClient his, String psn, ThreadLocalRandom rnd) {
        return visit(his, psn, rnd, true);
    }

    /** One visit settled from the account and left so. */
    Answered settled(HisClient his, String psn) {
        return visit(his, psn, ThreadLocalRandom.current(), false);
    }

    private Answered visit(HisClient his, String psn, ThreadLocalRandom rnd, boolean mayCancel) {
        LocalDateTime begn = LocalDateTime.now(HisClient.ZONE).withNano(0).minusMinutes(5);
        String mdtrtId = ok(his, "2201", data("psn_no", psn, "insutype", "310", "begntime", begn.format(HisClient.DATE_TIME),
                "mdtrt_cert_type", "02", "mdtrt_cert_no", "x", "ipt_otp_no", "OP" + rnd.nextLong(1L << 40), "atddr_no", "D01",
                "dr_name", "王医生", "dept_code", "A03", "dept_name", "内科", "caty", "A03")).path("data").path("mdtrt_id").asString();
        int lines = 1 + rnd.nextInt(3);
        List<Map<String, Object>> rows = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < lines; i++) {
            BigDecimal pric = BigDecimal.valueOf(500 + rnd.nextInt(7500), 2);
            total = total.add(pric);
            rows.add(map("feedetl_sn", "F" + rnd.nextLong(1L << 40), "mdtrt_id", mdtrtId, "psn_no", psn, "chrg_bchno", "B1",
                    "rxno", "", "rx_circ_flag", "0", "fee_ocur_time", begn.format(HisClient.DATE_TIME), "med_list_codg", item,
                    "medins_list_codg", "H-" + item, "det_item_fee_sumamt", pric, "cnt", BigDecimal.ONE, "pric", pric,
                    "bilg_dept_codg", "A03", "bilg_dept_name", "内科", "bilg_dr_codg", "D01", "bilg_dr_name", "王医生",
                    "hosp_appr_flag", "1"));
        }
        ok(his, "2204", map("feedetail", rows));
        JsonNode setl = ok(his, "2207", data("psn_no", psn, "mdtrt_cert_type", "02", "mdtrt_cert_no", "x", "med_type", "11",
                "medfee_sumamt", total, "psn_setlway", "01", "mdtrt_id", mdtrtId, "chrg_bchno", "0000",
                "acct_used_flag", rnd.nextBoolean() ? "1" : "0", "insutype", "310")).path("setlinfo");
        String setlId = setl.path("setl_id").asString();
        Answered answered = new Answered(setlId, mdtrtId, psn);
        settled.add(answered);
        visits.incrementAndGet();
        if (mayCancel && rnd.nextInt(5) == 0) {
            ok(his, "2208", data("setl_id", setlId, "mdtrt_id", mdtrtId, "psn_no", psn));
            cancelled.add(setlId);
        }
        return answered;
    }

    /** Sends until answered (same msgid every time); an answer other than infcode 0 is a failure. */
    JsonNode ok(HisClient his, String infno, Object input) {
        String msgid = his.nextMsgid();
        long deadline = System.nanoTime() + 120_000_000_000L;
        boolean resent = false;
        while (true) {
            try {
                JsonNode r = his.call(infno, msgid, input);
                if (r.path("infcode").asInt(-99) != 0) {
                    throw new IllegalStateException(infno + " " + msgid + " answered " + r);
                }
                return r.path("output");
            } catch (IllegalStateException e) {
                if (e.getCause() == null || System.nanoTime() > deadline) {
                    throw e;
                }
                if (retries.incrementAndGet() > 0 && !resent) {
                    lostAnswers.incrementAndGet();
                    resent = true;
                }
                sleep(100);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static Map<String, Object> data(Object... kv) {
        return map("data", map(kv));
    }
}
