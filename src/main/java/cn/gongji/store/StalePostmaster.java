package cn.gongji.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a {@code kill -9} of the service the embedded PostgreSQL server it started keeps running
 * (it is a separate process) and holds the data directory. Before starting again we stop that
 * orphan: a fast shutdown first (SIGTERM, then wait), a kill only if it will not go. A pid file
 * whose process is gone is left to PostgreSQL, which removes it itself.
 */
final class StalePostmaster {

    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);

    private StalePostmaster() {}

    static void stopIfRunning(Path pgDataDir) throws IOException {
        Path pidFile = pgDataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            Files.deleteIfExists(pidFile);
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            log.warn("unreadable {}, removing it", pidFile);
            Files.deleteIfExists(pidFile);
            return;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(StalePostmaster::isPostgres);
        if (handle.isEmpty()) {
            log.info("stale {} (pid {} is gone); PostgreSQL will clean it up", pidFile, pid);
            return;
        }
        ProcessHandle ph = handle.get();
        log.warn("an orphaned PostgreSQL (pid {}) still holds {}; stopping it", pid, pgDataDir);
        ph.destroy();
        if (!waitForExit(ph, Duration.ofSeconds(20))) {
            ph.destroyForcibly();
            waitForExit(ph, Duration.ofSeconds(10));
        }
    }

    private static boolean isPostgres(ProcessHandle ph) {
        return ph.info().command().map(c -> c.contains("postgres")).orElse(true);
    }

    private static boolean waitForExit(ProcessHandle ph, Duration timeout) {
        try {
            ph.onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return !ph.isAlive();
        }
    }
}
