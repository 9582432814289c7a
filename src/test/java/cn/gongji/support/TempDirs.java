package cn.gongji.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Temporary directories of the tests that hold an embedded PostgreSQL's data, removed again. A data
 * directory is 70–120 MB, and {@code File.deleteOnExit} removes only an empty one: every test JVM
 * used to leave its directory in {@code java.io.tmpdir} (290 of them, 19 GB, on the machine where
 * this was noticed).
 */
public final class TempDirs {

    /** Prefixes of the directories made here; {@link #sweep} looks at these only. */
    private static final List<String> PREFIXES = List.of("gongji-it-", "gongji-one-", "gongji-two-");

    /** A directory older than this, whose PostgreSQL does not run, was left by a JVM that was killed. */
    private static final Duration STALE = Duration.ofHours(2);

    private TempDirs() {}

    /**
     * A new temporary directory, removed when the JVM ends: after the embedded PostgreSQL in its
     * {@code pg} sub-directory has stopped (the test contexts close in shutdown hooks of their own,
     * which run at the same time as this one), or after 20 s. Stale directories of earlier runs are
     * removed first ({@link #sweep}).
     */
    public static Path removedAtExit(String prefix) {
        sweep();
        Path dir = create(prefix);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Path pid = dir.resolve("pg").resolve("postmaster.pid");
            for (int i = 0; i < 200 && Files.exists(pid); i++) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            remove(dir);
        }, "remove " + dir));
        return dir;
    }

    /** A new temporary directory; the caller removes it ({@link #remove}). */
    public static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the directory and everything in it, as far as it can (what is left is only disk). */
    public static void remove(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a file that went away meanwhile, or one that cannot be removed: left
        }
    }

    /**
     * Removes the directories of earlier test runs that a killed JVM left: made here (by prefix),
     * older than {@link #STALE}, and without a running PostgreSQL (no {@code postmaster.pid}, or
     * one naming a process that is gone). A run in progress is never touched.
     */
    static void sweep() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Instant before = Instant.now().minus(STALE);
        try (Stream<Path> dirs = Files.list(tmp)) {
            dirs.filter(d -> PREFIXES.stream().anyMatch(p -> d.getFileName().toString().startsWith(p)))
                    .filter(d -> modifiedBefore(d, before) && !runningPostgres(d))
                    .forEach(TempDirs::remove);
        } catch (IOException | UncheckedIOException e) {
            // nothing swept this time
        }
    }

    private static boolean modifiedBefore(Path dir, Instant before) {
        try {
            return Files.getLastModifiedTime(dir).toInstant().isBefore(before);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean runningPostgres(Path dir) {
        Path pid = dir.resolve("pg").resolve("postmaster.pid");
        if (!Files.exists(pid)) {
            return false;
        }
        try (Stream<String> lines = Files.lines(pid)) {
            Optional<String> first = lines.findFirst();
            return first.isEmpty() || ProcessHandle.of(Long.parseLong(first.get().trim())).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException | UncheckedIOException e) {
            return true;   // unreadable: left alone
        }
    }
}
