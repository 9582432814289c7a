package cn.gongji.settlement.his;

import cn.gongji.store.Sharding;
import cn.gongji.store.TailCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;

/**
 * HIS messages of one kind that arrive together, handled in ONE database transaction (issue 9,
 * batching; docs/performance.md "Settlement batches"). While a batch runs, a request thread hands
 * its message to the queue and waits; a batch worker takes what is queued — one message per
 * {@link #exclusive} key (the person a 2207 settles, the visit a 2204 uploads to), none whose key
 * another batch holds, up to {@code max-size} — and handles them with one transaction, one commit.
 * Nothing waits for a batch to fill: while no batch runs, nothing is queued and fewer than
 * {@code one-by-one-limit} messages of the kind are being handled one by one, the request thread
 * handles its message itself, so a light load keeps the one-by-one latency and batches form as
 * soon as messages arrive faster than they are handled.
 *
 * <p>A batch answers each message with its stored answer, or "empty": a message the batch does not
 * take (anything but the plain case), a refusal, a batch that failed (it changed nothing). The
 * request thread then handles an "empty" message one by one ({@link HisProcessor}), which gives it
 * exactly the answer it would have had without batching.
 *
 * @param <R> what a message asks, read and checked before it is queued
 */
abstract class HisBatches<R> implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(HisBatches.class);

    /** A queued message: its call, what it asks, the hash of its body, and where its answer goes. */
    protected record Item<R>(HisCall call, R request, String hash, CompletableFuture<Optional<byte[]>> answer) {
        String message() {
            return call.inst().code() + '\u0000' + call.msgid();
        }
    }

    private final String what;
    private final boolean enabled;
    private final int maxSize;
    private final int oneByOneLimit;
    private final LinkedBlockingDeque<Item<R>> queue = new LinkedBlockingDeque<>();
    private final List<Thread> workers = new ArrayList<>();
    /** The exclusive keys of the batches being handled now. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    /** Request threads handling their message one by one because nothing else was being handled. */
    private final AtomicInteger direct = new AtomicInteger();
    /** Workers handling a batch now. */
    private final AtomicInteger busy = new AtomicInteger();
    /** Batches finished so far: a worker that found only keys in flight waits for the next one. */
    private final AtomicLong finished = new AtomicLong();
    private final DistributionSummary sizes;
    private final Counter handedBack;
    private volatile boolean closed;

    /**
     * @param what        the messages, for the log ("2207 settlements")
     * @param prefix      the settings' prefix: {@code <prefix>.enabled}, {@code .max-size},
     *                    {@code .workers}, {@code .one-by-one-limit}
     * @param metric      the meters' prefix: {@code <metric>.size}, {@code <metric>.one-by-one}
     */
    HisBatches(String what, String prefix, String metric, Environment env, MeterRegistry registry) {
        this.what = what;
        // sharded deployments handle messages one by one: a batch's statements name many persons,
        // which ShardingSphere would send to every node (docs/scale-out.md)
        this.enabled = env.getProperty(prefix + ".enabled", Boolean.class, !Sharding.sharded(env));
        this.maxSize = env.getProperty(prefix + ".max-size", Integer.class, 32);
        int workerCount = env.getProperty(prefix + ".workers", Integer.class, 2);
        this.oneByOneLimit = env.getProperty(prefix + ".one-by-one-limit", Integer.class, 4);
        if (maxSize < 1 || workerCount < 1) {
            throw new IllegalArgumentException(prefix + ".max-size and .workers must be at least 1");
        }
        this.sizes = DistributionSummary.builder(metric + ".size")
                .description(what + " per batch transaction").register(registry);
        this.handedBack = Counter.builder(metric + ".one-by-one")
                .description(what + " a batch handed back to be handled one by one").register(registry);
        if (enabled) {
            for (int k = 0; k < workerCount; k++) {
                Thread t = Thread.ofPlatform().name(metric.replace('.', '-') + "-" + k).daemon().unstarted(this::work);
                workers.add(t);
                t.start();
            }
            log.info("{} are batched: {} workers, up to {} per transaction", what, workerCount, maxSize);
        }
    }

    public boolean enabled() {
        return enabled && !closed;
    }

    /** Messages waiting for a batch (tests). */
    int queued() {
        return queue.size();
    }

    /** What the message asks, when a batch may take it; null (or a refusal thrown) sends it one by one. */
    protected abstract R batchable(HisCall call);

    /** The key a batch holds while it runs (its lock): one message per key in a batch, none another batch holds. */
    protected abstract String exclusive(R request);

    /** What a batch holds at most one message of (besides one per exclusive key and per msgid): the exclusive key. */
    protected String unique(R request) {
        return exclusive(request);
    }

    /** Handles a batch in ONE transaction; answers, in order, each message's stored answer or empty. */
    protected abstract List<Optional<byte[]>> run(List<Item<R>> batch);

    /**
     * The answers of a batch's messages as its write renders them: the write {@link #keep keeps} the
     * k-th message's answer when it makes the row that stores it, and what it hands back has none.
     */
    protected static final class Rendered {
        private final String[] texts;

        private Rendered(int size) {
            texts = new String[size];
        }

        /** Keeps the k-th message's answer, and returns it (to be stored with its effect). */
        public String keep(int k, String answer) {
            texts[k] = answer;
            return answer;
        }

        /** In order, the kept answer of each message whose outcome is present; empty for the others. */
        private List<Optional<byte[]>> of(List<? extends Optional<?>> outcomes) {
            List<Optional<byte[]>> answers = new ArrayList<>(outcomes.size());
            for (int k = 0; k < outcomes.size(); k++) {
                answers.add(outcomes.get(k).isPresent() ? Optional.of(texts[k].getBytes(StandardCharsets.UTF_8)) : Optional.empty());
            }
            return answers;
        }
    }

    /**
     * The frame of every {@link #run}: ONE transaction, begun by {@link TailCommit#inTransaction} so
     * that the write's last statement commits it; {@code write} stores the batch, keeping each answer
     * it stores, and returns each message's outcome (empty: handed back). A failure rolls it all back.
     */
    protected static List<Optional<byte[]>> inOneTransaction(TailCommit tail, int size,
            Function<Rendered, List<? extends Optional<?>>> write) {
        return tail.inTransaction(status -> {
            Rendered rendered = new Rendered(size);
            return rendered.of(write.apply(rendered));
        });
    }

    /**
     * Handles the message in a batch and returns its answer (stored with its effect); or, when it
     * must be handled one by one (nothing was written for it then) or there is little to batch it
     * with, returns what {@code oneByOne} answers.
     */
    public byte[] handle(HisCall call, Supplier<byte[]> oneByOne) {
        if (!enabled()) {
            return oneByOne.get();
        }
        if (direct.incrementAndGet() <= oneByOneLimit && busy.get() == 0 && queue.isEmpty()) {
            // little else is being handled: one by one on this thread costs less than a small batch;
            // beyond the limit messages are queued, and batches form
            try {
                return oneByOne.get();
            } finally {
                direct.decrementAndGet();
            }
        }
        direct.decrementAndGet();
        R request;
        try {
            request = batchable(call);
        } catch (RuntimeException e) {
            return oneByOne.get();   // a refusal: its answer comes from the one-by-one path
        }
        if (request == null) {
            return oneByOne.get();
        }
        Item<R> item = new Item<>(call, request, call.answer().bodyHash(), new CompletableFuture<>());
        queue.add(item);
        if (closed && queue.remove(item)) {
            return oneByOne.get();
        }
        Optional<byte[]> answer = item.answer().join();
        if (answer.isPresent()) {
            return answer.get();
        }
        handedBack.increment();
        return oneByOne.get();
    }

    private void work() {
        while (!closed) {
            Item<R> first;
            try {
                first = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (first == null) {
                continue;
            }
            long finishedBefore = finished.get();
            List<Item<R>> batch = take(first);
            if (batch.isEmpty()) {
                awaitAnotherBatch(finishedBefore);   // only keys another batch holds are queued
                continue;
            }
            busy.incrementAndGet();
            try {
                List<Optional<byte[]>> answers = run(batch);
                for (int k = 0; k < batch.size(); k++) {
                    batch.get(k).answer().complete(answers.get(k));
                }
            } catch (RuntimeException | Error e) {
                log.warn("a batch of {} {} failed; they are handled one by one: {}", batch.size(), what, e.toString());
                log.debug("batch failure", e);
            } finally {
                batch.forEach(it -> it.answer().complete(Optional.empty()));
                batch.forEach(it -> inFlight.remove(exclusive(it.request())));
                busy.decrementAndGet();
                synchronized (finished) {
                    finished.incrementAndGet();
                    finished.notifyAll();
                }
            }
        }
        Item<R> left;
        while ((left = queue.poll()) != null) {
            left.answer().complete(Optional.empty());
        }
    }

    private void awaitAnotherBatch(long finishedBefore) {
        synchronized (finished) {
            while (finished.get() == finishedBefore && !closed) {
                try {
                    finished.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * What is queued now, up to max-size: one message per exclusive key, per {@link #unique} key and
     * per msgid, and none whose
     * key another worker's batch holds (that batch holds its lock until it commits). What is left
     * goes back to the front of the queue, in its order.
     */
    private List<Item<R>> take(Item<R> first) {
        List<Item<R>> batch = new ArrayList<>();
        Set<String> uniques = new HashSet<>();
        Set<String> msgs = new HashSet<>();
        List<Item<R>> later = new ArrayList<>();
        Item<R> it = first;
        do {
            if (!uniques.contains(unique(it.request())) && !msgs.contains(it.message())
                    && inFlight.add(exclusive(it.request()))) {
                uniques.add(unique(it.request()));
                msgs.add(it.message());
                batch.add(it);
            } else {
                later.add(it);
            }
        } while (batch.size() < maxSize && (it = queue.poll()) != null);
        Collections.reverse(later);
        later.forEach(queue::addFirst);
        if (!batch.isEmpty()) {
            sizes.record(batch.size());
        }
        return batch;
    }

    @Override
    public void destroy() {
        closed = true;
        workers.forEach(Thread::interrupt);
        Item<R> left;
        while ((left = queue.poll()) != null) {
            left.answer().complete(Optional.empty());
        }
    }
}
