package cn.gongji.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.account.EntryKind;
import cn.gongji.account.Posting;
import cn.gongji.account.db.Ledger;
import cn.gongji.common.Money;
import cn.gongji.console.signin.InsuredCredentials;
import cn.gongji.console.staff.Role;
import cn.gongji.console.staff.StaffStore;
import cn.gongji.policy.db.PolicyStore;
import cn.gongji.support.Invariants;
import cn.gongji.support.RefData;
import cn.gongji.support.ServiceIT;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** The console's forms end to end over HTTP: policy versions, the monthly credit, insured sign-in throttling. */
@ServiceIT
class ConsoleFormsIT {

    static final String PASSWORD = "forms-password-12";

    @LocalServerPort
    int port;

    @Autowired
    StaffStore staff;

    @Autowired
    InsuredCredentials insured;

    @Autowired
    PolicyStore policies;

    @Autowired
    JdbcClient db;

    @Autowired
    Ledger ledger;

    @Autowired
    ObjectMapper json;

    String suffix;

    @BeforeEach
    void users() {
        suffix = Integer.toString(ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999));
        for (Role r : Role.values()) {
            staff.create(r.code() + suffix, "表单 " + r.code(), r, PASSWORD, "test");
        }
    }

    /** Invariants broken before this test by other tests' fixtures (see Invariants.violations). */
    java.util.List<String> brokenBefore;

    @BeforeEach
    void invariantsBefore() {
        brokenBefore = Invariants.violations(db);
    }

    @AfterEach
    void invariantsHold() {
        assertThat(Invariants.violations(db)).as("invariants this test broke").isSubsetOf(brokenBefore);
    }

    ConsoleClient as(Role r) {
        ConsoleClient c = new ConsoleClient(port);
        assertThat(c.staff(r.code() + suffix, PASSWORD).location()).endsWith("/console");
        return c;
    }

    String version(String id, LocalDate from, String retiredLimit) throws Exception {
        ObjectNode n = (ObjectNode) json.readTree(getClass().getResourceAsStream("/policy/nanyang-2022-07-01.json"));
        n.put("version_id", id);
        n.put("effective_from", from.toString());
        ((ObjectNode) n.get("annual_limit")).put("retired", retiredLimit);
        return json.writeValueAsString(n);
    }

    long versions() {
        return db.sql("select count(*) from policy_version").query(Long.class).single();
    }

    @Test
    void an_admin_adds_a_future_policy_version_and_bad_ones_are_refused_with_nothing_saved() throws Exception {
        ConsoleClient admin = as(Role.ADMIN);
        assertThat(admin.get("/console/policies/new").body()).as("the form starts from the latest version")
                .contains("episode_window").contains("annual_limit");
        LocalDate from = LocalDate.of(2090, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(3000));
        long before = versions();

        ConsoleClient.Answer bad = admin.post("/console/policies/new", "/console/policies",
                Map.of("params", version("T-" + suffix, from, "-5.00")));
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.body()).contains("id=\"policy-error\"").contains("annual limit");
        ConsoleClient.Answer past = admin.post("/console/policies/new", "/console/policies",
                Map.of("params", version("T-" + suffix, LocalDate.of(2023, 1, 1), "2000.00")));
        assertThat(past.body()).contains("id=\"policy-error\"").contains("2023-01-01");
        ConsoleClient.Answer notJson = admin.post("/console/policies/new", "/console/policies", Map.of("params", "{ nope"));
        assertThat(notJson.body()).contains("id=\"policy-error\"");
        assertThat(versions()).isEqualTo(before);

        ConsoleClient.Answer ok = admin.post("/console/policies/new", "/console/policies",
                Map.of("params", version("T-" + suffix, from, "2100.00")));
        assertThat(ok.status()).isEqualTo(302);
        assertThat(policies.book().inForceOn(from).versionId()).isEqualTo("T-" + suffix);
        assertThat(admin.get("/console/policies").body()).contains("T-" + suffix).contains("2100.00");

        ConsoleClient.Answer again = admin.post("/console/policies/new", "/console/policies",
                Map.of("params", version("T2-" + suffix, from, "2100.00")));
        assertThat(again.body()).as("same date twice").contains("id=\"policy-error\"");
        assertThat(versions()).isEqualTo(before + 1);

        ConsoleClient operator = as(Role.OPERATOR);
        assertThat(operator.post("/console/policies", "/console/policies",
                Map.of("params", version("T3-" + suffix, from.plusDays(1), "2100.00"))).status()).isEqualTo(403);
        assertThat(versions()).isEqualTo(before + 1);
    }

    @Test
    void finance_starts_the_monthly_credit_and_the_progress_endpoint_reports_it_done_with_its_summary() throws Exception {
        String psn = new RefData(db).person("retired");
        ConsoleClient finance = as(Role.FINANCE);
        assertThat(finance.post("/console/credits", "/console/credits", Map.of("month", "2033-13")).status()).isEqualTo(302);
        assertThat(finance.get("/console/credits").body()).contains("id=\"credit-error\"");
        assertThat(finance.post("/console/credits", "/console/credits", Map.of("month", "2021-01")).status()).isEqualTo(302);
        assertThat(finance.get("/console/credits").body()).contains("2022-07-01");
        String next = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).plusMonths(1).toString();
        assertThat(finance.post("/console/credits", "/console/credits", Map.of("month", next)).status()).isEqualTo(302);
        assertThat(finance.get("/console/credits").body()).as("a month that has not begun is refused")
                .contains("id=\"credit-error\"", "该月尚未开始");
        assertThat(db.sql("select count(*) from account_entry where kind = 'credit' and ref = :m").param("m", next)
                .query(Long.class).single()).isZero();

        assertThat(finance.post("/console/credits", "/console/credits", Map.of("month", "2024-09")).location())
                .endsWith("/console/credits");
        String state = "";
        String body = "";
        for (int i = 0; i < 120 && !state.equals("DONE") && !state.equals("FAILED"); i++) {
            Thread.sleep(250);
            body = finance.get("/console/api/credits/latest").body();
            state = json.readTree(body).path("state").asString();
        }
        assertThat(state).as(body).isEqualTo("DONE");
        var job = json.readTree(body);
        assertThat(job.path("month").asString()).isEqualTo("2024-09");
        assertThat(job.path("summary").path("persons").asInt()).isPositive();
        assertThat(job.path("creditedSoFar").asLong()).isEqualTo(job.path("summary").path("credited").asLong());
        assertThat(db.sql("select amount from account_entry where psn_no = :p and kind = 'credit' and ref = '2024-09'")
                .param("p", psn).query(java.math.BigDecimal.class).single()).isEqualByComparingTo("58.00");
    }

    long bucket(tools.jackson.databind.JsonNode usage, String key) {
        for (var b : usage.path("buckets")) {
            if (b.path("key").asString().equals(key)) {
                return b.path("persons").asLong();
            }
        }
        throw new AssertionError("no bucket " + key + " in " + usage);
    }

    @Test
    void the_dashboard_endpoints_count_a_new_settlement_by_day_level_limit_use_and_institution() throws Exception {
        ConsoleClient auditor = as(Role.AUDITOR);
        var daysBefore = json.readTree(auditor.get("/console/api/dashboard/days").body());
        var usageBefore = json.readTree(auditor.get("/console/api/dashboard/limit-usage").body());
        RefData ref = new RefData(db);
        RefData.Inst inst = ref.hospital("L3");
        String psn = ref.person("in_service");
        var his = new cn.gongji.support.HisClient("http://127.0.0.1:" + port, inst.code(), inst.secret());
        Protocol.settle(his, psn, false, new String[] {ref.classA(), "20.00", "10"});   // fund 75.00 of 1500.00 = 5 %

        var days = json.readTree(auditor.get("/console/api/dashboard/days").body());
        assertThat(days.size()).isEqualTo(30);
        var today = days.get(29);
        assertThat(today.path("settlements").asLong()).isEqualTo(daysBefore.get(29).path("settlements").asLong() + 1);
        assertThat(today.path("fundPay").decimalValue())
                .isEqualByComparingTo(daysBefore.get(29).path("fundPay").decimalValue().add(new java.math.BigDecimal("75.00")));
        var usage = json.readTree(auditor.get("/console/api/dashboard/limit-usage").body());
        assertThat(bucket(usage, "0")).isEqualTo(bucket(usageBefore, "0") + 1);
        assertThat(bucket(usage, "none")).as("the new person moved out of 'not used'; the fixture adds one more person")
                .isEqualTo(bucket(usageBefore, "none"));
        var top = json.readTree(auditor.get("/console/api/dashboard/top-institutions").body());
        var levels = json.readTree(auditor.get("/console/api/dashboard/levels").body());
        assertThat(levels.toString()).contains("\"key\":\"L3\"");
        boolean listed = false;
        for (var t : top) {
            listed |= t.path("key").asString().equals(inst.code());
        }
        assertThat(listed || top.size() == 10).as("the institution is in the top ten, or ten others paid more").isTrue();
    }

    @Test
    void a_deactivated_or_reset_account_loses_its_open_session_at_the_next_request() {
        // security review: a deactivated operator's session kept opening persons until it expired
        ConsoleClient op = as(Role.OPERATOR);
        assertThat(op.get("/console/persons").status()).isEqualTo(200);
        assertThat(staff.setActive(Role.OPERATOR.code() + suffix, false)).isTrue();
        var after = op.get("/console/persons");
        assertThat(after.status()).isEqualTo(302);
        assertThat(after.location()).contains("/console/login?expired");
        assertThat(op.get("/console").status()).as("the session is gone, not just refused once").isEqualTo(302);

        ConsoleClient auditor = as(Role.AUDITOR);
        assertThat(auditor.get("/console/warnings").status()).isEqualTo(200);
        assertThat(staff.setPassword(Role.AUDITOR.code() + suffix, "a-new-password-5678")).isTrue();
        assertThat(auditor.get("/console/warnings").location()).contains("/console/login?expired");

        RefData ref = new RefData(db);
        String psn = ref.person("in_service");
        String certno = ref.certno(psn);
        insured.set(psn, "insured-pass-1", "test");
        ConsoleClient me = new ConsoleClient(port);
        assertThat(me.signIn("/me/login", "certno", certno, "insured-pass-1").location()).endsWith("/me");
        assertThat(me.get("/me").status()).isEqualTo(200);
        insured.set(psn, "insured-pass-2", "test");
        assertThat(me.get("/me").location()).as("a password set anew by staff ends the insured's session")
                .contains("/me/login?expired");
    }

    @Test
    void an_insured_person_signs_in_with_the_id_number_and_is_locked_after_five_wrong_passwords() {
        RefData ref = new RefData(db);
        String psn = ref.person("in_service");
        String certno = ref.certno(psn);
        ConsoleClient me = new ConsoleClient(port);
        assertThat(me.signIn("/me/login", "certno", certno, "no-password-yet").location()).endsWith("/me/login?error");
        insured.set(psn, "insured-pass-1", "test");
        assertThat(me.signIn("/me/login", "certno", certno, "insured-pass-1").location()).endsWith("/me");
        assertThat(me.get("/me").body()).contains(Mask.certno(certno)).doesNotContain(certno);
        assertThat(me.get("/console").status()).as("an insured session is no staff session").isEqualTo(302);

        ConsoleClient other = new ConsoleClient(port);
        for (int i = 0; i < 5; i++) {
            assertThat(other.signIn("/me/login", "certno", certno, "guess-" + i).location()).endsWith("/me/login?error");
        }
        assertThat(other.signIn("/me/login", "certno", certno, "insured-pass-1").location()).endsWith("/me/login?locked");
        insured.set(psn, "insured-pass-2", "test");
        assertThat(other.signIn("/me/login", "certno", certno, "insured-pass-2").location())
                .as("a new password from staff lifts the lock").endsWith("/me");
    }

    @Test
    void the_console_person_page_and_me_show_the_year_figures_of_the_api_with_a_taken_over_balance_as_the_opening() {
        RefData ref = new RefData(db);
        String psn = ref.person("retired");
        ledger.post(new Posting(psn, EntryKind.OPENING_BALANCE, Money.of("300.00"), "MIG-C", "migration", "import",
                null, "taken over at go-live"));
        ledger.post(new Posting(psn, EntryKind.CORRECTION, Money.of("-10.00"), "C-C", "correction", "test", null, "x"));
        String page = as(Role.OPERATOR).get("/console/persons/" + psn).body();
        insured.set(psn, "insured-pass-1", "test");
        ConsoleClient me = new ConsoleClient(port);
        assertThat(me.signIn("/me/login", "certno", ref.certno(psn), "insured-pass-1").location()).endsWith("/me");
        String mine = me.get("/me").body();
        for (String body : new String[] {page, mine}) {
            assertThat(body).contains("id=\"ay-opening\">300.00<", "id=\"ay-corrections\">-10.00<",
                    "id=\"ay-balance\">290.00<");
        }
    }
}
