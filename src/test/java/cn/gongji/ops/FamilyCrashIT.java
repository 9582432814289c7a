package cn.gongji.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gongji.account.db.FamilyAid;
import cn.gongji.support.HisClient;
import cn.gongji.support.Invariants;
import cn.gongji.support.RefData;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import tools.jackson.databind.JsonNode;

/**
 * Family mutual aid survives the death of the service between its steps (issue 10, must-have 2).
 * The service runs as its own process with the test hook {@code gongji.testing.halt-at}, which halts
 * the JVM (Runtime.halt, no shutdown of anything) at one of two points of a 2207 whose personal share
 * a holder's account pays in part:
 * <ol>
 *   <li>right after the reservation on the holder's account committed, before the settlement did;</li>
 *   <li>right after the settlement committed, before the reservation was confirmed.</li>
 * </ol>
 * After each, the service restarts (no hook, recovery timeout 2 s) and the money must be consistent:
 * (1) the reservation released, the holder's balance whole, no settlement, and the HIS's resend of the
 * same msgid settles afresh; (2) the reservation confirmed, the settlement standing, and the resend
 * answers the stored settlement. Balances equal the sums of their entries throughout.
 */
class FamilyCrashIT {

    private static final Duration READY = Duration.ofSeconds(120);
    private static final String[] FAST_RECOVERY = {"--gongji.accounts.family.recovery-after=PT2S",
            "--gongji.accounts.family.sweep-every=PT1S"};

