package cn.gongji.clearing;

import static cn.gongji.clearing.ClearingSteps.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.support.HisClient;
import cn.gongji.support.Invariants;
import cn.gongji.support.LockWaits;
import cn.gongji.support.RefData;
import cn.gongji.support.ServiceIT;
import cn.gongji.web.AgencyClient;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.YearMonth;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Capitation and per-disease score agreements through the agency API, applied by the statements. */
@ServiceIT
class MethodsIT {

    private static final AtomicLong SCHEME = new AtomicLong(System.nanoTime() % 1_000_000);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;

    @Autowired
    DataSource dataSource;

    RefData ref;
    ClearingFixture fx;
    AgencyClient api;
    final YearMonth m1 = YearMonth.now(HisClient.ZONE).minusMonths(1);

    @BeforeEach
    void setUp() {
        ref = new RefData(db);
        fx = new ClearingFixture(db);
        api = new AgencyClient(port);
    }

    @AfterEach
    void invariants() {
        Invariants.check(db);
    }

    AgencyClient.Answer post(String path, String body) {
        AgencyClient.Answer a = api.post(path, body);
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        return a;
    }

    JsonNode statement(String inst) {
        return api.get("/api/admin/clearing/statements/" + inst + "/11/" + m1).json();
    }

    @Test
    void capitation_keeps_a_surplus_up_to_ten_percent_of_the_budget_and_pays_others_fee_for_service() {
        String inst = ref.hospital("L1").code();
        String p1 = ref.person("in_service"), p2 = ref.person("retired"), other = ref.person("in_service");
        post("/api/admin/clearing/agreements", """
                {"fixmedins_code":"%s","method":"capitation","valid_from":"%s","capita_amount":"50.00",
                 "surplus_keep_rate":"0.10","overspend_share_rate":"0.60"}""".formatted(inst, m1));
        post("/api/admin/clearing/enrolments", "{\"psn_no\":\"%s\",\"fixmedins_code\":\"%s\",\"begin_month\":\"%s\"}"
                .formatted(p1, inst, m1));
        post("/api/admin/clearing/enrolments", "{\"psn_no\":\"%s\",\"fixmedins_code\":\"%s\",\"begin_month\":\"%s\",\"end_month\":\"%s\"}"
                .formatted(p2, inst, m1.minusMonths(2), m1));
        fx.settle(inst, p1, ClearingFixture.at(m1, 3), "60.00", null);
        fx.settle(inst, p2, ClearingFixture.at(m1, 4), "20.00", null);
        fx.settle(inst, other, ClearingFixture.at(m1, 5), "30.00", null);

        JsonNode s = statement(inst);
        assertThat(s.path("method").asString()).isEqualTo("capitation");
        JsonNode e = s.path("method_effects").get(0);
        assertThat(e.path("basis").decimalValue()).as("enrolled persons' fund share").isEqualByComparingTo("80.00");
        assertThat(e.path("payment").decimalValue()).as("budget 2 × 50 = 100, surplus 20, kept 10").isEqualByComparingTo("90.00");
        assertThat(s.path("payable").decimalValue()).isEqualByComparingTo("120.00");

        AgencyClient.Answer overlap = api.post("/api/admin/clearing/agreements",
                "{\"fixmedins_code\":\"%s\",\"method\":\"fee_for_service\",\"valid_from\":\"%s\"}".formatted(inst, m1.plusMonths(1)));
        assertThat(overlap.status()).as("an open-ended agreement overlaps every later month").isEqualTo(409);
        AgencyClient.Answer twice = api.post("/api/admin/clearing/enrolments",
                "{\"psn_no\":\"%s\",\"fixmedins_code\":\"%s\",\"begin_month\":\"%s\"}".formatted(p1, inst, m1.plusMonths(3)));
        assertThat(twice.status()).isEqualTo(409);
        AgencyClient.Answer bad = api.post("/api/admin/clearing/agreements",
                "{\"fixmedins_code\":\"%s\",\"method\":\"capitation\",\"valid_from\":\"2026-1\",\"surplus_keep_rate\":\"1.5\"}".formatted(inst));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors")).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void capitation_and_its_enrolments_are_for_primary_care_only() {
        // POLICY.md §6: capitation (按人头) for primary care — a level L1 hospital, not an L3 one nor a pharmacy
        String l3 = ref.hospital("L3").code();
        String pharmacy = ref.pharmacy(false, false).code();
        String psn = ref.person("in_service");
        AgencyClient.Answer agreement = api.post("/api/admin/clearing/agreements", """
                {"fixmedins_code":"%s","method":"capitation","valid_from":"%s","capita_amount":"50.00",
                 "surplus_keep_rate":"0.10","overspend_share_rate":"0.60"}""".formatted(l3, m1));
        assertThat(agreement.status()).isEqualTo(400);
        assertThat(agreement.text()).contains("primary care");
        for (String inst : new String[] {l3, pharmacy}) {
            AgencyClient.Answer enrol = api.post("/api/admin/clearing/enrolments",
                    "{\"psn_no\":\"%s\",\"fixmedins_code\":\"%s\",\"begin_month\":\"%s\"}".formatted(psn, inst, m1));
            assertThat(enrol.status()).as(inst).isEqualTo(400);
        }
        assertThat(db.sql("select count(*) from clearing_enrolment where psn_no = :p").param("p", psn).query(Long.class).single())
                .as("a refused enrolment blocks no later one").isZero();
        post("/api/admin/clearing/enrolments", "{\"psn_no\":\"%s\",\"fixmedins_code\":\"%s\",\"begin_month\":\"%s\"}"
                .formatted(psn, ref.hospital("L1").code(), m1));
    }

