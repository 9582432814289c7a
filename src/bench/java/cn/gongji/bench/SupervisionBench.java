package cn.gongji.bench;

import cn.gongji.common.Money;
import cn.gongji.supervision.Claim;
import cn.gongji.supervision.Finding;
import cn.gongji.supervision.RuleEngine;
import cn.gongji.supervision.RuleSettings;
import cn.gongji.supervision.Stage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU cost of the during-settlement rules (issue 6): every claim rule of the stage 事中 over a
 * 5-line visit whose items carry limits, for a person with six visits in the last month — the
 * same shape as SettlementCoreBench's visit. One thread: the per-core rate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SupervisionBench {

    private Claim clean;
    private Claim suspicious;
    private final RuleSettings settings = RuleSettings.defaults();

    @Setup
    public void setUp() {
        LocalDateTime at = LocalDateTime.of(2024, 3, 10, 10, 0);
        Claim.Patient p = new Claim.Patient("P", "1", LocalDate.of(1970, 5, 1), LocalDate.of(2000, 1, 1), null, null, "411300");
        Claim.Provider h = new Claim.Provider("H1", "hospital", "L2", null);
        List<Claim.PriorVisit> history = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            history.add(new Claim.PriorVisit("M" + i, "H" + (i % 3), "H" + (i % 3), at.minusDays(4L * i), Money.of("80.00")));
        }
        clean = claim(p, h, at, history, "X02");
        suspicious = claim(p, h, at, history, "X01");
    }

    private static Claim claim(Claim.Patient p, Claim.Provider h, LocalDateTime at, List<Claim.PriorVisit> history, String second) {
        List<Claim.Charge> lines = List.of(
                charge("1", "X01", "12.00", "1", new Claim.ItemLimits("诊查费", "201", null, null, null, null, null, null), "02"),
                charge("2", second, "12.00", "1", new Claim.ItemLimits("阿莫西林", "101", null, null, null, new BigDecimal("20"), null,
                        new BigDecimal("9.50")), "09"),
                charge("3", "X03", "23.456", "2", new Claim.ItemLimits("布洛芬", "101", null, 12, null, null, null, null), "09"),
                charge("4", "X04", "25.00", "1", new Claim.ItemLimits("血常规", "201", null, null, null, null, "L1", null), "04"),
                charge("5", "X05", "80.00", "1", new Claim.ItemLimits("妇科检查", "201", "1", null, null, null, null, null), "03"));
        return new Claim(p, h, new Claim.Encounter("M0", "S0", at, "11", "411300", "H1"), lines, history);
    }

    private static Claim.Charge charge(String sn, String code, String price, String cnt, Claim.ItemLimits l, String type) {
        BigDecimal pr = new BigDecimal(price);
        BigDecimal c = new BigDecimal(cnt);
        return new Claim.Charge(sn, code, pr, c, Money.rounded(pr.multiply(c), java.math.RoundingMode.HALF_UP), type, true, l);
    }

    @Benchmark
    public List<Finding> rules_during_settlement_clean_visit() {
        return RuleEngine.evaluate(clean, Stage.DURING, settings);
    }

    @Benchmark
    public List<Finding> rules_during_settlement_with_a_finding() {
        return RuleEngine.evaluate(suspicious, Stage.DURING, settings);
    }
}
