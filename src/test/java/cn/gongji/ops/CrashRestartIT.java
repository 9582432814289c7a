package cn.gongji.ops;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.support.HisClient;
import cn.gongji.support.Invariants;
import cn.gongji.support.RefData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * ARCHITECTURE.md invariant 6: nothing acknowledged is lost. The service runs as its own process;
 * signed HIS traffic (settlements from personal accounts and, in batches, in cash; some cancelled) flows from several
 * threads while the service is killed with SIGKILL and restarted on the same store, several times.
 * Afterwards every answered settlement and cancel is in the database exactly once, no visit has two
 * settlements, and the accumulators and balances equal the sums of their rows. The sharded deployment
 * runs the same test in {@code ShardedCrashRestartIT} (src/sharding/test, {@code -Psharding}).
 *
 * <p>Embedded store: the PostgreSQL child outlives the kill; the restarts meet (1) that orphan still
 * running, (2) a pid file whose server was killed too, (3) a pid file naming a live process that is
 * not PostgreSQL (a reused pid). With {@code GONGJI_TEST_DB_URL} set, the service is started on that
 * external PostgreSQL and only the service is killed. {@code -Dgongji.crash.cycles=N} for a longer run.
 */
class CrashRestartIT {

    static final int CYCLES = Integer.getInteger("gongji.crash.cycles", 3);
    static final Duration READY = Duration.ofSeconds(90);

