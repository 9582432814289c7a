package cn.gongji.settlement.his;

import cn.gongji.settlement.SettleRequest;
import cn.gongji.settlement.Settler;
import cn.gongji.settlement.StoredAnswer;
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
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Settles 2207 messages that arrive together in ONE database transaction (issue 9, batching;
 * docs/performance.md "Settlement batches"). While a batch is being settled, a request thread hands
 * its 2207 to the queue and waits; a batch worker takes what is queued — one visit per person, no
 * person another batch is settling, up to {@code max-size} — and in one transaction locks them all,
 * reads their state in one statement, computes each settlement with the pure core, writes them and
 * stores every answer in his_message with one call, and commits once. Nothing waits for a batch to
 * fill, and while no batch is being settled, nothing is queued and fewer than
 * {@code one-by-one-limit} 2207s are being settled one by one, the request thread settles its message
 * one by one itself: a light load keeps the one-by-one latency, and batches form as soon as requests
 * arrive faster than they are settled.
 *
 * <p>Every guarantee of the one-by-one path holds: each answer is stored in the transaction of its
 * effect (exactly once per msgid), the annual limit is checked under the person's lock, and a batch
 * that fails in any way changes nothing. Anything but the plain case — a refusal, a retry, an
 * account payment, a batch that failed — answers "empty", and the request thread then settles that
 * message one by one ({@link HisProcessor}), which gives it exactly the answer it would have had
 * without batching.
 */
