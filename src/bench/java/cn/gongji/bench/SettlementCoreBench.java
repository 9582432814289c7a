package cn.gongji.bench;

import cn.gongji.benefit.BenefitRequest;
import cn.gongji.benefit.BenefitResult;
import cn.gongji.benefit.Coverage;
import cn.gongji.benefit.OutpatientBenefit;
import cn.gongji.common.Money;
import cn.gongji.policy.Level;
import cn.gongji.policy.PersonStatus;
import cn.gongji.policy.PolicyVersion;
import cn.gongji.policy.db.PolicyJson;
import cn.gongji.pricing.CatalogEntry;
import cn.gongji.pricing.FeeLine;
import cn.gongji.pricing.ItemClass;
import cn.gongji.pricing.LinePricer;
import cn.gongji.pricing.LinePricing;
import cn.gongji.pricing.LineTotals;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * The CPU cost of the rules: pricing five fee lines, and pricing plus the outpatient benefit with
 * its trace (what a 2207 computes). One thread: the per-core rate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SettlementCoreBench {

    private PolicyVersion policy;
    private final List<FeeLine> lines = new ArrayList<>();
    private final List<Optional<CatalogEntry>> items = new ArrayList<>();
    private Money used;

    @Setup
    public void setUp() throws Exception {
        try (InputStream in = SettlementCoreBench.class.getResourceAsStream("/policy/nanyang-2022-07-01.json")) {
            policy = PolicyJson.read(JsonMapper.builder().build().readTree(in));
        }
        add("1", new CatalogEntry("X01", "普通门诊诊查费", ItemClass.A, BigDecimal.ZERO, null, "01", true), "12.00", "1");
        add("2", new CatalogEntry("X02", "阿莫西林胶囊", ItemClass.A, BigDecimal.ZERO, new BigDecimal("9.50"), "09", true), "12.00", "10");
        add("3", new CatalogEntry("X03", "布洛芬缓释胶囊", ItemClass.B, new BigDecimal("0.10"), null, "09", true), "23.456", "2");
        add("4", new CatalogEntry("X04", "血常规检查", ItemClass.A, BigDecimal.ZERO, null, "04", true), "25.00", "1");
        add("5", new CatalogEntry("X05", "保健按摩", ItemClass.C, BigDecimal.ZERO, null, "05", false), "80.00", "1");
        used = Money.of("320.00");
    }

    private void add(String sn, CatalogEntry item, String price, String qty) {
        lines.add(new FeeLine(sn, item.code(), new BigDecimal(price), new BigDecimal(qty)));
        items.add(Optional.of(item));
    }

    @Benchmark
    public LineTotals price_five_lines() {
        List<LinePricing> priced = new ArrayList<>(5);
        for (int i = 0; i < lines.size(); i++) {
            priced.add(LinePricer.price(lines.get(i), items.get(i)));
        }
        return LineTotals.of(priced);
    }

    @Benchmark
    public BenefitResult price_and_benefit_with_trace() {
        LineTotals totals = price_five_lines();
        return OutpatientBenefit.compute(new BenefitRequest(policy, Level.L2, PersonStatus.IN_SERVICE, totals,
                Money.of("10.00"), used, Coverage.POOLED));
    }
}
