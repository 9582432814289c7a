package cn.gongji.bench;

import cn.gongji.bench.sim.AgencyClient;
import cn.gongji.bench.sim.Catalog;
import cn.gongji.bench.sim.HisClient;
import cn.gongji.bench.sim.LoopbackHttp;
import cn.gongji.bench.sim.Ledger;
import cn.gongji.bench.sim.Population;
import cn.gongji.bench.sim.PersonsCsv;
import cn.gongji.bench.sim.PopulationSetup;
import cn.gongji.bench.sim.Report;
import cn.gongji.bench.sim.SimOptions;
import cn.gongji.bench.sim.SimulationException;
import cn.gongji.bench.sim.Simulation;
import cn.gongji.bench.sim.Verifier;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executors;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./gongji simulate}: plays hospitals and pharmacies against a running Gongji over loopback
 * HTTP through the signed HIS protocol, and prints throughput and latency per transaction code.
 * See docs/performance.md; smoke test: {@code ./gongji simulate --visits 20 --clients 2}.
 */
public final class LoadGenerator {

    private LoadGenerator() {}

    public static void main(String[] args) {
        SimOptions o;
        try {
            o = SimOptions.parse(args);
        } catch (SimOptions.UsageException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("simulate: " + e.getMessage());
            }
            System.err.print(SimOptions.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        try {
            System.exit(run(o));
        } catch (SimulationException e) {
            System.err.println("simulate: " + e.getMessage());
            System.exit(1);
        }
    }

    static int run(SimOptions o) {
        JsonMapper json = JsonMapper.builder().build();
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        String area = "411302";
        AgencyClient agency = new AgencyClient(http, o.url(), json, o.adminToken());
        Catalog catalog = new Catalog(json, o.seed());
        if (o.personsCsv() != null && !java.nio.file.Files.exists(o.personsCsv())) {
            PersonsCsv.write(o.personsCsv(), o.persons(), o.seed(), area);
            System.out.printf("wrote %,d persons to %s; import them (stop the service first when it runs on the embedded"
                    + " store):%n  ./gongji import persons %s%nthen run this command again.%n", o.persons(),
                    o.personsCsv(), o.personsCsv());
            return 0;
        }
        long t0 = System.nanoTime();
        Population pop = new PopulationSetup(agency, json, area).prepare(o, catalog);
        System.out.printf("population ready in %.1f s: %d hospitals, %d pharmacies, %,d persons (%d hot)%n",
                (System.nanoTime() - t0) / 1e9, pop.hospitals().size(), pop.pharmacies().size(), pop.persons().size(),
                o.hotPersons());
        Ledger ledger = new Ledger();
        LoopbackHttp his = new LoopbackHttp(o.url(), 35_000);
        Simulation sim = new Simulation(o, pop, new HisClient(his, json, area), json, catalog, ledger);
        Verifier verifier = o.verify() ? new Verifier(agency) : null;
        if (verifier != null) {
            verifier.before(pop, o.hotPersons(), o.seed(), sim::psnNoOf);
        }
        Report report = new Report(json, o);
        sim.run(report);
        int exit = 0;
        if (verifier != null) {
            Verifier.Outcome v = verifier.after(ledger);
            report.verify(v);
            exit = v.mismatches().isEmpty() ? 0 : 3;
        }
        Path out = o.out() != null ? o.out() : Path.of("target", "simulate-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
        System.out.println("summary written to " + report.write(out));
        return exit;
    }
}