    @Test
    void settlements_answered_before_repeated_sigkills_are_all_there_exactly_once(@TempDir Path dir) throws Exception {
        String url = System.getenv("GONGJI_TEST_DB_URL");
        boolean external = url != null && !url.isBlank();
        String user = System.getenv().getOrDefault("GONGJI_TEST_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("GONGJI_TEST_DB_PASSWORD", "");
        ServiceProcess service = external ? ServiceProcess.external(dir, url, user, password) : ServiceProcess.embedded(dir);
        long t0 = System.nanoTime();
        try {
            service.start(READY);
            JdbcClient db = JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(),
                    external ? url : service.embeddedJdbcUrl(), external ? user : "postgres", external ? password : ""));
            crashAndVerify(service, db, List.of(db), external ? "external PostgreSQL" : "embedded store",
                    cycle -> external ? "service" : embeddedAftermath(service, cycle), t0);
        } finally {
            service.stop();
            service.stopOrphans();
        }
    }

    /** What one kill left behind, arranged by the store kind, named for the summary line. */
    interface Aftermath {
        String arrange(int cycle) throws Exception;
    }

    /**
     * The test itself, for every store kind: reference data through {@code db}, signed traffic,
     * {@link #CYCLES} SIGKILLs each followed by {@code aftermath} and a restart, then every answered
     * settlement and cancel must be in {@code db} exactly once and {@link Invariants} hold there.
     */
    static void crashAndVerify(ServiceProcess service, JdbcClient db, List<JdbcClient> nodes, String store,
            Aftermath aftermath, long t0)
            throws Exception {
        RefData ref = new RefData(db);
        List<HisClient> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            RefData.Inst inst = ref.hospital("L" + (1 + i % 3));
            clients.add(new HisClient(service.baseUrl(), inst.code(), inst.secret()));
        }
        List<String> persons = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String psn = ref.person(i % 3 == 0 ? "retired" : "in_service");
            ref.credit(psn, "300.00");
            persons.add(psn);
        }
        Workload load = new Workload(clients, persons, ref.classA());
        load.start();
        List<String> kills = new ArrayList<>();
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            Thread.sleep(1500 + ThreadLocalRandom.current().nextInt(2000));
            int answeredBefore = load.settled.size();
            service.kill();
            kills.add(aftermath.arrange(cycle));
            assertThat(load.settled.size()).as("traffic flowed before kill %d", cycle).isGreaterThan(answeredBefore - 1);
            service.start(READY);
        }
        Thread.sleep(1500);
        load.stopAndJoin();

        assertThat(load.failures).as("answers other than success, or retries that never got an answer").isEmpty();
        verify(nodes, load);
        System.out.printf("crash test (%s): %d kills %s, %d settlements and %d cancels answered, %d messages resent"
                + " with their msgid after a lost answer (%d sends), %.1f s%n", store, kills.size(), kills,
                load.settled.size(), load.cancelled.size(), load.lostAnswers.get(), load.retries.get(), (System.nanoTime() - t0) / 1e9);
        assertThat(load.lostAnswers.get()).as("some requests were in flight when the service died").isPositive();
    }

    /** What the kill left behind, arranged per cycle so that every restart path is taken. */
    private static String embeddedAftermath(ServiceProcess service, int cycle) throws Exception {
        Optional<ProcessHandle> orphan = service.postmaster();
        assertThat(orphan).as("the embedded PostgreSQL outlives SIGKILL of the service").isPresent();
        if (cycle % 3 == 1) {
            return "orphan-postmaster";
        }
        List<ProcessHandle> children = orphan.get().descendants().toList();
        orphan.get().destroyForcibly();
        orphan.get().onExit().get(20, TimeUnit.SECONDS);
        for (ProcessHandle c : children) {
            c.onExit().get(20, TimeUnit.SECONDS);   // backends notice the postmaster's death and leave
        }
        Path pidFile = service.pgDir().resolve("postmaster.pid");
        assertThat(pidFile).as("a killed postmaster leaves its pid file").exists();
        if (cycle % 3 == 2) {
            return "stale-pid-file";
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(pidFile));
        lines.set(0, String.valueOf(ProcessHandle.current().pid()));
        Files.write(pidFile, lines);
        return "pid-file-of-live-non-postgres-process";
    }

    /**
     * The answered settlements and cancels, counted on each node and added up (one node for the
     * single store): each exactly once; then the invariants on every node, read there directly.
     */
    private static void verify(List<JdbcClient> nodes, Workload load) {
        List<Workload.Answered> settled = List.copyOf(load.settled);
        Set<String> setlIds = settled.stream().map(Workload.Answered::setlId).collect(Collectors.toSet());
        assertThat(setlIds).as("setl_ids answered").hasSize(settled.size());
        List<String> mdtrtIds = settled.stream().map(Workload.Answered::mdtrtId).toList();
        for (List<String> chunk : chunks(List.copyOf(setlIds))) {
            long found = sum(nodes, db -> db.sql("select count(*) from settlement where setl_id in (:ids) and refd_setl_id is null")
                    .param("ids", chunk).query(Long.class).single());
            assertThat(found).as("answered settlements present").isEqualTo(chunk.size());
        }
        for (List<String> chunk : chunks(mdtrtIds)) {
            Map<String, Long> settlements = new HashMap<>();
            for (JdbcClient db : nodes) {
                db.sql("select mdtrt_id, count(*) from settlement where mdtrt_id in (:v) and refd_setl_id is null group by mdtrt_id")
                        .param("v", chunk).query((rs, i) -> settlements.merge(rs.getString(1), rs.getLong(2), Long::sum)).list();
            }
            assertThat(settlements).as("visits settled other than exactly once").allSatisfy((m, n) -> assertThat(n).isOne());
        }
        List<String> cancelled = List.copyOf(load.cancelled);
        for (List<String> chunk : chunks(cancelled)) {
            long reversed = sum(nodes, db -> db.sql("""
                    select count(*) from settlement s join settlement r on r.refd_setl_id = s.setl_id
                    where s.setl_id in (:ids) and s.cancelled_at is not null
                    """).param("ids", chunk).query(Long.class).single());
            assertThat(reversed).as("answered cancels present").isEqualTo(chunk.size());
        }
        nodes.forEach(Invariants::check);
    }

    private static long sum(List<JdbcClient> nodes, java.util.function.ToLongFunction<JdbcClient> count) {
        return nodes.stream().mapToLong(count).sum();
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 500) {
            out.add(all.subList(i, Math.min(all.size(), i + 500)));
        }
        return out;
    }
}
