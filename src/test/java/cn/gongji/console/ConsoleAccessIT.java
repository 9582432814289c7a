package cn.gongji.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.console.staff.Role;
import cn.gongji.console.staff.StaffStore;
import cn.gongji.support.Invariants;
import cn.gongji.support.ServiceIT;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Who may open which console page and post which form; enforced by the server, whatever the links show. */
@ServiceIT
class ConsoleAccessIT {

    static final String PASSWORD = "test-password-123";

    @LocalServerPort
    int port;

    @Autowired
    StaffStore staff;

    @Autowired
    JdbcClient db;

    @Autowired
    cn.gongji.console.signin.SignInThrottle throttle;

    @Autowired
    cn.gongji.console.signin.InsuredCredentials insured;

    String suffix;

    @BeforeEach
    void users() {
        suffix = Integer.toString(ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999));
        for (Role r : Role.values()) {
            staff.create(user(r), "测试 " + r.code(), r, PASSWORD, "test");
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

    String user(Role r) {
        return r.code() + suffix;
    }

    ConsoleClient as(Role r) {
        ConsoleClient c = new ConsoleClient(port);
        ConsoleClient.Answer a = c.staff(user(r), PASSWORD);
        assertThat(a.status()).isEqualTo(302);
        assertThat(a.location()).as("signed in as %s", r).doesNotContain("error").endsWith("/console");
        return c;
    }

    @Test
    void a_visitor_who_is_not_signed_in_is_sent_to_the_sign_in_page_and_json_answers_401() {
        ConsoleClient c = new ConsoleClient(port);
        ConsoleClient.Answer page = c.get("/console/persons");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).endsWith("/console/login");
        assertThat(c.get("/console/api/dashboard/days").status()).isEqualTo(401);
        assertThat(c.get("/me").location()).endsWith("/me/login");
        assertThat(c.get("/console/login").status()).isEqualTo(200);
    }

    @Test
    void each_role_reaches_its_pages_and_is_refused_the_others_with_403() {
        Map<Role, ConsoleClient> by = Map.of(Role.OPERATOR, as(Role.OPERATOR), Role.AUDITOR, as(Role.AUDITOR),
                Role.FINANCE, as(Role.FINANCE), Role.ADMIN, as(Role.ADMIN));
        // path -> roles that may open it
        Map<String, Role[]> rules = Map.of(
                "/console", Role.values(),
                "/console/api/dashboard/days", Role.values(),
                "/console/institutions", Role.values(),
                "/console/policies", Role.values(),
                "/console/persons", new Role[] {Role.OPERATOR, Role.AUDITOR, Role.ADMIN},
                "/console/credits", new Role[] {Role.FINANCE, Role.ADMIN},
                "/console/api/credits/latest", new Role[] {Role.FINANCE, Role.ADMIN},
                "/console/policies/new", new Role[] {Role.ADMIN},
                "/console/staff", new Role[] {Role.ADMIN});
        rules.forEach((path, allowed) -> {
            for (Role r : Role.values()) {
                boolean may = java.util.Arrays.asList(allowed).contains(r);
                assertThat(by.get(r).get(path).status()).as("%s GET %s", r, path).isEqualTo(may ? 200 : 403);
            }
        });
        assertThat(by.get(Role.OPERATOR).get("/console/credits").body()).as("the refusal page").contains("id=\"denied\"");
    }

    @Test
    void unknown_console_pages_keep_the_html_404_page_not_the_agency_problem_json() {
        ConsoleClient admin = as(Role.ADMIN);
        ConsoleClient.Answer person = admin.get("/console/persons/41139999999999999999");
        assertThat(person.status()).isEqualTo(404);
        assertThat(person.body()).contains("<html").contains("404").doesNotContain("gongji.cn/problems");
        ConsoleClient.Answer page = admin.get("/console/nonexistent");
        assertThat(page.status()).as(page.body()).isEqualTo(404);
        assertThat(page.body()).doesNotContain("gongji.cn/problems");
        // review: a mistyped link answered Spring's English "Whitelabel Error Page" (with a UTC time),
        // outside the console's layout; now the console's own page in the reader's language
        assertThat(page.body()).contains("未找到该页面或记录").contains("/console/logout").doesNotContain("Whitelabel");
        admin.get("/console?lang=en");
        assertThat(admin.get("/console/persons/41130000000000000001/nope").body()).contains("No such page or record")
                .doesNotContain("Whitelabel");
        ConsoleClient.Answer method = admin.get("/console/persons/41130000000000000001/insured-password");
        assertThat(method.status()).as("a form's address opened as a page").isEqualTo(405);
        assertThat(method.body()).contains("<html").contains("The request was not valid");
        ConsoleClient.Answer json = admin.get("/console/api/dashboard/nope");
        assertThat(json.status()).isEqualTo(404);
        assertThat(json.body()).contains("\"status\":404").doesNotContain("<html");

        String psn = new cn.gongji.support.RefData(db).person("in_service");
        String certno = new cn.gongji.support.RefData(db).certno(psn);
        insured.set(psn, "insured-pass-404", "test");
        ConsoleClient me = new ConsoleClient(port);
        assertThat(me.signIn("/me/login", "certno", certno, "insured-pass-404").location()).endsWith("/me");
        ConsoleClient.Answer mine = me.get("/me/nope");
        assertThat(mine.status()).isEqualTo(404);
        assertThat(mine.body()).contains("未找到该页面或记录").contains("href=\"/me\"").doesNotContain("Whitelabel");
    }