@Component
public class SettleBatches implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SettleBatches.class);

    private record Item(HisCall call, SettleRequest request, String hash, CompletableFuture<Optional<byte[]>> answer) {
        String person() {
            return request.psnNo();
        }

        String message() {
            return call.inst().code() + '\u0000' + call.msgid();
        }
    }

    private final SettleTx settleTx;
    private final Settler settler;
    private final HisReply reply;
    private final ObjectMapper json;
    private final TailCommit tail;
    private final boolean enabled;
    private final int maxSize;
    private final int oneByOneLimit;
    private final LinkedBlockingDeque<Item> queue = new LinkedBlockingDeque<>();
    private final List<Thread> workers = new ArrayList<>();
    /** Persons in the batches being settled now. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    /** Request threads settling one by one because nothing else was being settled. */
    private final AtomicInteger direct = new AtomicInteger();
    /** Workers settling a batch now. */
    private final AtomicInteger busy = new AtomicInteger();
    /** Batches finished so far: a worker that found only persons in flight waits for the next one. */
    private final AtomicLong finished = new AtomicLong();
    private final DistributionSummary sizes;
    private final Counter handedBack;
    private volatile boolean closed;

    public SettleBatches(SettleTx settleTx, Settler settler, HisReply reply, ObjectMapper json,
            TailCommit tail, Environment env, MeterRegistry registry) {
        this.settleTx = settleTx;
        this.settler = settler;
        this.reply = reply;
        this.json = json;
        this.tail = tail;
        // sharded deployments settle one by one: a batch's statements name many persons, which
        // ShardingSphere would send to every node (docs/scale-out.md)
        this.enabled = env.getProperty("gongji.settlement.batch.enabled", Boolean.class,
                !env.containsProperty("gongji.sharding.nodes"));
        this.maxSize = env.getProperty("gongji.settlement.batch.max-size", Integer.class, 32);
        int workerCount = env.getProperty("gongji.settlement.batch.workers", Integer.class, 2);
        this.oneByOneLimit = env.getProperty("gongji.settlement.batch.one-by-one-limit", Integer.class, 4);
        if (maxSize < 1 || workerCount < 1) {
            throw new IllegalArgumentException("gongji.settlement.batch.max-size and .workers must be at least 1");
        }
        this.sizes = DistributionSummary.builder("gongji.settlement.batch.size")
                .description("2207 settlements per batch transaction").register(registry);
        this.handedBack = Counter.builder("gongji.settlement.batch.one-by-one")
                .description("2207 messages a batch handed back to be settled one by one").register(registry);
        if (enabled) {
            for (int k = 0; k < workerCount; k++) {
                Thread t = Thread.ofPlatform().name("settle-batch-" + k).daemon().unstarted(this::work);
                workers.add(t);
                t.start();
            }
            log.info("2207 settlements are batched: {} workers, up to {} settlements per transaction", workerCount, maxSize);
        }
    }

    public boolean enabled() {
        return enabled && !closed;
    }

    /**
     * Settles the 2207 in a batch and returns its answer (stored with its effect); or, when it must be
     * settled one by one (nothing was written for it then) or there is little to batch it with,
     * returns what {@code oneByOne} answers.
     */
    public byte[] settle(HisCall call, Supplier<byte[]> oneByOne) {
        if (!enabled()) {
            return oneByOne.get();
        }
        if (direct.incrementAndGet() <= oneByOneLimit && busy.get() == 0 && queue.isEmpty()) {
            // little else is being settled: one by one on this thread costs less than a small batch;
            // beyond the limit requests are queued, and batches form
            try {
                return oneByOne.get();
            } finally {
                direct.decrementAndGet();
            }
        }
        direct.decrementAndGet();
        SettleRequest request;
        try {
            request = settleTx.settleRequest(call);
        } catch (RuntimeException e) {
            return oneByOne.get();   // a refusal: its answer comes from the one-by-one path
        }
        if (request.useAccount()) {
            return oneByOne.get();   // account payments are settled one by one (Settler.settleBatch)
        }
        Item item = new Item(call, request, call.answer().bodyHash(), new CompletableFuture<>());
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
            Item first;
            try {
                first = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (first == null) {
                continue;
            }
            long finishedBefore = finished.get();
            List<Item> batch = take(first);
            if (batch.isEmpty()) {
                awaitAnotherBatch(finishedBefore);   // only persons another batch is settling are queued
                continue;
            }
            busy.incrementAndGet();
            try {
                List<Optional<byte[]>> answers = run(batch);
                for (int k = 0; k < batch.size(); k++) {
                    batch.get(k).answer().complete(answers.get(k));
                }
            } catch (RuntimeException | Error e) {
                log.warn("a settlement batch of {} failed; its messages are settled one by one: {}", batch.size(), e.toString());
                log.debug("batch failure", e);
            } finally {
                batch.forEach(it -> it.answer().complete(Optional.empty()));
                batch.forEach(it -> inFlight.remove(it.person()));
                busy.decrementAndGet();
                synchronized (finished) {
                    finished.incrementAndGet();
                    finished.notifyAll();
                }
            }
        }
        Item left;
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
     * What is queued now, up to max-size: one visit per person and per message, and none of a person
     * another worker's batch is settling (that batch holds the person's lock until it commits). What
     * is left goes back to the front of the queue, in its order.
     */
    private List<Item> take(Item first) {
        List<Item> batch = new ArrayList<>();
        Set<String> visits = new HashSet<>();
        Set<String> msgs = new HashSet<>();
        List<Item> later = new ArrayList<>();
        Item it = first;
        do {
            if (!visits.contains(it.request().mdtrtId()) && !msgs.contains(it.message()) && inFlight.add(it.person())) {
                visits.add(it.request().mdtrtId());
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

    /**
     * One transaction: settle, answer, store the answers, and commit in the round trip of that last
     * statement ({@link TailCommit}); a failure rolls it all back (the caller answers empty).
     */
    private List<Optional<byte[]>> run(List<Item> batch) {
        return tail.inTransaction(status -> {
            String[] rendered = new String[batch.size()];
            List<Settler.BatchItem> items = new ArrayList<>(batch.size());
            for (int k = 0; k < batch.size(); k++) {
                Item it = batch.get(k);
                int at = k;
                items.add(new Settler.BatchItem(it.call().inst(), it.request(), it.call()::checkInsuredArea, o -> {
                    rendered[at] = json.writeValueAsString(reply.success(settleTx.output(it.call(), o), it.call().receivedAt()));
                    return new StoredAnswer(it.call().inst().code(), it.call().msgid(), "2207", it.hash(), it.request().psnNo(),
                            rendered[at]);
                }));
            }
            List<Optional<Settler.Outcome>> outcomes = settler.settleBatch(items);
            List<Optional<byte[]>> answers = new ArrayList<>(batch.size());
            for (int k = 0; k < batch.size(); k++) {
                int at = k;
                answers.add(outcomes.get(k).map(o -> rendered[at].getBytes(StandardCharsets.UTF_8)));
            }
            return answers;
        });
    }

    @Override
    public void destroy() {
        closed = true;
        workers.forEach(Thread::interrupt);
        Item left;
        while ((left = queue.poll()) != null) {
            left.answer().complete(Optional.empty());
        }
    }
}
