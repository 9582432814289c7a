package cn.gongji.bench.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** What one phase saw: latency histograms per infno (µs), counts, and errors by infno and infcode. */
public final class Stats {

    private static final long MAX_MICROS = 120_000_000L;

    /** Latencies and success/error counts of one transaction code. */
    public static final class PerInfno {
        final Histogram latency = new ConcurrentHistogram(MAX_MICROS, 3);
        final LongAdder ok = new LongAdder();
        final LongAdder failed = new LongAdder();

        public Histogram latency() {
            return latency;
        }

        public long ok() {
            return ok.sum();
        }

        public long failed() {
            return failed.sum();
        }
    }

    /** Errors of one (infno, code): a count and the first few messages. */
    public static final class ErrorKind {
        final LongAdder count = new LongAdder();
        final List<String> samples = new ArrayList<>();

        public long count() {
            return count.sum();
        }

        public synchronized List<String> samples() {
            return List.copyOf(samples);
        }

        synchronized void sample(String msg) {
            // messages that differ only in numbers (timestamps, ids) count as the same message
            if (samples.size() < 3 && msg != null
                    && samples.stream().noneMatch(x -> x.replaceAll("\\d", "").equals(msg.replaceAll("\\d", "")))) {
                samples.add(msg);
            }
        }
    }

    private final Map<String, PerInfno> byInfno = new ConcurrentHashMap<>();
    private final Map<String, ErrorKind> errors = new ConcurrentHashMap<>();
    final AtomicLong visitsStarted = new AtomicLong();
    final LongAdder visitsDone = new LongAdder();
    final LongAdder visitsFailed = new LongAdder();
    final LongAdder errorCount = new LongAdder();
    final LongAdder unsupported = new LongAdder();
    final Histogram visitLatency = new ConcurrentHistogram(MAX_MICROS, 3);
    /** The visit latencies since the last progress line (so a stall shows in the second it happened). */
    private final Recorder recentVisitLatency = new Recorder(MAX_MICROS, 3);
    private Histogram recycled;

    /** Records one visit's latency (µs), in the phase's histogram and in the progress line's. */
    void recordVisit(long micros) {
        long v = Math.min(Math.max(micros, 0), MAX_MICROS);
        visitLatency.recordValue(v);
        recentVisitLatency.recordValue(v);
    }

    /** The visit latencies recorded since the last call (one caller: the progress line). */
    synchronized Histogram takeRecentVisits() {
        Histogram h = recentVisitLatency.getIntervalHistogram(recycled);
        recycled = h;
        return h;
    }

    /** Records one answer; latencyMicros may include time queued behind the schedule (open loop). */
    void record(String infno, HisClient.Answer a, long latencyMicros) {
        PerInfno p = byInfno.computeIfAbsent(infno, k -> new PerInfno());
        p.latency.recordValue(Math.min(Math.max(latencyMicros, 0), MAX_MICROS));
        if (a.ok()) {
            p.ok.increment();
        } else {
            p.failed.increment();
            errorCount.increment();
            ErrorKind k = errors.computeIfAbsent(infno + " " + a.code(), x -> new ErrorKind());
            k.count.increment();
            k.sample(a.failure() != null ? a.failure() : a.errMsg());
        }
    }

    public Map<String, PerInfno> byInfno() {
        return new TreeMap<>(byInfno);
    }

    public Map<String, ErrorKind> errors() {
        return new TreeMap<>(errors);
    }

    public long visitsDone() {
        return visitsDone.sum();
    }

    public long visitsFailed() {
        return visitsFailed.sum();
    }

    public long errorCount() {
        return errorCount.sum();
    }

    public long unsupported() {
        return unsupported.sum();
    }

    public Histogram visitLatency() {
        return visitLatency;
    }
}
