package cn.gongji.policy.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gongji.fixture.Nanyang;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A policy version read from JSON refuses a missing or unreadable parameter and says which one. */
class PolicyJsonTest {

    private static final String[] REQUIRED = {
            "version_id", "effective_from", "episode_window",
            "deductible.L1", "deductible.L2", "deductible.L3",
            "ratio.L1.in_service", "ratio.L1.retired", "ratio.L2.in_service",
            "ratio.L2.retired", "ratio.L3.in_service", "ratio.L3.retired",
            "annual_limit.in_service", "annual_limit.retired",
            "account.in_service_credit_rate", "account.retired_monthly_credit"};

    @ParameterizedTest(name = "missing {0}")
    @ValueSource(strings = {
            "version_id", "effective_from", "episode_window",
            "deductible.L1", "deductible.L2", "deductible.L3",
            "ratio.L1.in_service", "ratio.L1.retired", "ratio.L2.in_service",
            "ratio.L2.retired", "ratio.L3.in_service", "ratio.L3.retired",
            "annual_limit.in_service", "annual_limit.retired",
            "account.in_service_credit_rate", "account.retired_monthly_credit"})
    void a_missing_parameter_is_refused_by_name(String path) {
        ObjectNode json = Nanyang.json();
        parentOf(json, path).remove(last(path));

        assertThatThrownBy(() -> PolicyJson.read(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("policy parameter missing")
                .hasMessageContaining(path);
    }

    @ParameterizedTest(name = "null {0}")
    @ValueSource(strings = {"deductible.L2", "ratio.L3.retired", "annual_limit.in_service", "episode_window"})
    void a_null_parameter_is_refused_by_name(String path) {
        ObjectNode json = Nanyang.json();
        parentOf(json, path).putNull(last(path));

        assertThatThrownBy(() -> PolicyJson.read(json)).hasMessageContaining(path);
    }

    @Test
    void a_missing_table_is_refused_naming_its_first_entry() {
        ObjectNode json = Nanyang.json();
        json.remove("ratio");

        assertThatThrownBy(() -> PolicyJson.read(json)).hasMessageContaining("ratio.L1.in_service");
    }

    @Test
    void a_ratio_with_more_than_four_decimals_is_refused() {
        ObjectNode json = Nanyang.json();
        ((ObjectNode) json.get("ratio").get("L2")).put("retired", "0.65001");

        assertThatThrownBy(() -> PolicyJson.read(json)).hasMessageContaining("L2/retired");
    }

    @Test
    void a_ratio_above_one_is_refused() {
        ObjectNode json = Nanyang.json();
        ((ObjectNode) json.get("ratio").get("L1")).put("in_service", "1.5");

        assertThatThrownBy(() -> PolicyJson.read(json)).hasMessageContaining("L1/IN_SERVICE");
    }

    @Test
    void every_required_parameter_is_in_the_shipped_version() {
        JsonNode json = Nanyang.json();
        for (String path : REQUIRED) {
            JsonNode n = json;
            for (String p : path.split("\\.")) {
                n = n.path(p);
            }
            assertThat(n.isMissingNode()).as(path).isFalse();
        }
    }

    @Test
    void numbers_may_be_written_as_json_numbers_too() {
        ObjectNode json = Nanyang.json();
        ((ObjectNode) json.get("deductible")).put("L2", 30);
        ((ObjectNode) json.get("ratio").get("L2")).put("in_service", new java.math.BigDecimal("0.55"));

        assertThat(PolicyJson.read(json)).isEqualTo(Nanyang.policy());
    }

    static ObjectNode parentOf(ObjectNode root, String path) {
        String[] parts = path.split("\\.");
        JsonNode n = root;
        for (int i = 0; i < parts.length - 1; i++) {
            n = n.get(parts[i]);
        }
        return (ObjectNode) n;
    }

    static String last(String path) {
        String[] parts = path.split("\\.");
        return parts[parts.length - 1];
    }
}
