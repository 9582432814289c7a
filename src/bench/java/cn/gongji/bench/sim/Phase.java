package cn.gongji.bench.sim;

import java.time.Duration;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One measured phase at a given concurrency: closed loop (N clients, each starts its next visit when
 * the last ended) or open loop (visits started on a fixed schedule, at most N in flight). Always
 * bounded: it stops at the deadline or after the visit count, and waits at most 35 s for stragglers.
 */
final class Phase {

    /** What a phase measured: stats and the elapsed wall time of the visits. */
    record Result(int clients, double offeredRate, double elapsedSeconds, Stats stats, boolean poolExhausted) {}

    private final SimOptions o;
    private final VisitPlayer player;
    private final Queue<Visits.Open> prepared; // settle flow only

    Phase(SimOptions o, VisitPlayer player, Queue<Visits.Open> prepared) {
        this.o = o;
        this.player = player;
        this.prepared = prepared;
    }

    Result run(int clients, int index) {
        Stats stats = new Stats();
        long start = System.nanoTime();
        long deadline = o.duration() == null ? Long.MAX_VALUE : start + o.duration().toNanos();
        var exhausted = new java.util.concurrent.atomic.AtomicBoolean();
        String label = "c=" + clients + (o.rate() > 0 ? " rate=" + (long) o.rate() + "/s" : "");
        long[] last = {0, start};
        try (var progress = Progress.every(1, () -> line(label, stats, start, last));
                ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            if (o.rate() > 0) {
                openLoop(ex, clients, stats, start, deadline, exhausted, index);
            } else {
                for (int w = 0; w < clients; w++) {
                    Random r = new Random(o.seed() * 1_000_003L + index * 7919L + w);
                    ex.submit(() -> closedLoop(r, stats, deadline, exhausted));
                }
            }
            ex.shutdown();
            long grace = Math.max(0, deadline - System.nanoTime()) + Duration.ofSeconds(35).toNanos();
            if (!ex.awaitTermination(Math.min(grace, Duration.ofHours(2).toNanos()), TimeUnit.NANOSECONDS)) {
                System.out.println("  stragglers still running after the grace period: abandoned");
                ex.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Result(clients, o.rate(), elapsed, stats, exhausted.get());
    }

    private void closedLoop(Random r, Stats stats, long deadline, java.util.concurrent.atomic.AtomicBoolean exhausted) {
        while (System.nanoTime() < deadline && ticket(stats)) {
            if (!visit(r, stats, System.nanoTime(), exhausted)) {
                return;
            }
        }
    }

    private void openLoop(ExecutorService ex, int clients, Stats stats, long start, long deadline,
            java.util.concurrent.atomic.AtomicBoolean exhausted, int index) {
        Semaphore inFlight = new Semaphore(clients);
        double interval = 1e9 / o.rate();
        Random seeds = new Random(o.seed() * 1_000_003L + index * 7919L);
        for (long k = 0; !exhausted.get(); k++) {
            long due = start + (long) (k * interval);
            if (due >= deadline || !ticket(stats)) {
                return;
            }
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.acquireUninterruptibly(); // a full house delays the start; latency still counts from due
            Random r = new Random(seeds.nextLong());
            ex.submit(() -> {
                try {
                    visit(r, stats, due, exhausted);
                } finally {
                    inFlight.release();
                }
            });
        }
    }

    /** One visit (or one 2207 of a prepared visit); false when the prepared pool ran dry. */
    private boolean visit(Random r, Stats stats, long scheduled, java.util.concurrent.atomic.AtomicBoolean exhausted) {
        boolean ok;
        try {
            if (prepared != null) {
                Visits.Open v = prepared.poll();
                if (v == null) {
                    exhausted.set(true);
                    return false;
                }
                ok = player.settlePrepared(stats, v, scheduled);
            } else {
                ok = player.play(r, stats, scheduled);
            }
        } catch (RuntimeException e) { // a bug or an unreadable answer: count it, keep going
            ok = false;
            stats.record("????", new HisClient.Answer(0, null, null, null, 0, e.toString()), 0);
        }
        stats.recordVisit((System.nanoTime() - scheduled) / 1000);
        stats.visitsDone.increment();
        if (!ok) {
            stats.visitsFailed.increment();
        }
        return true;
    }

    private boolean ticket(Stats stats) {
        return o.visits() <= 0 || stats.visitsStarted.incrementAndGet() <= o.visits();
    }

    private static void line(String label, Stats s, long start, long[] last) {
        long now = System.nanoTime();
        long done = s.visitsDone();
        double rate = (done - last[0]) / ((now - last[1]) / 1e9);
        last[0] = done;
        last[1] = now;
        var recent = s.takeRecentVisits();
        System.out.printf("  [%s] %5.1fs  visits %,9d  %,8.0f/s  p99 %,7.1f ms  max %,7.1f ms  errors %,d%n", label,
                (now - start) / 1e9, done, rate, recent.getValueAtPercentile(99) / 1000.0, recent.getMaxValue() / 1000.0,
                s.errorCount());
    }
}
