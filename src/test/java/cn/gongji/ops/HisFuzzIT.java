package cn.gongji.ops;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.support.HisClient;
import cn.gongji.support.Invariants;
import cn.gongji.support.RefData;
import cn.gongji.support.TempDirs;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile input at the HIS endpoint (issue 8 §6), against the service as its own process. Every
 * answer, whatever was sent, is the protocol envelope over HTTP 200 with infcode 0 or -2 (never -1,
 * never an HTML page, never a stack trace); every refused message leaves the database exactly as it
 * was; and the ARCHITECTURE.md invariants hold after every random conversation. Tries per property
 * are modest for the suite; every run draws a new seed, so a longer manual run is this test
 * repeated (docs/reliability.md).
 */
class HisFuzzIT {

    static final AtomicLong CASES = new AtomicLong();
    static final AtomicLong REFUSED = new AtomicLong();

    static ServiceProcess service;
    static Path dir;
    static JdbcClient db;
    static List<HisClient> his = new ArrayList<>();
    static List<String> persons = new ArrayList<>();
    static String item;
    static final List<String> mdtrtIds = new ArrayList<>();
    static final List<String> setlIds = new ArrayList<>();
    static final List<String> msgids = new ArrayList<>();

    @BeforeContainer
    static void start() throws Exception {
        dir = TempDirs.create("gongji-fuzz-");
        String url = System.getenv("GONGJI_TEST_DB_URL");
        boolean external = url != null && !url.isBlank();
        String user = System.getenv().getOrDefault("GONGJI_TEST_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("GONGJI_TEST_DB_PASSWORD", "");
        service = external ? ServiceProcess.external(dir, url, user, password) : ServiceProcess.embedded(dir);
        service.start(Duration.ofSeconds(90), "--gongji.his.rate-limit.per-second=0");
        db = JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(),
                external ? url : service.embeddedJdbcUrl(), external ? user : "postgres", external ? password : ""));
        RefData ref = new RefData(db);
        for (String level : List.of("L1", "L2", "L3")) {
            RefData.Inst i = ref.hospital(level);
            his.add(new HisClient(service.baseUrl(), i.code(), i.secret()));
        }
        for (int i = 0; i < 4; i++) {
            String p = ref.person(i == 0 ? "retired" : "in_service");
            ref.credit(p, "200.00");
            persons.add(p);
        }
        item = ref.classA();
    }

    @AfterContainer
    static void stop() throws Exception {
        System.out.printf("HIS fuzz: %d cases sent, %d answered 0, %d refused with -2 (a violation fails its property)%n",
                CASES.get(), CASES.get() - REFUSED.get(), REFUSED.get());
        if (service != null) {
            service.stop();
            service.stopOrphans();
        }
        if (dir != null && System.getenv("KEEP_FUZZ") == null) {   // KEEP_FUZZ=1 keeps the service log of a failure
            TempDirs.remove(dir);
        }
    }

    // ---- properties -------------------------------------------------------------------------

    @Property(tries = 150)
    void arbitrary_bytes_are_answered_in_the_envelope_and_change_nothing(@ForAll("garbage") byte[] body) {
        send(new String(body, java.nio.charset.StandardCharsets.ISO_8859_1), his.getFirst().signedHeaders());
    }

    @Property(tries = 150)
    void a_valid_message_cut_short_is_refused_and_changes_nothing(@ForAll("truncated") String body) {
        send(body, his.getFirst().signedHeaders());
    }

    @Property(tries = 200)
    void a_field_replaced_by_a_value_of_another_type_never_fails_inside(@ForAll("mistyped") String body) {
        send(body, his.get(1).signedHeaders());
    }

    @Property(tries = 12)
    void deeply_nested_and_oversized_bodies_are_refused_in_the_envelope(@ForAll("monsters") String body) {
        send(body, his.getFirst().signedHeaders());
    }

    @Property(tries = 20)
    void random_conversations_across_institutions_keep_every_invariant(@ForAll("conversations") List<Step> steps) {
        for (Step s : steps) {
            HisClient h = his.get(s.inst());
            send(h.envelope(s.infno(), h.nextMsgid(), input(s)).toString(), h.signedHeaders());
        }
        Invariants.check(db);
    }

    // ---- the one check ----------------------------------------------------------------------

    /** Sends, checks the answer's shape, and for a refusal that nothing changed. */
    static JsonNode send(String body, Map<String, String> headers) {
        HisClient h = his.getFirst();
        String before = fingerprint();
        HttpResponse<String> r = h.postRaw(body, headers);
        CASES.incrementAndGet();
        assertThat(r.statusCode()).as("HTTP status for %s", abbreviate(body)).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).contains("application/json");
        assertThat(r.body()).as("no page, no stack trace").doesNotContainIgnoringCase("<html")
                .doesNotContain("Exception", "\tat ", "java.", "org.springframework");
        JsonNode env = HisClient.JSON.readTree(r.body());
        int infcode = env.path("infcode").asInt(99);
        assertThat(infcode).as("infcode of %s -> %s", abbreviate(body), r.body()).isIn(0, -2);
        if (infcode == -2) {
            REFUSED.incrementAndGet();
            assertThat(env.path("err_msg").asString()).containsPattern("[\\u4e00-\\u9fa5]");
            assertThat(fingerprint()).as("a refused message changed the database: %s", abbreviate(body)).isEqualTo(before);
        } else {
            remember(env.path("output"), body);
        }
        return env;
    }

    /** Row counts and the sums a settlement, cancel or reversal moves. */
    static String fingerprint() {
        return db.sql("""
                select concat_ws(' ',
                  (select count(*) from settlement), (select count(cancelled_at) from settlement),
                  (select count(*) from visit), (select count(*) from visit where status = 'cancelled'),
                  (select count(*) from fee_line), (select count(cancelled_at) from fee_line),
                  (select count(*) from his_message), (select count(reversed_at) from his_message),
                  (select count(*) from account_entry), (select sum(balance) from account),
                  (select sum(pool_paid) from year_accumulator), (select count(*) from episode),
                  (select sum(deductible_met) from episode), (select count(*) from sign_in))
                """).query(String.class).single();
    }

    private static void remember(JsonNode out, String body) {
        synchronized (mdtrtIds) {
            if (out.path("data").has("mdtrt_id")) {
                mdtrtIds.add(out.path("data").path("mdtrt_id").asString());
            }
            if (out.path("setlinfo").has("setl_id") && !out.path("setlinfo").path("setl_id").isNull()) {
                setlIds.add(out.path("setlinfo").path("setl_id").asString());
            }
            JsonNode sent = HisClient.JSON.readTree(body);
            msgids.add(sent.path("msgid").asString() + "/" + sent.path("infno").asString());
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "...(" + s.length() + " chars)" : s;
    }

    // ---- generators -------------------------------------------------------------------------

    @Provide
    Arbitrary<byte[]> garbage() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(3000);
    }

    @Provide
    Arbitrary<String> truncated() {
        return Combinators.combine(Arbitraries.of("1101", "2201", "2204", "2207", "2208", "5203"), Arbitraries.integers().between(0, 100))
                .as((infno, pct) -> {
                    String full = his.getFirst().envelope(infno, his.getFirst().nextMsgid(), sample(infno)).toString();
                    return full.substring(0, full.length() * pct / 101);
                });
    }

    @Provide
    Arbitrary<String> mistyped() {
        Arbitrary<JsonNode> junk = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40).map(JsonNodeFactory.instance::stringNode),
                Arbitraries.integers().map(i -> (JsonNode) JsonNodeFactory.instance.numberNode(i)),
                Arbitraries.bigDecimals().between(new BigDecimal("-1e12"), new BigDecimal("1e12")).ofScale(6)
                        .map(d -> (JsonNode) JsonNodeFactory.instance.numberNode(d)),
                Arbitraries.of(JsonNodeFactory.instance.nullNode(), JsonNodeFactory.instance.booleanNode(true),
                        JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.objectNode(),
                        JsonNodeFactory.instance.stringNode(""), JsonNodeFactory.instance.stringNode("9".repeat(400)),
                        JsonNodeFactory.instance.numberNode(Double.MAX_VALUE), JsonNodeFactory.instance.stringNode("NaN")));
        return Combinators.combine(Arbitraries.of("1101", "2201", "2202", "2204", "2205", "2206", "2207", "2208", "2601",
                        "5203", "5204", "5206", "9001"), Arbitraries.integers().between(0, 10_000), junk)
                .as((infno, pick, value) -> {
                    HisClient h = his.get(1);
                    ObjectNode env = h.envelope(infno, h.nextMsgid(), sample(infno));
                    List<ObjectNode> holders = new ArrayList<>();
                    List<String> names = new ArrayList<>();
                    collect(env, holders, names);
                    int i = pick % names.size();
                    holders.get(i).set(names.get(i), value);
                    return env.toString();
                });
    }

    @Provide
    Arbitrary<String> monsters() {
        return Arbitraries.integers().between(0, 5).flatMap(kind -> Arbitraries.integers().between(600, 60_000).map(depth -> switch (kind) {
            case 0 -> "[".repeat(depth) + "]".repeat(depth);
            case 1 -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
            case 2 -> "{\"infno\":\"1101\",\"input\":" + "{\"data\":".repeat(depth) + "{}" + "}".repeat(depth) + "}";
            case 3 -> "{\"infno\":\"1101\",\"pad\":\"" + "x".repeat(1_048_600 + depth) + "\"}";
            case 4 -> "{\"infno\":\"2204\",\"input\":{\"feedetail\":[" + "{},".repeat(depth) + "{}]}}";
            default -> "{\"" + "k".repeat(depth) + "\":1}";
        }));
    }

    record Step(String infno, int inst, int person, int target, int cents) {}

    @Provide
    Arbitrary<List<Step>> conversations() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.of("1101", "2201", "2201", "2202", "2204", "2204", "2205", "2206", "2207", "2207", "2208", "2601",
                        "5203", "5204", "5206", "9001", "9002"),
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 1000), Arbitraries.integers().between(-100, 90_000))
                .as(Step::new);
        return step.list().ofMinSize(5).ofMaxSize(40);
    }

    // ---- message bodies ---------------------------------------------------------------------

    /** A well-formed input of the transaction for the first person, to be broken by the generators. */
    static Map<String, Object> sample(String infno) {
        return input(new Step(infno, 0, 0, 0, 5000));
    }

    /** Valid-looking input built from what the conversation produced so far (or made-up ids). */
    static Map<String, Object> input(Step s) {
        String psn = persons.get(s.person());
        String mdtrt = pick(mdtrtIds, s.target(), "M20260101000000" + String.format("%08d", s.target()));
        String setl = pick(setlIds, s.target(), "S20260101000000" + String.format("%08d", s.target()));
        String msg = pick(msgids, s.target(), his.get(s.inst()).nextMsgid() + "/2207");
        BigDecimal amt = BigDecimal.valueOf(s.cents(), 2);
        String begn = LocalDateTime.now(HisClient.ZONE).minusHours(s.target() % 30).withNano(0).format(HisClient.DATE_TIME);
        return switch (s.infno()) {
            case "1101" -> Workload.data("mdtrt_cert_type", "02", "mdtrt_cert_no", s.target() % 2 == 0 ? psn : "410102199001011234");
            case "2201" -> Workload.data("psn_no", psn, "insutype", "310", "begntime", begn, "mdtrt_cert_type", "02",
                    "mdtrt_cert_no", "x", "ipt_otp_no", "OP" + s.target(), "atddr_no", "D01", "dr_name", "王医生",
                    "dept_code", "A03", "dept_name", "内科", "caty", "A03");
            case "2202" -> Workload.data("psn_no", psn, "mdtrt_id", mdtrt, "ipt_otp_no", "OP");
            case "2204" -> {
                ArrayNode rows = HisClient.JSON.createArrayNode();
                ObjectNode r = rows.addObject();
                r.put("feedetl_sn", "F" + s.target()).put("mdtrt_id", mdtrt).put("psn_no", psn).put("chrg_bchno", "B1")
                        .put("rx_circ_flag", "0").put("fee_ocur_time", begn).put("med_list_codg", s.cents() % 7 == 0 ? "NOPE" : item)
                        .put("medins_list_codg", "H1").put("det_item_fee_sumamt", amt).put("cnt", BigDecimal.ONE).put("pric", amt)
                        .put("bilg_dept_codg", "A03").put("bilg_dept_name", "内科").put("bilg_dr_codg", "D01")
                        .put("bilg_dr_name", "王医生").put("hosp_appr_flag", "1");
                yield Workload.map("feedetail", rows);
            }
            case "2205" -> Workload.data("mdtrt_id", mdtrt, "chrg_bchno", "B1", "psn_no", psn);
            case "2206", "2207" -> Workload.data("psn_no", psn, "mdtrt_cert_type", "02", "mdtrt_cert_no", "x", "med_type", "11",
                    "medfee_sumamt", amt, "psn_setlway", "01", "mdtrt_id", mdtrt, "chrg_bchno", "0000",
                    "acct_used_flag", s.cents() % 2 == 0 ? "1" : "0", "insutype", "310");
            case "2208" -> Workload.data("setl_id", setl, "mdtrt_id", mdtrt, "psn_no", psn);
            case "2601" -> Workload.data("psn_no", psn, "omsgid", msg.substring(0, msg.indexOf('/')),
                    "oinfno", msg.substring(msg.indexOf('/') + 1));
            case "5203", "5204" -> s.cents() % 2 == 0 ? Workload.data("psn_no", psn, "setl_id", setl)
                    : Workload.data("psn_no", psn, "mdtrt_id", mdtrt);
            case "5206" -> Workload.data("psn_no", psn, "cum_ym", s.cents() % 3 == 0 ? "2026-13" : "");
            case "9001" -> Workload.data("opter_no", "001", "mac", "00:00", "ip", "127.0.0.1");
            default -> Workload.data("sign_no", "X" + s.target(), "opter_no", "001");
        };
    }

    private static String pick(List<String> known, int target, String madeUp) {
        synchronized (mdtrtIds) {
            return known.isEmpty() || target % 5 == 0 ? madeUp : known.get(target % known.size());
        }
    }

    private static void collect(JsonNode node, List<ObjectNode> holders, List<String> names) {
        if (node instanceof ObjectNode o) {
            for (String name : o.propertyNames()) {
                holders.add(o);
                names.add(name);
                collect(o.get(name), holders, names);
            }
        } else if (node instanceof ArrayNode a) {
            for (JsonNode e : a) {
                collect(e, holders, names);
            }
        }
    }
}
