package cn.gongji.policy.db;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gongji.fixture.Nanyang;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Regression: an unreadable policy parameter (a version posted through the agency API with
 * "thirty", "30.005", "" or "24h") was refused with the parser's bare message — "NumberFormatException:
 * null", "amount has more than 2 decimals: 30.005", "Text cannot be parsed to a Duration" — that
 * named neither the parameter nor what is accepted (STYLE.md habit 7).
 */
class PolicyJsonBadValueNamesParameterRegressionTest {

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @CsvSource({
            "deductible.L2,                  thirty",
            "deductible.L2,                  30.005",
            "annual_limit.retired,           ''",
            "ratio.L1.retired,               70%",
            "account.in_service_credit_rate, x",
            "account.retired_monthly_credit, 58.001",
            "episode_window,                 24h",
            "effective_from,                 2022/07/01"})
    void an_unreadable_value_is_refused_naming_the_parameter(String path, String value) {
        ObjectNode json = Nanyang.json();
        PolicyJsonTest.parentOf(json, path).put(PolicyJsonTest.last(path), value);

        assertThatThrownBy(() -> PolicyJson.read(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(path)
                .hasMessageContaining("'" + value + "'");
    }

    @Test
    void an_object_where_a_value_belongs_is_refused_naming_the_parameter() {
        ObjectNode json = Nanyang.json();
        ((ObjectNode) json.get("deductible")).putObject("L2").put("amount", "30.00");

        assertThatThrownBy(() -> PolicyJson.read(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deductible.L2");
    }
}
