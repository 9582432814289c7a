package cn.gongji.bench.sim;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/** Runs the phases of one invocation (one per --clients entry) on one population. */
public final class Simulation {

    private final SimOptions o;
    private final Population pop;
    private final VisitPlayer player;

    public Simulation(SimOptions o, Population pop, HisClient his, JsonMapper json, Catalog catalog, Ledger ledger) {
        this.o = o;
        this.pop = pop;
        Visits visits = new Visits(json, catalog);
        LocalDateTime now = LocalDateTime.now(HisClient.ZONE);
        LocalDate first = o.careDays() > 0 ? now.toLocalDate().minusDays(o.careDays() - 1)
                : firstDayAccepted(new VisitPlayer(o, pop, his, visits, ledger, null), now);
        CareCalendar calendar = new CareCalendar(first, now, pop.persons().size(),
                CareCalendar.expectedPerPerson(plannedVisits(o), pop.persons().size()), o.seed());
        this.player = new VisitPlayer(o, pop, his, visits, ledger, calendar);
    }

    private static final java.util.regex.Pattern BACKDATE = java.util.regex.Pattern.compile("allowed backdate (P\\S+)");

    /**
     * 1 January, when the service registers care that old (a probe 2201, cancelled at once);
     * otherwise the first day of the backdate window the refusal names (a service on the default
     * P7D), so that `./gongji run` + simulate works as it is, on a week of care.
     */
    private static LocalDate firstDayAccepted(VisitPlayer probe, LocalDateTime now) {
        LocalDate jan1 = now.toLocalDate().withDayOfYear(1);
        LocalDateTime at = jan1.atTime(CareCalendar.OPENS);
        String refused = probe.probeRegistration(at.isBefore(now.minusMinutes(1)) ? at : now.minusMinutes(1));
        if (refused == null) {
            return jan1;
        }
        var m = BACKDATE.matcher(refused);
        if (!m.find()) {
            System.out.println("care calendar: a 2201 dated " + jan1 + " was refused (" + HisClient.abbreviate(refused)
                    + "); visits spread over the year all the same");
            return jan1;
        }
        int days;
        try {
            days = (int) Math.max(1, java.time.Duration.parse(m.group(1)).toHours() / 24);
        } catch (java.time.format.DateTimeParseException e) {
            return jan1;
        }
        LocalDate first = now.toLocalDate().minusDays(days - 1);
        System.out.printf("care calendar: the service registers care back to %d days only: visits spread over %s .. today"
                + " (start it with --gongji.settlement.max-backdate=P366D for the whole year)%n", days,
                first.isBefore(jan1) ? jan1 : first);
        return first.isBefore(jan1) ? jan1 : first;
    }

    /** Visits the run will make, as far as the options say (0: open-ended, bounded by a duration). */
    private static long plannedVisits(SimOptions o) {
        if (o.flow() == SimOptions.Flow.SETTLE) {
            return o.prepare();
        }
        return o.visits() > 0 ? o.visits() * o.clients().size() : 0;
    }

    /** The psn_no of a person (asked with 1101 when imported from a CSV without one). */
    public String psnNoOf(Population.Person p) {
        return player.psnNoOf(p);
    }

    public void run(Report report) {
        int phases = o.clients().size();
        Queue<Visits.Open> prepared = o.flow() == SimOptions.Flow.SETTLE ? prepare() : null;
        int share = prepared == null ? 0 : (prepared.size() + phases - 1) / phases;
        for (int i = 0; i < phases; i++) {
            Phase.Result r = new Phase(o, player, take(prepared, share)).run(o.clients().get(i), i);
            report.phase(r);
        }
    }

    /** Each phase gets its own equal part of the prepared visits, so an early phase cannot starve a later one. */
    private static Queue<Visits.Open> take(Queue<Visits.Open> pool, int n) {
        if (pool == null) {
            return null;
        }
        Queue<Visits.Open> part = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < n && !pool.isEmpty(); i++) {
            part.add(pool.poll());
        }
        return part;
    }

    /**
     * The settle flow's pool: visits registered (2201) with fees uploaded (2204) before the clock
     * starts, so the timed phases send nothing but 2207. Reported as its own table.
     */
    private Queue<Visits.Open> prepare() {
        int target = o.prepare();
        int workers = o.clients().stream().mapToInt(Integer::intValue).max().orElse(8);
        Queue<Visits.Open> pool = new ConcurrentLinkedQueue<>();
        Stats stats = new Stats();
        AtomicInteger claimed = new AtomicInteger();
        long t0 = System.nanoTime();
        System.out.printf("preparing %,d visits (2201 + 2204) with %d clients ...%n", target, workers);
        try (var progress = Progress.every(2, () -> System.out.printf("  prepared %,d / %,d  errors %,d%n",
                pool.size(), target, stats.errorCount()));
                ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < workers; w++) {
                Random r = new Random(o.seed() * 31 + w);
                ex.submit(() -> {
                    int failures = 0;
                    while (claimed.incrementAndGet() <= target && failures < 100) {
                        Institution h = pop.hospitals().get(r.nextInt(pop.hospitals().size()));
                        Visits.Open v = player.open(r, stats, h, player.personIndex(r));
                        if (v != null) {
                            pool.add(v);
                        } else {
                            failures++;
                        }
                    }
                });
            }
        }
        double t = (System.nanoTime() - t0) / 1e9;
        System.out.printf("prepared %,d visits in %.1f s (%,.0f/s); the table below is the preparation, not the measurement%n",
                pool.size(), t, pool.size() / t);
        Report.table(stats, t, null);
        if (pool.isEmpty()) {
            throw new SimulationException("no visit could be prepared (2201/2204 failed): " + stats.errors().keySet()
                    + " " + stats.errors().values().stream().flatMap(k -> k.samples().stream()).limit(3).toList());
        }
        return pool;
    }
}
