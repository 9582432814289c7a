package cn.gongji.bench.sim;

import cn.gongji.bench.sim.Population.Person;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The end-of-run check: for a sample of persons (all hot persons and up to 200 others), the year's
 * outpatient_pool_paid from GET /api/admin/persons/{psn_no}/accumulators must have grown by exactly
 * the fund pay the generator saw answered (Ledger). Baselines are read before the run, so a reused
 * population with earlier settlements is compared correctly.
 */
public final class Verifier {

    /** The outcome: how many compared, the mismatches, and why anything was skipped. */
    public record Outcome(int compared, int uncertain, List<String> mismatches, String skipped) {}

    private final AgencyClient agency;
    private final int year = LocalDate.now(HisClient.ZONE).getYear();
    private final Map<String, BigDecimal> baseline = new LinkedHashMap<>();
    private String skipped;

    public Verifier(AgencyClient agency) {
        this.agency = agency;
    }

    /** Reads the baselines; psnNoOf answers a psn_no for a person imported without one (1101). */
    public void before(Population pop, int hot, long seed, java.util.function.Function<Person, String> psnNoOf) {
        List<Person> sample = new ArrayList<>(pop.persons().subList(0, Math.min(hot, pop.persons().size())));
        Random r = new Random(seed ^ 0xC0FFEEL);
        int others = Math.min(200, pop.persons().size() - sample.size());
        for (int i = 0; i < others; i++) {
            sample.add(pop.persons().get(hot + r.nextInt(pop.persons().size() - hot)));
        }
        for (Person p : sample) {
            String psn = p.psnNo() != null ? p.psnNo() : psnNoOf.apply(p);
            if (psn == null || baseline.containsKey(psn)) {
                continue;
            }
            BigDecimal paid = paid(psn);
            if (paid == null) {
                return;
            }
            baseline.put(psn, paid);
        }
    }

    public Outcome after(Ledger ledger) {
        if (skipped != null) {
            return new Outcome(0, 0, List.of(), skipped);
        }
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        int uncertain = 0;
        for (var e : baseline.entrySet()) {
            if (ledger.isUncertain(e.getKey())) {
                uncertain++;
                continue;
            }
            BigDecimal now = paid(e.getKey());
            if (now == null) {
                return new Outcome(compared, uncertain, mismatches, skipped);
            }
            compared++;
            BigDecimal expected = e.getValue().add(ledger.paid(e.getKey()));
            if (now.compareTo(expected) != 0) {
                mismatches.add(e.getKey() + ": outpatient_pool_paid " + now + ", expected " + expected
                        + " (before " + e.getValue() + " + seen " + ledger.paid(e.getKey()) + ")");
            }
        }
        return new Outcome(compared, uncertain, mismatches, null);
    }

    private BigDecimal paid(String psnNo) {
        var reply = agency.get("/api/admin/persons/" + psnNo + "/accumulators?year=" + year);
        BigDecimal paid = reply.ok() ? Amounts.of(reply.body().path("outpatient_pool_paid")) : null;
        if (paid == null) {
            skipped = "accumulators unavailable for " + psnNo + ": " + reply.describe();
        }
        return paid;
    }
}