    @Test
    void disease_scores_share_the_budget_by_points_across_institutions_and_leave_the_remainder_to_the_fund() {
        String scheme = "DS" + SCHEME.incrementAndGet();
        post("/api/admin/clearing/score-schemes", """
                {"scheme_code":"%s","name":"日间手术","diseases":[{"dise_codg":"K35.8","score":120},{"dise_codg":"I10","score":80}]}"""
                .formatted(scheme));
        post("/api/admin/clearing/score-schemes/" + scheme + "/budgets", "{\"month\":\"%s\",\"budget\":\"10000.00\"}".formatted(m1));
        RefData.Inst a = ref.hospital("L1");
        String b = ref.hospital("L2").code(), c = ref.hospital("L3").code();
        for (String inst : new String[] {a.code(), b, c}) {
            post("/api/admin/clearing/agreements", "{\"fixmedins_code\":\"%s\",\"method\":\"disease_score\",\"valid_from\":\"%s\",\"scheme_code\":\"%s\"}"
                    .formatted(inst, m1, scheme));
        }
        // A's scored visit goes through the protocol, with its diagnosis from 2203
        HisClient his = new HisClient("http://127.0.0.1:" + port, a.code(), a.secret());
        JsonNode visit = visit(his, ref.person("in_service"), ref.classA(), "100.00", "K35.8");
        fx.backdate(visit.path("setl_id").asString(), ClearingFixture.at(m1, 6));
        fx.settle(a.code(), ref.person("in_service"), ClearingFixture.at(m1, 7), "50.00", "J06.9");   // not scored
        fx.settle(b, ref.person("in_service"), ClearingFixture.at(m1, 8), "900.00", "K35.8");
        String cancelled = fx.settle(b, ref.person("in_service"), ClearingFixture.at(m1, 9), "700.00", "I10");
        fx.cancel(cancelled, ClearingFixture.at(m1, 10));
        fx.settle(c, ref.person("in_service"), ClearingFixture.at(m1, 11), "40.00", "I10");
        fx.settle(c, ref.person("in_service"), ClearingFixture.at(m1, 12), "30.00", "I10");   // 160 points... minus 40
        String cx = fx.settle(c, ref.person("in_service"), ClearingFixture.at(m1, 13), "30.00", "I10");
        fx.cancel(cx, ClearingFixture.at(m1, 14));
        // points: A 120, B 120 (+80 −80), C 80 + 80 (+80 −80) = 160 → total 400, point value 25.000000

        JsonNode sa = statement(a.code());
        JsonNode ea = sa.path("method_effects").get(0);
        assertThat(ea.path("basis").decimalValue()).isEqualByComparingTo("60.00");
        assertThat(ea.path("payment").decimalValue()).as("120 × 25").isEqualByComparingTo("3000.00");
        assertThat(sa.path("payable").decimalValue()).as("3000 + 50 fee-for-service").isEqualByComparingTo("3050.00");
        assertThat(statement(c).path("method_effects").get(0).path("payment").decimalValue()).isEqualByComparingTo("4000.00");

        for (String inst : new String[] {a.code(), b, c}) {
            post("/api/admin/clearing/periods/close", "{\"month\":\"%s\",\"fixmedins_code\":\"%s\"}".formatted(m1, inst));
        }
        JsonNode total = api.get("/api/admin/clearing/fund-totals?month=" + m1).json();
        JsonNode mine = null;
        for (JsonNode s : total.path("schemes")) {
            if (s.path("scheme_code").asString().equals(scheme)) {
                mine = s;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.path("point_value").decimalValue()).isEqualByComparingTo("25.000000");
        assertThat(mine.path("paid").decimalValue()).isEqualByComparingTo("10000.00");
        assertThat(mine.path("remainder").decimalValue()).isEqualByComparingTo("0.00");
        AgencyClient.Answer late = api.post("/api/admin/clearing/score-schemes/" + scheme + "/budgets",
                "{\"month\":\"%s\",\"budget\":\"1.00\"}".formatted(m1));
        assertThat(late.status()).as("the budget of a month whose point value is fixed cannot change").isEqualTo(409);
    }

    /**
     * A budget change that comes while a period close is fixing the month's point value waits for it,
     * and then finds the value fixed (409): the statements and the fund totals keep the budget the
     * value was fixed with. The test's transaction plays the close: it holds the scheme's row as the
     * close does (MethodStore.lockSchemeForFixing) and fixes the value while the change waits.
     */
    @Test
    void a_budget_change_waits_for_a_close_fixing_the_point_value_and_is_then_refused() throws Exception {
        String scheme = "DS" + SCHEME.incrementAndGet();
        post("/api/admin/clearing/score-schemes", """
                {"scheme_code":"%s","name":"日间手术","diseases":[{"dise_codg":"K35.8","score":120}]}""".formatted(scheme));
        post("/api/admin/clearing/score-schemes/" + scheme + "/budgets", "{\"month\":\"%s\",\"budget\":\"10000.00\"}".formatted(m1));
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor(); Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("select 1 from score_scheme where scheme_code = ? for share")) {
                lock.setString(1, scheme);
                lock.executeQuery().close();
            }
            Future<AgencyClient.Answer> change = pool.submit(() -> api.post("/api/admin/clearing/score-schemes/" + scheme
                    + "/budgets", "{\"month\":\"%s\",\"budget\":\"12000.00\"}".formatted(m1)));
            long waiting = LockWaits.await(db, 1);
            assertThat(waiting).as("the budget change waits for the close").isEqualTo(1);
            try (PreparedStatement fix = c.prepareStatement("""
                    insert into score_point_value (scheme_code, month, budget, total_points, point_value, fixed_at)
                    values (?, ?, 10000.00, 400, 25, now())""")) {
                fix.setString(1, scheme);
                fix.setObject(2, m1.atDay(1));
                fix.executeUpdate();
            }
            c.commit();
            assertThat(change.get(10, TimeUnit.SECONDS).status()).isEqualTo(409);
        }
        assertThat(db.sql("select budget from score_scheme_budget where scheme_code = :s").param("s", scheme)
                .query(BigDecimal.class).single()).isEqualByComparingTo("10000.00");
    }
}
