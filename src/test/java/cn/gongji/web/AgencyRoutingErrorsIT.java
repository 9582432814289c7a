package cn.gongji.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.support.ServiceIT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Errors raised before an agency controller is chosen answer problem+json too; the HIS endpoint keeps its own. */
@ServiceIT
class AgencyRoutingErrorsIT {

    @LocalServerPort
    int port;

    AgencyClient api;

    @BeforeEach
    void setUp() {
        api = new AgencyClient(port);
    }

    private static void assertAgencyProblem(AgencyClient.Answer a, int status, String type) {
        assertThat(a.status()).as(a.text()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/problem+json");
        var p = a.json();
        assertThat(p.get("type").asString()).isEqualTo(AgencyProblemAdvice.TYPE_BASE + type);
        assertThat(p.get("title").asString()).isNotBlank();
        assertThat(p.get("detail").asString()).isNotBlank();
        assertThat(p.get("errors").isArray()).isTrue();
        assertThat(p.has("timestamp")).as("not Spring's default error JSON").isFalse();
    }

    @Test
    void a_wrong_method_is_405_problem_json_naming_the_allowed_methods() {
        var put = api.put("/api/admin/persons", "{}");
        assertAgencyProblem(put, 405, "method-not-allowed");
        assertThat(put.json().get("detail").asString()).contains("PUT").contains("POST");
        assertAgencyProblem(api.delete("/api/admin/catalog/items"), 405, "method-not-allowed");
    }

    @Test
    void an_unknown_path_is_404_problem_json() {
        var a = api.get("/api/admin/nonexistent");
        assertAgencyProblem(a, 404, "not-found");
        assertThat(a.json().get("detail").asString()).contains("/api/admin/nonexistent");
        assertAgencyProblem(api.post("/api/admin/persons/41130000000000000001/nonexistent", "{}"), 404, "not-found");
        assertAgencyProblem(api.get("/api/nonexistent"), 404, "not-found");
    }

    @Test
    void a_malformed_language_cookie_falls_back_to_the_default_instead_of_failing_every_request() {
        // "%" is no valid cookie value: the locale resolver refused it with 500 on every path (security review)
        var a = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/admin/persons/nobody"))
                .header("Authorization", "Bearer " + AgencyClient.TOKEN).header("Cookie", "gongji-lang=%").GET());
        assertAgencyProblem(a, 404, "not-found");
        var page = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/console/login"))
                .header("Cookie", "gongji-lang=%").GET());
        assertThat(page.status()).isEqualTo(200);
    }

    @Test
    void an_unknown_path_without_a_token_is_still_401_first() {
        var a = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/admin/nonexistent")).GET());
        assertAgencyProblem(a, 401, "unauthorized");
    }

    @Test
    void the_his_endpoint_keeps_its_envelope_and_spring_answers_its_wrong_method() throws Exception {
        var http = HttpClient.newHttpClient();
        var uri = URI.create("http://127.0.0.1:" + port + "/fsi/api/rsfComIfsService/callService");
        var bad = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{not json")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(bad.body()).contains("\"infcode\"").doesNotContain(AgencyProblemAdvice.TYPE_BASE);

        var get = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Content-Type").orElse("")).doesNotStartWith("application/problem+json");
        assertThat(get.body()).doesNotContain(AgencyProblemAdvice.TYPE_BASE);
    }
}
