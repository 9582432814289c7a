package cn.gongji.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.console.staff.Role;
import cn.gongji.console.staff.StaffStore;
import cn.gongji.console.token.ApiTokens;
import cn.gongji.support.ServiceIT;
import cn.gongji.web.AgencyClient.Answer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Per-staff credentials on the agency API (issue 8 item 4): each role's personal token reaches
 * its calls and is refused the others with 403 problem+json; the audit log names the member of
 * staff; revoked, expired and deactivated tokens are 401; the shared admin token still works.
 * A call that passes the role check is made with an incomplete body (400) where a real one would
 * change shared state.
 */
@ServiceIT
class StaffApiTokenIT {

    @LocalServerPort
    int port;

    @Autowired
    StaffStore staff;

    @Autowired
    ApiTokens tokens;

    @Autowired
    JdbcClient db;

    AgencyClient api;
    String suffix;

    @BeforeEach
    void setUp() {
        api = new AgencyClient(port);
        suffix = Integer.toString(ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999));
    }

    private String tokenFor(Role role) {
        String user = role.code() + "-api-" + suffix;
        staff.create(user, "接口 " + role.code(), role, "api-password-1234", "test");
        return tokens.create(user, "test", 30);
    }

    private Answer call(String token, String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token);
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.method(method, HttpRequest.BodyPublishers.ofString(body));
        return api.send(b);
    }

    private static void forbidden(Answer a) {
        assertThat(a.status()).as(a.text()).isEqualTo(403);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.json().path("title").asString()).contains("Forbidden");
    }

    private static void passed(Answer a) {
        assertThat(a.status()).as(a.text()).isNotIn(401, 403);
    }

    @Test
    void a_personal_token_records_its_staff_member_as_the_actor_whatever_x_operator_says() {
        String t = tokenFor(Role.FINANCE);
        String psn = api.newPerson("in_service");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/admin/persons/" + psn
                        + "/account/corrections"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + t)
                .header("X-Operator", "director-wang")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":\"12.00\",\"reason\":\"补记\",\"ref\":\"FIX-" + suffix + "\"}"));
        Answer a = api.send(b);
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(db.sql("select actor from account_entry where psn_no = :p and kind = 'correction'").param("p", psn)
                .query(String.class).single()).as("the authenticated staff member, not the header")
                .isEqualTo("staff:finance-api-" + suffix);
        String viaAdmin = "FIX2-" + suffix;
        Answer admin = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/admin/persons/" + psn
                        + "/account/corrections"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + AgencyClient.TOKEN)
                .header("X-Operator", "director-wang")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":\"1.00\",\"reason\":\"补记\",\"ref\":\"" + viaAdmin + "\"}")));
        assertThat(admin.status()).as(admin.text()).isEqualTo(200);
        assertThat(db.sql("select actor from account_entry where psn_no = :p and ref = :r").param("p", psn).param("r", viaAdmin)
                .query(String.class).single()).as("the shared token names nobody: the header is kept, marked as such")
                .isEqualTo("agency-api:director-wang");
    }

    @Test
    void an_operator_registers_persons_and_binds_family_but_moves_no_money_and_reviews_nothing() {
        String t = tokenFor(Role.OPERATOR);
        Answer made = call(t, "POST", "/api/admin/persons",
                AgencyClient.personJson(AgencyClient.newCertno(true), "in_service"));
        assertThat(made.status()).as(made.text()).isEqualTo(200);
        String psn = made.field("psn_no");
        passed(call(t, "POST", "/api/admin/persons/" + psn + "/family-bindings", "{}"));
        passed(call(t, "GET", "/api/admin/persons/" + psn, null));

        forbidden(call(t, "POST", "/api/admin/persons/" + psn + "/account/contributions", "{}"));
        forbidden(call(t, "POST", "/api/admin/accounts/credits", "{}"));
        forbidden(call(t, "POST", "/api/admin/clearing/periods/close", "{}"));
        forbidden(call(t, "POST", "/api/admin/supervision/scans", "{}"));
        forbidden(call(t, "POST", "/api/admin/institutions", "{}"));
        assertThat(db.sql("select count(*) from person where psn_no = :p").param("p", psn).query(Long.class).single()).isOne();
    }

    @Test
    void finance_runs_credits_clearing_and_account_postings_but_registers_nobody() {
        String t = tokenFor(Role.FINANCE);
        String psn = api.newPerson("in_service");
        passed(call(t, "POST", "/api/admin/accounts/credits", "{}"));
        passed(call(t, "POST", "/api/admin/clearing/periods/close", "{}"));
        passed(call(t, "POST", "/api/admin/persons/" + psn + "/account/contributions", "{}"));
        passed(call(t, "GET", "/api/admin/clearing/statements", null));

        long persons = db.sql("select count(*) from person").query(Long.class).single();
        forbidden(call(t, "POST", "/api/admin/persons", AgencyClient.personJson(AgencyClient.newCertno(false), "retired")));
        assertThat(db.sql("select count(*) from person").query(Long.class).single()).isEqualTo(persons);
        forbidden(call(t, "POST", "/api/admin/supervision/warnings/1/transitions", "{}"));
        forbidden(call(t, "POST", "/api/admin/catalog/items", "{}"));
    }

    @Test
    void an_auditor_reviews_and_reads_but_changes_neither_persons_nor_rule_parameters() {
        String t = tokenFor(Role.AUDITOR);
        String psn = api.newPerson("in_service");
        passed(call(t, "POST", "/api/admin/supervision/scans", "{}"));
        passed(call(t, "POST", "/api/admin/supervision/warnings/0/transitions", "{}"));
        Answer profile = call(t, "GET", "/api/admin/persons/" + psn, null);
        assertThat(profile.status()).isEqualTo(200);
        // as in the console: an auditor sees the ID and card numbers masked and no e-voucher token
        String full = api.get("/api/admin/persons/" + psn).json().path("certno").asString();
        assertThat(profile.json().path("certno").asString()).isNotEqualTo(full).contains("*")
                .startsWith(full.substring(0, 4)).endsWith(full.substring(full.length() - 4));
        assertThat(profile.json().path("card_no").asString()).contains("*");
        assertThat(profile.json().path("evoucher_token").isNull()).isTrue();
        assertThat(call(tokenFor(Role.FINANCE), "GET", "/api/admin/persons/" + psn, null).json().path("certno").asString())
                .contains("*");
        assertThat(call(tokenFor(Role.OPERATOR), "GET", "/api/admin/persons/" + psn, null).json().path("certno").asString())
                .as("the operator registers persons: the full number").isEqualTo(full);
        assertThat(call(t, "GET", "/api/admin/supervision/rules", null).status()).isEqualTo(200);

        forbidden(call(t, "PUT", "/api/admin/supervision/rules/R01", "{}"));
        forbidden(call(t, "POST", "/api/admin/persons/" + psn + "/status-changes", "{}"));
        forbidden(call(t, "POST", "/api/admin/clearing/recoveries", "{}"));
    }

    @Test
    void an_admin_token_of_a_person_reaches_institutions_and_rule_parameters() {
        String t = tokenFor(Role.ADMIN);
        passed(call(t, "POST", "/api/admin/institutions", "{}"));
        passed(call(t, "PUT", "/api/admin/supervision/rules/R01", "{}"));
        passed(call(t, "POST", "/api/admin/persons", "{}"));
    }

    @Test
    void the_audit_log_names_the_member_of_staff_for_allowed_and_refused_calls() {
        String t = tokenFor(Role.OPERATOR);
        String psn = api.newPerson("in_service");
        call(t, "GET", "/api/admin/persons/" + psn, null);
        call(t, "POST", "/api/admin/accounts/credits", "{}");
        String actor = "staff:operator-api-" + suffix;
        // the audit row is written after the response, in a transaction of its own: wait for it
        assertThat(eventually(() -> db.sql("select status from audit_log where actor = :a and path = :p")
                .param("a", actor).param("p", "/api/admin/persons/" + psn).query(Integer.class).list())).containsExactly(200);
        assertThat(eventually(() -> db.sql("select status from audit_log where actor = :a and path = '/api/admin/accounts/credits'")
                .param("a", actor).query(Integer.class).list())).containsExactly(403);
        assertThat(db.sql("select actor from audit_log where path = :p and method = 'POST' order by audit_id desc limit 1")
                .param("p", "/api/admin/persons").query(String.class).single()).isEqualTo("admin-token");
    }

    /** The rows a query finds once it finds any, within five seconds; empty if none come. */
    private static <T> java.util.List<T> eventually(java.util.function.Supplier<java.util.List<T>> query) {
        long until = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
        java.util.List<T> rows = query.get();
        while (rows.isEmpty() && System.nanoTime() < until) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            rows = query.get();
        }
        return rows;
    }

    @Test
    void revoked_expired_and_deactivated_tokens_and_unknown_ones_are_refused_with_401() {
        String user = "operator-api-" + suffix;
        String t = tokenFor(Role.OPERATOR);
        assertThat(call(t, "GET", "/api/admin/supervision/rules", null).status()).isEqualTo(200);
        assertThat(db.sql("select last_used_at is not null from staff_api_token where username = :u").param("u", user)
                .query(Boolean.class).single()).isTrue();

        staff.setActive(user, false);
        assertThat(call(t, "GET", "/api/admin/supervision/rules", null).status()).isEqualTo(401);
        staff.setActive(user, true);

        db.sql("update staff_api_token set expires_at = now() - interval '1 minute' where username = :u").param("u", user).update();
        assertThat(call(t, "GET", "/api/admin/supervision/rules", null).status()).isEqualTo(401);

        String t2 = tokens.create(user, "second", 1);
        long id = db.sql("select token_id from staff_api_token where username = :u and name = 'second'").param("u", user)
                .query(Long.class).single();
        assertThat(tokens.revoke(user, id)).isTrue();
        Answer revoked = call(t2, "GET", "/api/admin/supervision/rules", null);
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.contentType()).startsWith("application/problem+json");
        assertThat(call(ApiTokens.PREFIX + "x".repeat(43), "GET", "/api/admin/supervision/rules", null).status()).isEqualTo(401);
        assertThat(db.sql("select count(*) from staff_api_token where token_hash like 'gjt_%' or prefix like '%' || token_hash")
                .query(Long.class).single()).as("only hashes are stored").isZero();
    }

    @Test
    void the_shared_admin_token_still_reaches_everything() {
        Answer a = api.post("/api/admin/institutions", "{}");
        assertThat(a.status()).as(a.text()).isEqualTo(400);
        assertThat(api.get("/api/admin/supervision/rules").status()).isEqualTo(200);
    }
}
