package cn.gongji.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Micrometer timer {@code gongji.his} per (infno, infcode): its count is the request count (rate =
 * settlements/s for infno 2207 infcode 0), its histogram the latency, and infcode -1/-2 the errors.
 * Prometheus: {@code gongji_his_seconds_count}, {@code _sum}, {@code _bucket}. Only known transaction
 * codes become tags (others: "other"), so hostile input cannot create series without end.
 */
@Component
public class HisMetrics {

    private static final Duration[] SLO = {Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500)};

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> retries = new ConcurrentHashMap<>();

    public HisMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Counter {@code gongji.his.retries} per infno: a message's transaction that PostgreSQL chose as a
     * deadlock's victim (or failed to serialize), rolled back and run again ({@code HisProcessor}).
     * Prometheus: {@code gongji_his_retries_total}.
     */
    public void retried(String infno) {
        retries.computeIfAbsent(infno, k -> Counter.builder("gongji.his.retries")
                .description("HIS messages whose transaction was rolled back by a deadlock and run again")
                .tag("infno", infno).register(registry)).increment();
    }

    /** @param infno a known transaction code, "other" or "none" (unreadable message) */
    public void record(String infno, int infcode, long nanos) {
        timers.computeIfAbsent(infno + '/' + infcode, k -> Timer.builder("gongji.his")
                .description("HIS protocol messages by transaction code and answer code")
                .tag("infno", infno).tag("infcode", Integer.toString(infcode))
                .serviceLevelObjectives(SLO)
                .register(registry))
                .record(Duration.ofNanos(nanos));
    }
}