    @Test
    void a_service_killed_between_the_steps_ends_with_the_money_released_or_settled_and_confirmed(@TempDir Path dir)
            throws Exception {
        String url = System.getenv("GONGJI_TEST_DB_URL");
        boolean external = url != null && !url.isBlank();
        String user = System.getenv().getOrDefault("GONGJI_TEST_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("GONGJI_TEST_DB_PASSWORD", "");
        ServiceProcess service = external ? ServiceProcess.external(dir, url, user, password) : ServiceProcess.embedded(dir);
        try {
            crashAndVerify(service, started -> JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(),
                    external ? url : started.embeddedJdbcUrl(), external ? user : "postgres", external ? password : "")),
                    (ref, patient) -> ref.person("in_service"));
        } finally {
            service.stop();
            service.stopOrphans();
        }
    }

    /** The member (patient) and the holder paying a part of the member's care. */
    record Family(String patient, String holder) {}

    /**
     * The two crash points and the checks after each restart, on whatever store {@code service}
     * uses. {@code store} gives the test's view of the store once the service has started (the
     * embedded store exists only then); {@code holderFor} makes the holder for a patient (the sharded
     * variant puts it on another node). Stops the service at the end; the caller cleans up.
     */
    static Family crashAndVerify(ServiceProcess service, Function<ServiceProcess, JdbcClient> store,
            BiFunction<RefData, String, String> holderFor) throws Exception {
        service.start(READY, with(FAST_RECOVERY, "--gongji.testing.halt-at=" + FamilyAid.HALT_AFTER_RESERVE));
        JdbcClient db = store.apply(service);
        RefData ref = new RefData(db);
        RefData.Inst inst = ref.hospital("L3");
        HisClient his = new HisClient(service.baseUrl(), inst.code(), inst.secret());
        String item = ref.classA();
        String patient = ref.person("in_service");
        String holder = holderFor.apply(ref, patient);
        ref.credit(patient, "10.00");
        ref.credit(holder, "500.00");
        ref.bind(holder, patient, "spouse");
        Supplier<BigDecimal> holderBalance = () -> db.sql("select balance from account where psn_no = :p")
                .param("p", holder).query(BigDecimal.class).single();

        // crash point 1: the reservation committed, the settlement did not
        String visit1 = visit(his, patient, item);
        String msgid1 = his.nextMsgid();
        assertThatThrownBy(() -> his.call("2207", msgid1, settleInput(patient, visit1)))
                .as("no answer: the service halted").isInstanceOf(IllegalStateException.class);
        assertThat(service.awaitExit(Duration.ofSeconds(30))).as("halted by the hook").isEqualTo(99);
        assertThat(settlements(db, visit1)).isZero();
        List<String> open = db.sql("select ref from account_reservation where psn_no = :h and state = 'reserved'")
                .param("h", holder).query(String.class).list();
        assertThat(open).hasSize(1);
        assertThat(holderBalance.get()).as("reserved, out of the balance").isEqualByComparingTo("385.00");

        service.start(READY, FAST_RECOVERY);
        awaitState(db, holder, open.getFirst(), "released");
        assertThat(holderBalance.get()).as("released in full after the restart").isEqualByComparingTo("500.00");
        JsonNode resent = his.call("2207", msgid1, settleInput(patient, visit1));
        assertThat(resent.path("infcode").asInt()).as("%s", resent).isZero();
        String setl1 = resent.path("output").path("setlinfo").path("setl_id").asString();
        assertThat(resent.path("output").path("setlinfo").path("acct_mulaid_pay").decimalValue()).isEqualByComparingTo("115.00");
        assertThat(state(db, holder, setl1)).isEqualTo("confirmed");
        assertThat(holderBalance.get()).isEqualByComparingTo("385.00");
        service.stop();

        // crash point 2: the settlement committed, the confirmation did not happen
        service.start(READY, with(FAST_RECOVERY, "--gongji.testing.halt-at=" + FamilyAid.HALT_AFTER_SETTLEMENT_COMMIT));
        String visit2 = visit(his, patient, item);
        String msgid2 = his.nextMsgid();
        assertThatThrownBy(() -> his.call("2207", msgid2, settleInput(patient, visit2)))
                .as("no answer: the service halted").isInstanceOf(IllegalStateException.class);
        assertThat(service.awaitExit(Duration.ofSeconds(30))).isEqualTo(99);
        assertThat(settlements(db, visit2)).as("the settlement committed").isEqualTo(1);
        String setl2 = db.sql("select setl_id from settlement where mdtrt_id = :m").param("m", visit2)
                .query(String.class).single();
        BigDecimal mulaid2 = db.sql("select acct_mulaid_pay from settlement where setl_id = :s").param("s", setl2)
                .query(BigDecimal.class).single();
        assertThat(mulaid2).as("the holder pays a part of the second visit too").isPositive();
        BigDecimal after2 = new BigDecimal("385.00").subtract(mulaid2);
        assertThat(state(db, holder, setl2)).isEqualTo("reserved");
        assertThat(holderBalance.get()).isEqualByComparingTo(after2);

        service.start(READY, FAST_RECOVERY);
        awaitState(db, holder, setl2, "confirmed");
        JsonNode stored = his.call("2207", msgid2, settleInput(patient, visit2));
        assertThat(stored.path("infcode").asInt()).as("%s", stored).isZero();
        assertThat(stored.path("output").path("setlinfo").path("setl_id").asString())
                .as("the resend answers the settlement that committed").isEqualTo(setl2);
        assertThat(holderBalance.get()).as("paid once, not twice, not given back").isEqualByComparingTo(after2);
        assertThat(settlements(db, visit2)).isEqualTo(1);

        assertThat(db.sql("""
                select kind || ' ' || amount from account_entry where psn_no = :h and kind <> 'credit' order by entry_id
                """).param("h", holder).query(String.class).list()).containsExactly(
                "family_payment -115.00", "family_refund 115.00", "family_payment -115.00",
                "family_payment " + mulaid2.negate().toPlainString());
        assertThat(db.sql("select count(*) from account_reservation where psn_no = :h and state = 'reserved'")
                .param("h", holder).query(Long.class).single()).isZero();
        Invariants.check(db);
        service.stop();
        return new Family(patient, holder);
    }

    private static String[] with(String[] base, String extra) {
        List<String> all = new ArrayList<>(List.of(base));
        all.add(extra);
        return all.toArray(String[]::new);
    }

    private static long settlements(JdbcClient db, String mdtrtId) {
        return db.sql("select count(*) from settlement where mdtrt_id = :m and refd_setl_id is null").param("m", mdtrtId)
                .query(Long.class).single();
    }

    private static String state(JdbcClient db, String holder, String ref) {
        return db.sql("select state from account_reservation where psn_no = :h and ref = :r").param("h", holder)
                .param("r", ref).query(String.class).optional().orElse("none");
    }

    private static void awaitState(JdbcClient db, String holder, String ref, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!state(db, holder, ref).equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(state(db, holder, ref)).as("reservation %s/%s after the restart's recovery", holder, ref).isEqualTo(expected);
    }

    /** Registers a visit and uploads one class-A line of 200.00; its mdtrt_id. */
    private static String visit(HisClient his, String psn, String item) {
        LocalDateTime begn = LocalDateTime.now(HisClient.ZONE).withNano(0).minusMinutes(5);
        String mdtrtId = ok(his.call("2201", data("psn_no", psn, "insutype", "310", "begntime", begn.format(HisClient.DATE_TIME),
                "mdtrt_cert_type", "02", "mdtrt_cert_no", "x", "ipt_otp_no", "OP" + System.nanoTime(), "atddr_no", "D01",
                "dr_name", "王医生", "dept_code", "A03", "dept_name", "内科", "caty", "A03"))).path("data").path("mdtrt_id").asString();
        BigDecimal pric = new BigDecimal("200.00");
        ok(his.call("2204", map("feedetail", List.of(map("feedetl_sn", "F" + System.nanoTime(), "mdtrt_id", mdtrtId,
                "psn_no", psn, "chrg_bchno", "B1", "rxno", "", "rx_circ_flag", "0", "fee_ocur_time",
                begn.format(HisClient.DATE_TIME), "med_list_codg", item, "medins_list_codg", "H-" + item,
                "det_item_fee_sumamt", pric, "cnt", BigDecimal.ONE, "pric", pric, "bilg_dept_codg", "A03",
                "bilg_dept_name", "内科", "bilg_dr_codg", "D01", "bilg_dr_name", "王医生", "hosp_appr_flag", "1")))));
        return mdtrtId;
    }

    private static Map<String, Object> settleInput(String psn, String mdtrtId) {
        return data("psn_no", psn, "mdtrt_cert_type", "02", "mdtrt_cert_no", "x", "med_type", "11",
                "medfee_sumamt", new BigDecimal("200.00"), "psn_setlway", "01", "mdtrt_id", mdtrtId, "chrg_bchno", "0000",
                "acct_used_flag", "1", "insutype", "310");
    }

    private static JsonNode ok(JsonNode r) {
        assertThat(r.path("infcode").asInt(-99)).as("%s", r).isZero();
        return r.path("output");
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> data(Object... kv) {
        return map("data", map(kv));
    }
}