    @Test
    void times_on_the_staff_and_token_pages_and_the_insured_password_line_are_in_the_business_zone() {
        // review: these three were shown in the database session's zone (UTC on a UTC host), eight hours
        // behind every other time on the console
        ConsoleClient admin = as(Role.ADMIN);
        db.sql("update staff set created_at = '2026-01-01T20:30:00Z' where username = :u").param("u", user(Role.ADMIN)).update();
        assertThat(admin.get("/console/staff").body()).contains("test 2026-01-02");

        admin.post("/console/tokens", "/console/tokens", Map.of("name", "zone-" + suffix, "days", "30"));
        db.sql("update staff_api_token set created_at = '2026-01-01T20:30:00Z', last_used_at = '2026-01-01T16:05:00Z' where name = :n")
                .param("n", "zone-" + suffix).update();
        assertThat(admin.get("/console/tokens").body()).contains("2026-01-02 04:30").contains("2026-01-02 00:05");

        String psn = new cn.gongji.support.RefData(db).person("in_service");
        insured.set(psn, "insured-pass-zone", "zone-test");
        db.sql("update insured_credential set set_at = '2026-01-01T20:30:00Z' where psn_no = :p").param("p", psn).update();
        assertThat(admin.get("/console/persons/" + psn).body()).contains("zone-test 2026-01-02 04:30");
    }

    @Test
    void forms_are_refused_to_roles_that_may_not_post_them_and_without_a_csrf_token() {
        ConsoleClient operator = as(Role.OPERATOR);
        assertThat(operator.post("/console", "/console/credits", Map.of("month", "2033-01")).status()).isEqualTo(403);
        assertThat(operator.post("/console", "/console/staff", Map.of("username", "x" + suffix, "displayName", "x",
                "role", "admin", "password", PASSWORD)).status()).isEqualTo(403);
        assertThat(staff.find("x" + suffix)).isEmpty();
        ConsoleClient auditor = as(Role.AUDITOR);
        assertThat(auditor.post("/console", "/console/persons/41130000000000000001/insured-password",
                Map.of("password", "whatever-123")).status()).isEqualTo(403);

        ConsoleClient admin = as(Role.ADMIN);
        assertThat(admin.postRaw("/console/staff", Map.of("username", "y" + suffix, "displayName", "y", "role", "operator",
                "password", PASSWORD)).status()).as("no CSRF token").isEqualTo(403);
        assertThat(staff.find("y" + suffix)).isEmpty();
        ConsoleClient.Answer made = admin.post("/console/staff", "/console/staff", Map.of("username", "y" + suffix,
                "displayName", "新同事", "role", "auditor", "password", PASSWORD));
        assertThat(made.status()).isEqualTo(302);
        assertThat(staff.find("y" + suffix)).get().extracting(s -> s.role()).isEqualTo(Role.AUDITOR);
        assertThat(staff.find("y" + suffix).get().passwordHash()).startsWith("{bcrypt}").doesNotContain(PASSWORD);
    }

