package cn.gongji.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.support.ServiceIT;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** /v3/api-docs describes the PROTOCOL.md §4 calls: their bodies, their problem+json errors and the bearer token. */
@ServiceIT
class AgencyOpenApiIT {

    private static final String PROBLEM = "application/problem+json";

    @LocalServerPort
    int port;

    JsonNode doc;

    @BeforeEach
    void read() {
        var a = new AgencyClient(port).send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).GET());
        assertThat(a.status()).isEqualTo(200);
        doc = a.json();
    }

    private JsonNode op(String path, String method) {
        JsonNode o = doc.path("paths").path(path).path(method);
        assertThat(o.isObject()).as("%s %s in the OpenAPI", method, path).isTrue();
        return o;
    }

    private JsonNode resolve(JsonNode schema) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asString().replace("#/components/schemas/", "");
            JsonNode s = doc.path("components").path("schemas").path(name);
            assertThat(s.isObject()).as("component %s", name).isTrue();
            return s;
        }
        return schema;
    }

    private JsonNode body(String path) {
        JsonNode content = op(path, "post").path("requestBody").path("content");
        assertThat(content.has("application/json")).as("%s request body content %s", path, content).isTrue();
        return resolve(content.path("application/json").path("schema"));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names;
    }

    private static List<String> strings(JsonNode array) {
        List<String> s = new ArrayList<>();
        array.forEach(n -> s.add(n.asString()));
        return s;
    }

    private void assertProblem(String path, String method, String... statuses) {
        JsonNode responses = op(path, method).path("responses");
        for (String status : statuses) {
            JsonNode schema = responses.path(status).path("content").path(PROBLEM).path("schema");
            assertThat(schema.isObject()).as("%s %s answers %s %s: %s", method, path, status, PROBLEM, responses).isTrue();
            assertThat(names(resolve(schema).path("properties"))).contains("type", "title", "detail", "errors");
        }
        assertThat(responses.path("200").path("content").has("application/json"))
                .as("%s %s 200 is application/json: %s", method, path, responses.path("200")).isTrue();
    }

    @Test
    void the_person_body_has_the_protocol_fields_required_fields_and_status_enum() {
        JsonNode s = body("/api/admin/persons");
        assertThat(names(s.path("properties"))).containsExactlyInAnyOrder("certno", "psn_name", "gend", "brdy",
                "insuplc_admdvs", "emp_name", "status", "insu_date", "contribution_base", "card_no", "evoucher_token");
        assertThat(strings(s.path("required"))).containsExactlyInAnyOrder("certno", "psn_name", "insuplc_admdvs", "status",
                "insu_date");
        assertThat(strings(s.path("properties").path("status").path("enum"))).containsExactlyInAnyOrder("in_service", "retired");
        assertProblem("/api/admin/persons", "post", "400", "409");
    }

    @Test
    void the_institution_body_has_the_kind_and_level_enums() {
        JsonNode s = body("/api/admin/institutions");
        assertThat(names(s.path("properties"))).containsExactlyInAnyOrder("fixmedins_code", "fixmedins_name", "kind", "level",
                "admdvs", "dual_channel", "external_rx", "internet_of");
        assertThat(strings(s.path("required"))).containsExactlyInAnyOrder("fixmedins_code", "fixmedins_name", "kind", "admdvs");
        assertThat(strings(s.path("properties").path("kind").path("enum"))).containsExactlyInAnyOrder("hospital", "pharmacy");
        assertThat(strings(s.path("properties").path("level").path("enum"))).containsExactlyInAnyOrder("L1", "L2", "L3");
        assertProblem("/api/admin/institutions", "post", "400", "409");
    }

    @Test
    void the_calls_on_a_person_document_their_bodies_and_errors() {
        JsonNode status = body("/api/admin/persons/{psn_no}/status-changes");
        assertThat(names(status.path("properties"))).containsExactlyInAnyOrder("status", "processed_date");
        assertThat(strings(status.path("properties").path("status").path("enum"))).containsExactlyInAnyOrder("in_service", "retired");
        assertProblem("/api/admin/persons/{psn_no}/status-changes", "post", "400", "404", "409");

        JsonNode binding = body("/api/admin/persons/{psn_no}/family-bindings");
        assertThat(names(binding.path("properties"))).containsExactlyInAnyOrder("member_psn_no", "member_certno", "relation");
        assertThat(strings(binding.path("properties").path("relation").path("enum")))
                .containsExactlyInAnyOrder("spouse", "parent", "child");
        assertProblem("/api/admin/persons/{psn_no}/family-bindings", "post", "400", "404", "409");
        assertProblem("/api/admin/persons/{psn_no}/family-bindings/{binding_id}", "delete", "400", "404");

        JsonNode offsite = body("/api/admin/persons/{psn_no}/offsite-registrations");
        assertThat(names(offsite.path("properties"))).containsExactlyInAnyOrder("admdvs", "category", "begndate", "enddate");
        assertThat(strings(offsite.path("required"))).containsExactlyInAnyOrder("admdvs", "category", "begndate");
        assertProblem("/api/admin/persons/{psn_no}/offsite-registrations", "post", "400", "404");

        assertProblem("/api/admin/persons/{psn_no}/account", "get", "404");
        assertProblem("/api/admin/persons/{psn_no}/accumulators", "get", "400", "404");
    }

    @Test
    void the_catalog_body_is_an_array_of_items() {
        JsonNode s = body("/api/admin/catalog/items");
        assertThat(s.path("type").asString()).isEqualTo("array");
        JsonNode item = resolve(s.path("items"));
        assertThat(names(item.path("properties"))).containsExactlyInAnyOrder("med_list_codg", "name", "list_type",
                "chrgitm_lv", "selfpay_prop", "pay_std", "med_chrgitm_type", "acct_payable", "dual_channel", "gender_limit",
                "min_age", "max_age", "max_qty_per_visit", "generic_name");
        assertThat(strings(item.path("required"))).containsExactlyInAnyOrder("med_list_codg", "name", "list_type", "chrgitm_lv");
        assertThat(strings(item.path("properties").path("chrgitm_lv").path("enum"))).containsExactlyInAnyOrder("01", "02", "03");
        assertProblem("/api/admin/catalog/items", "post", "400");
    }

    @Test
    void the_monthly_credit_body_is_a_month() {
        JsonNode s = body("/api/admin/accounts/credits");
        assertThat(names(s.path("properties"))).containsExactly("month");
        assertThat(strings(s.path("required"))).containsExactly("month");
        assertProblem("/api/admin/accounts/credits", "post", "400");
    }

    @Test
    void no_schema_shows_jackson_node_internals() {
        for (String path : List.of("/api/admin/institutions", "/api/admin/persons", "/api/admin/persons/{psn_no}/status-changes",
                "/api/admin/persons/{psn_no}/family-bindings", "/api/admin/persons/{psn_no}/offsite-registrations",
                "/api/admin/catalog/items", "/api/admin/accounts/credits")) {
            assertThat(op(path, "post").path("requestBody").toString()).as(path).doesNotContain("JsonNode");
        }
        assertThat(doc.path("components").toString()).doesNotContain("nodeType").doesNotContain("missingNode");
    }

    @Test
    void every_agency_call_requires_the_bearer_token_and_documents_401_and_403() {
        JsonNode scheme = doc.path("components").path("securitySchemes").path(AgencyOpenApi.BEARER);
        assertThat(scheme.path("type").asString()).isEqualTo("http");
        assertThat(scheme.path("scheme").asString()).isEqualTo("bearer");
        List<String> checked = new ArrayList<>();
        doc.path("paths").properties().forEach(p -> {
            if (p.getKey().startsWith("/api/admin/")) {
                p.getValue().properties().forEach(m -> {
                    JsonNode op = m.getValue();
                    assertThat(op.path("security").toString()).as("%s %s", m.getKey(), p.getKey()).contains(AgencyOpenApi.BEARER);
                    assertThat(op.path("responses").path("401").path("content").has(PROBLEM)).isTrue();
                    assertThat(op.path("responses").path("403").path("content").has(PROBLEM)).isTrue();
                    checked.add(m.getKey() + " " + p.getKey());
                });
            }
        });
        assertThat(checked).contains("post /api/admin/persons", "post /api/admin/catalog/items", "post /api/admin/accounts/credits");
        assertThat(doc.path("paths").path("/fsi/api/rsfComIfsService/callService").path("post").path("security").isMissingNode())
                .as("the HIS endpoint signs its messages, it takes no bearer token").isTrue();
    }
}
