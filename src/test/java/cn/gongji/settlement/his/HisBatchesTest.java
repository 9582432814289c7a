package cn.gongji.settlement.his;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.settlement.Institution;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.json.JsonMapper;

/**
 * The batch queue shared by settlement and upload batches ({@link HisBatches}), without a database:
 * what goes one by one, how queued messages are grouped (one per exclusive key, one per unique key,
 * one per msgid), and that whatever a batch hands back, or a failed batch, is handled one by one.
 */
class HisBatchesTest {

    private static final Institution INST = new Institution("H41130200001", "test", "hospital", null, "411302", null, "s", true);

    /** Messages keyed "exclusive/unique"; a key starting with "back" is handed back; run() waits at the gate the first time. */
    private static final class Recorder extends HisBatches<String> {
        final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch gate = new CountDownLatch(1);
        final CountDownLatch firstRunning = new CountDownLatch(1);
        volatile boolean fail;

        Recorder(Map<String, String> settings) {
            super("test messages", "test.batch", "test.batch", env(settings), new SimpleMeterRegistry());
        }

        @Override
        protected String batchable(HisCall call) {
            return call.input().node().path("key").asString();
        }

        @Override
        protected String exclusive(String key) {
            return key.substring(0, key.indexOf('/'));
        }

        @Override
        protected String unique(String key) {
            return key.substring(key.indexOf('/') + 1);
        }

        @Override
        protected List<Optional<byte[]>> run(List<Item<String>> batch) {
            batches.add(batch.stream().map(Item::request).toList());
            firstRunning.countDown();
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (fail) {
                throw new IllegalStateException("the batch failed");
            }
            return batch.stream().map(it -> it.request().startsWith("back") ? Optional.<byte[]>empty()
                    : Optional.of(("batched " + it.request()).getBytes(StandardCharsets.UTF_8))).toList();
        }
    }

    private static MockEnvironment env(Map<String, String> settings) {
        MockEnvironment env = new MockEnvironment();
        settings.forEach(env::setProperty);
        return env;
    }

    private static final AtomicInteger MSG = new AtomicInteger();

    private static HisCall call(String key) {
        String msgid = String.format("H41130200001202611291200%06d", MSG.incrementAndGet());
        var input = JsonMapper.builder().build().createObjectNode().put("key", key);
        Envelope env = new Envelope("9999", msgid, INST.code(), null, null, null, "v1", LocalDateTime.now(), "1", "o", "n", null,
                Fields.of(input, "input"));
        return new HisCall(env, INST, Instant.now(), new AnswerSlot(env, true, out -> new byte[0]));
    }

    private static String oneByOne(String key) {
        return "one by one " + key;
    }

    private Recorder batches;
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() {
        pool.shutdownNow();
        if (batches != null) {
            batches.gate.countDown();
            batches.destroy();
        }
    }

    private Future<String> send(String key) {
        return pool.submit(() -> new String(batches.handle(call(key), () -> oneByOne(key).getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8));
    }

    private void awaitQueued(int n) throws InterruptedException {
        for (int i = 0; i < 200 && batches.queued() < n; i++) {
            Thread.sleep(10);
        }
        assertThat(batches.queued()).isEqualTo(n);
    }

    @Test
    void while_nothing_is_queued_a_message_is_handled_on_its_own_thread() throws Exception {
        batches = new Recorder(Map.of());
        assertThat(send("P1/V1").get(10, TimeUnit.SECONDS)).isEqualTo("one by one P1/V1");
        assertThat(batches.batches).isEmpty();
    }

    @Test
    void queued_messages_form_batches_of_one_message_per_exclusive_and_per_unique_key() throws Exception {
        batches = new Recorder(Map.of("test.batch.one-by-one-limit", "0", "test.batch.workers", "1"));
        Future<String> first = send("P1/V1");
        assertThat(batches.firstRunning.await(10, TimeUnit.SECONDS)).isTrue();
        List<String> keys = List.of("P2/V2", "P3/V3", "P2/V4", "P4/V2");
        List<Future<String>> later = new ArrayList<>();
        for (String k : keys) {   // queued in this order while the first batch runs
            later.add(send(k));
            awaitQueued(later.size());
        }
        batches.gate.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("batched P1/V1");
        for (int k = 0; k < keys.size(); k++) {
            assertThat(later.get(k).get(10, TimeUnit.SECONDS)).isEqualTo("batched " + keys.get(k));
        }
        // P2/V4 waits for P2's batch to end (exclusive key), P4/V2 is not batched with P2/V2 (unique key)
        assertThat(batches.batches).containsExactly(List.of("P1/V1"), List.of("P2/V2", "P3/V3"), List.of("P2/V4", "P4/V2"));
    }

    @Test
    void what_a_batch_hands_back_and_every_message_of_a_failed_batch_are_handled_one_by_one() throws Exception {
        batches = new Recorder(Map.of("test.batch.one-by-one-limit", "0", "test.batch.workers", "1"));
        batches.gate.countDown();
        assertThat(send("back1/V1").get(10, TimeUnit.SECONDS)).isEqualTo("one by one back1/V1");
        assertThat(send("P1/V2").get(10, TimeUnit.SECONDS)).isEqualTo("batched P1/V2");
        batches.fail = true;
        assertThat(send("P2/V3").get(10, TimeUnit.SECONDS)).isEqualTo("one by one P2/V3");
        assertThat(batches.batches).hasSize(3);
    }

    @Test
    void without_batches_every_message_is_handled_one_by_one() throws Exception {
        batches = new Recorder(Map.of("test.batch.enabled", "false", "test.batch.one-by-one-limit", "0"));
        assertThat(batches.enabled()).isFalse();
        assertThat(send("P1/V1").get(10, TimeUnit.SECONDS)).isEqualTo("one by one P1/V1");
        assertThat(batches.batches).isEmpty();
    }
}