    @Test
    void every_form_posted_is_in_the_audit_log_with_the_member_of_staff_refused_ones_included() {
        ConsoleClient operator = as(Role.OPERATOR);
        assertThat(operator.post("/console", "/console/staff", Map.of("username", "z" + suffix, "displayName", "z",
                "role", "admin", "password", PASSWORD)).status()).isEqualTo(403);
        ConsoleClient admin = as(Role.ADMIN);
        assertThat(admin.post("/console/staff", "/console/staff/" + user(Role.FINANCE) + "/active",
                Map.of("active", "false")).status()).isEqualTo(302);
        String psn = new cn.gongji.support.RefData(db).person("in_service");
        assertThat(admin.post("/console", "/console/persons/" + psn + "/insured-password",
                Map.of("password", "short")).status()).as("refused with a message on the page").isEqualTo(302);
        assertThat(db.sql("""
                select kind || ' ' || actor || ' ' || method || ' ' || path || ' ' || status || ' ' || coalesce(psn_no, '-')
                from audit_log where actor in (:o, :a) order by audit_id
                """).param("o", "staff:" + user(Role.OPERATOR)).param("a", "staff:" + user(Role.ADMIN)).query(String.class).list())
                .containsExactly(
                        "change staff:" + user(Role.OPERATOR) + " POST /console/staff 403 -",
                        "change staff:" + user(Role.ADMIN) + " POST /console/staff/" + user(Role.FINANCE) + "/active 302 -",
                        "change staff:" + user(Role.ADMIN) + " POST /console/persons/" + psn + "/insured-password 302 " + psn);
    }

    @Test
    void a_refused_new_member_of_staff_comes_back_with_what_was_typed_but_not_the_password() {
        ConsoleClient admin = as(Role.ADMIN);
        assertThat(admin.post("/console/staff", "/console/staff", Map.of("username", user(Role.OPERATOR),
                "displayName", "重名同事", "role", "finance", "password", PASSWORD)).status()).as("the name is taken").isEqualTo(302);
        String page = admin.get("/console/staff").body();
        assertThat(page).contains("value=\"" + user(Role.OPERATOR) + "\"", "value=\"重名同事\"").doesNotContain(PASSWORD);
        assertThat(page).containsPattern("<option value=\"finance\"[^>]*selected");
        assertThat(admin.get("/console/staff").body()).as("only once").doesNotContain("value=\"重名同事\"");
    }

    @Test
    void a_deactivated_member_of_staff_cannot_sign_in() {
        ConsoleClient admin = as(Role.ADMIN);
        assertThat(admin.post("/console/staff", "/console/staff/" + user(Role.FINANCE) + "/active",
                Map.of("active", "false")).status()).isEqualTo(302);
        ConsoleClient.Answer a = new ConsoleClient(port).staff(user(Role.FINANCE), PASSWORD);
        assertThat(a.location()).endsWith("/console/login?error");
    }

    @Test
    void five_wrong_passwords_lock_the_name_for_a_while_even_with_the_right_password_after() {
        ConsoleClient c = new ConsoleClient(port);
        for (int i = 0; i < 5; i++) {
            assertThat(c.staff(user(Role.AUDITOR), "wrong-" + i).location()).endsWith("/console/login?error");
        }
        assertThat(c.staff(user(Role.AUDITOR), PASSWORD).location()).endsWith("/console/login?locked");
        assertThat(new ConsoleClient(port).staff(user(Role.OPERATOR), PASSWORD).location())
                .as("another name is not locked").endsWith("/console");
    }

    @Test
    void failures_from_one_address_across_many_names_lock_sign_in_from_that_address() {
        String addr = "2001:db8::" + Integer.toHexString(Integer.parseInt(suffix));   // a documentation address of its own
        for (int i = 1; i < cn.gongji.console.signin.SignInThrottle.MAX_FAILURES_PER_ADDRESS; i++) {
            throttle.failed("staff", "spray" + i + "-" + suffix, addr);
        }
        assertThat(throttle.locked("staff", user(Role.OPERATOR), addr)).as("one failure short").isFalse();
        throttle.failed("staff", "spray0-" + suffix, addr);
        assertThat(throttle.locked("staff", user(Role.OPERATOR), addr)).as("a name never tried, from that address").isTrue();
        assertThat(throttle.locked("staff", user(Role.OPERATOR), "2001:db8::1:" + Integer.toHexString(Integer.parseInt(suffix))))
                .as("from another address").isFalse();
        assertThat(throttle.locked("insured", "110101199001011234", addr)).as("the other realm").isFalse();
        assertThat(throttle.locked("staff", "spray1-" + suffix, null)).as("one failure of that name, address unknown").isFalse();
    }

    @Test
    void the_agency_api_and_the_his_endpoint_keep_their_own_auth_and_get_no_session() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var api = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/api/admin/catalog/items/none"))
                .header("Authorization", "Bearer test-admin-token").GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isNotIn(302, 401, 403);
        assertThat(api.headers().firstValue("Set-Cookie")).isEmpty();
        var noToken = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/api/admin/catalog/items/none")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.headers().firstValue("Content-Type")).get().asString().contains("problem+json");
        var docs = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).as("the console's JSON is no agency API").contains("/api/admin/").doesNotContain("/console/");
    }
}
