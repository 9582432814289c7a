package cn.gongji.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.supervision.db.Scanner;
import cn.gongji.supervision.gen.AnomalyGenerator;
import cn.gongji.supervision.gen.Evaluation;
import cn.gongji.support.Invariants;
import cn.gongji.support.ServiceIT;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Done-when of issue 6: a synthetic month with anomalies of every kind injected, scanned; recall
 * and precision per rule (the numbers in docs/supervision.md come from this run, seed 20240301).
 */
@ServiceIT
class SyntheticMonthIT {

    private static final YearMonth MONTH = YearMonth.of(2023, 3);

    @Autowired
    AnomalyGenerator generator;

    @Autowired
    Scanner scanner;

    @Autowired
    JdbcClient db;

    @Test
    void the_scan_finds_every_injected_anomaly_and_few_warnings_name_anything_else() {
        Evaluation e = generator.generateScanAndEvaluate(MONTH, 20240301L, System.out::println);
        System.out.println(e.describe());

        e.byRule().forEach((rule, s) -> assertThat(s.detected()).as("recall of %s", rule).isEqualTo(s.injected()));
        assertThat(e.byRule().keySet()).as("every rule and indicator was injected").hasSize(19);
        Evaluation.Score all = e.total();
        assertThat(all.trueWarnings() * 100 / all.warnings()).as("precision %%").isGreaterThanOrEqualTo(80);
        assertThat(e.baselineClaimWarnings() * 100.0 / e.baselineSettlements()).as("ordinary warning rate %%").isLessThan(2.0);
        Invariants.check(db);
    }

    @Test
    void a_rescan_of_the_same_period_adds_no_warning() {
        generator.generateScanAndEvaluate(MONTH, 20240301L, s -> {});
        long before = db.sql("select count(*) from supervision_warning").query(Long.class).single();

        Scanner.Summary again = scanner.scan(MONTH.atDay(1), MONTH.atEndOfMonth(), s -> {});

        assertThat(again.findings()).isPositive();
        assertThat(again.newWarnings()).isZero();
        assertThat(db.sql("select count(*) from supervision_warning").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void the_shipped_parameter_rows_equal_the_defaults_in_code() {
        Map<String, Map<String, BigDecimal>> shipped = new HashMap<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        db.sql("select rule_id, name, value, updated_by from supervision_rule_param").query((rs, i) -> {
            names.add(rs.getString(1) + "." + rs.getString(2));
            if ("migration".equals(rs.getString(4))) {
                shipped.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getBigDecimal(3).stripTrailingZeros());
            }
            return null;
        }).list();
        java.util.Set<String> expectedNames = new java.util.HashSet<>();
        for (RuleDef d : Rules.ALL) {
            d.defaults().forEach((k, v) -> {
                expectedNames.add(d.id() + "." + k);
                BigDecimal row = shipped.getOrDefault(d.id(), Map.of()).get(k);
                if (row != null) {
                    assertThat(row).as(d.id() + "." + k).isEqualByComparingTo(v);
                }
            });
        }
        assertThat(names).as("a row for every parameter in code, and none else").isEqualTo(expectedNames);
    }
}
