package cn.gongji.bench.sim;

import java.nio.file.Files;
import java.nio.file.Path;

import org.HdrHistogram.Histogram;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The summary: a table per phase on stdout, and everything as JSON for docs/performance.md. */
public final class Report {

    private final JsonMapper json;
    private final ObjectNode root;
    private final ArrayNode phases;

    public Report(JsonMapper json, SimOptions o) {
        this.json = json;
        this.root = json.createObjectNode();
        root.put("command", "./gongji simulate " + String.join(" ", o.commandLine().stream().map(a -> a.startsWith("--admin-token") || a.equals(o.adminToken()) ? "***" : a).toList()));
        root.put("flow", o.flow().name().toLowerCase(java.util.Locale.ROOT));
        root.put("seed", o.seed());
        root.put("persons", o.persons());
        root.put("institutions", o.institutions());
        root.put("pharmacies", o.pharmacies());
        root.put("lines", o.minLines() + "-" + o.maxLines());
        root.put("offered_rate", o.rate());
        this.phases = root.putArray("phases");
    }

    public ObjectNode root() {
        return root;
    }

    public void phase(Phase.Result r) {
        Stats s = r.stats();
        double t = r.elapsedSeconds();
        String loop = r.offeredRate() > 0 ? "open loop, offered " + (long) r.offeredRate() + "/s" : "closed loop";
        System.out.printf("%n== %d clients, %s: %.1f s, %,d visits (%,.1f/s), %,d failed%s%n", r.clients(), loop, t,
                s.visitsDone(), s.visitsDone() / t, s.visitsFailed(), r.poolExhausted() ? ", prepared visits ran out" : "");
        ObjectNode p = phases.addObject();
        p.put("clients", r.clients());
        p.put("offered_rate", r.offeredRate());
        p.put("elapsed_s", round(t));
        p.put("visits", s.visitsDone());
        p.put("visits_failed", s.visitsFailed());
        p.put("visits_per_s", round(s.visitsDone() / t));
        p.put("pool_exhausted", r.poolExhausted());
        p.put("unsupported", s.unsupported());
        table(s, t, p);
    }

    /** Prints the per-infno table and the errors; also into {@code p} when it is not null. */
    static void table(Stats s, double t, ObjectNode p) {
        System.out.printf("%-6s %10s %8s %10s %9s %9s %9s %9s%n", "infno", "ok", "failed", "tx/s", "p50 ms", "p95 ms",
                "p99 ms", "max ms");
        ObjectNode per = p == null ? null : p.putObject("infno");
        for (var e : s.byInfno().entrySet()) {
            var v = e.getValue();
            row(e.getKey(), v.ok(), v.failed(), t, v.latency(), per == null ? null : per.putObject(e.getKey()));
        }
        if (p != null) {
            row("visit", s.visitsDone() - s.visitsFailed(), s.visitsFailed(), t, s.visitLatency(), p.putObject("visit"));
        }
        ArrayNode errs = p == null ? null : p.putArray("errors");
        if (!s.errors().isEmpty()) {
            System.out.println("errors by infno and infcode (first messages):");
        }
        for (var e : s.errors().entrySet()) {
            System.out.printf("  %-12s %,8d  %s%n", e.getKey(), e.getValue().count(), e.getValue().samples());
            if (errs != null) {
                ObjectNode x = errs.addObject();
                x.put("key", e.getKey());
                x.put("count", e.getValue().count());
                ArrayNode m = x.putArray("first_messages");
                e.getValue().samples().forEach(m::add);
            }
        }
        if (s.unsupported() > 0) {
            System.out.printf("pharmacy sales unsupported by this server (unknown infno): %,d answers; not tried again%n",
                    s.unsupported());
        }
    }

    private static void row(String name, long ok, long failed, double t, Histogram h, ObjectNode out) {
        double tps = (ok + failed) / t;
        System.out.printf("%-6s %,10d %,8d %,10.1f %9.2f %9.2f %9.2f %9.2f%n", name, ok, failed, tps, ms(h, 50),
                ms(h, 95), ms(h, 99), h.getMaxValue() / 1000.0);
        if (out == null) {
            return;
        }
        out.put("ok", ok);
        out.put("failed", failed);
        out.put("per_s", round(tps));
        out.put("p50_ms", ms(h, 50));
        out.put("p95_ms", ms(h, 95));
        out.put("p99_ms", ms(h, 99));
        out.put("max_ms", h.getMaxValue() / 1000.0);
    }

    public void verify(Verifier.Outcome v) {
        ObjectNode n = root.putObject("verify");
        if (v.skipped() != null) {
            System.out.println("\nverify: skipped (" + v.skipped() + ")");
            n.put("skipped", v.skipped());
            return;
        }
        System.out.printf("%nverify: %d persons compared, %d uncertain (unknown outcome, left out), %d mismatches%n",
                v.compared(), v.uncertain(), v.mismatches().size());
        v.mismatches().stream().limit(20).forEach(m -> System.out.println("  MISMATCH " + m));
        n.put("compared", v.compared());
        n.put("uncertain", v.uncertain());
        ArrayNode m = n.putArray("mismatches");
        v.mismatches().forEach(m::add);
    }

    public Path write(Path out) {
        try {
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            json.writerWithDefaultPrettyPrinter().writeValue(out, root);
        } catch (java.io.IOException | RuntimeException e) {
            throw new SimulationException("cannot write " + out + ": " + e);
        }
        return out;
    }

    private static double ms(Histogram h, double pct) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(pct) / 1000.0;
    }

    private static double round(double d) {
        return Math.round(d * 10) / 10.0;
    }

}
