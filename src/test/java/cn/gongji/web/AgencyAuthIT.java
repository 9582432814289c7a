package cn.gongji.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.support.ServiceIT;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@ServiceIT
class AgencyAuthIT {

    @LocalServerPort
    int port;

    AgencyClient api;

    @BeforeEach
    void setUp() {
        api = new AgencyClient(port);
    }

    private AgencyClient.Answer getWith(String authorization) {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/admin/institutions/H1")).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return api.send(b);
    }

    @Test
    void a_call_without_a_token_is_refused_with_problem_json() {
        var a = getWith(null);
        assertThat(a.status()).isEqualTo(401);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.json().get("title").asString()).contains("Unauthorized");
    }

    @Test
    void a_call_with_a_wrong_token_is_refused() {
        assertThat(getWith("Bearer not-the-token").status()).isEqualTo(401);
        assertThat(getWith("Basic dGVzdA==").status()).isEqualTo(401);
    }

    @Test
    void a_call_with_the_admin_token_passes() {
        assertThat(getWith("Bearer " + AgencyClient.TOKEN).status()).isEqualTo(404);
    }

    @Test
    void an_empty_token_setting_refuses_every_call() {
        var filter = new AdminTokenFilter("", null);
        assertThat(filter.authorized("Bearer ")).isFalse();
        assertThat(filter.authorized("Bearer anything")).isFalse();
    }

    @Test
    void malformed_json_gets_problem_json_not_an_html_page() {
        var a = api.post("/api/admin/persons", "{not json");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.json().get("errors").isArray()).isTrue();
    }

    @Test
    void a_body_that_is_not_an_object_is_refused() {
        var a = api.post("/api/admin/persons", "[1,2]");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.contentType()).startsWith("application/problem+json");
    }

    @Test
    void the_openapi_document_lists_the_agency_calls() {
        var a = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).GET());
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.text()).contains("/api/admin/persons/{psn_no}/status-changes")
                .contains("/api/admin/institutions").contains("/api/admin/catalog/items");
    }
}
