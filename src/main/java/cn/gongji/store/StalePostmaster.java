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
 * orphan: a smart shutdown first (SIGTERM, then wait), a kill only if it will not go. A pid file
 * whose process is gone is left to PostgreSQL, which removes it itself. A pid file naming a live
 * process that is not a PostgreSQL server of this directory (the pid was reused, e.g. after a
 * reboot or a container restart) is removed: PostgreSQL would refuse to start over it, and
 * {@code pg_ctl stop} would send SIGINT to that unrelated process.
 */
final class StalePostmaster {

    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);

    private StalePostmaster() {}

    /**
     * The embedded store of a RUNNING service must not be taken for an orphan: that service's JVM
     * holds the file lock {@code epg-lock} (taken by zonky's EmbeddedPostgres, released by the
     * operating system when the JVM dies, also on SIGKILL). A second process on the same data
     * directory (a command while the service runs) is refused here, before anything is stopped.
     */
    static void refuseIfInUse(Path pgDataDir) throws IOException {
        Path lock = pgDataDir.resolve("epg-lock");
        if (!Files.exists(lock)) {
            return;
        }
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(lock,
                java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.channels.FileLock held = ch.tryLock();
            if (held == null) {
                throw new StoreInUse("数据目录 " + pgDataDir.getParent() + " 正被运行中的 Gongji 使用，请先停止服务"
                        + " / the data directory is in use by a running Gongji service: stop it first");
            }
            held.release();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            throw new IllegalStateException("the data directory " + pgDataDir.getParent() + " is already open in this JVM", e);
        }
    }

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
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (handle.isEmpty()) {
            log.info("stale {} (pid {} is gone); PostgreSQL will clean it up", pidFile, pid);
            return;
        }
        ProcessHandle ph = handle.get();
        if (!isPostmasterOf(ph, pgDataDir)) {
            log.warn("stale {}: pid {} is now another process ({}); removing the pid file", pidFile, pid,
                    ph.info().command().orElse("?"));
            Files.deleteIfExists(pidFile);
            return;
        }
        log.warn("an orphaned PostgreSQL (pid {}) still holds {}; stopping it", pid, pgDataDir);
        ph.destroy();
        if (!waitForExit(ph, Duration.ofSeconds(20))) {
            ph.destroyForcibly();
            waitForExit(ph, Duration.ofSeconds(10));
        }
    }

    /**
     * A postgres executable started on this data directory. What the operating system does not
     * tell us (another user's process) counts as ours: better to fail to stop it than to delete
     * the lock of a running server.
     */
    static boolean isPostmasterOf(ProcessHandle ph, Path pgDataDir) {
        if (ph.pid() == ProcessHandle.current().pid()) {
            return false;
        }
        ProcessHandle.Info info = ph.info();
        if (!info.command().map(c -> Path.of(c).getFileName().toString().startsWith("postgres")).orElse(true)) {
            return false;
        }
        String[] args = info.arguments().orElse(null);
        if (args == null) {
            return true;
        }
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("-D")) {
                return Path.of(args[i + 1]).toAbsolutePath().normalize().equals(pgDataDir.toAbsolutePath().normalize());
            }
        }
        return true;
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
