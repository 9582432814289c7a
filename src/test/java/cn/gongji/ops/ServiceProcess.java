package cn.gongji.ops;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The service as a separate operating-system process, the way production runs it: {@code java -jar
 * target/gongji.jar} when that jar is at least as new as {@code target/classes}, else the test JVM's
 * own class path with main class {@code cn.gongji.GongjiApplication}. It builds nothing. Output goes
 * to {@code <data-dir>/service.log}. {@link #kill()} is SIGKILL ({@link Process#destroyForcibly()}).
 */
final class ServiceProcess {

    private final Path dataDir;
    private final int httpPort;
    private final int pgPort;
    private final List<String> storeArgs;
    /** The sharded store's classes (src/sharding, -Psharding) are on the test class path, never in the default jar. */
    private final boolean classPathOnly;
    private Process process;
    private int starts;

    /** Embedded store in {@code dataDir}, PostgreSQL on a fixed port so the test can read it. */
    static ServiceProcess embedded(Path dataDir) {
        int pg = freePort();
        return new ServiceProcess(dataDir, freePort(), pg,
                List.of("--gongji.data-dir=" + dataDir, "--gongji.embedded.port=" + pg,
                        "--gongji.pii.key=" + cn.gongji.support.RefData.PII_KEY));
    }

    /** External PostgreSQL: the service gets the URL; the data dir only holds the log. */
    static ServiceProcess external(Path dataDir, String url, String user, String password) {
        return new ServiceProcess(dataDir, freePort(), -1, List.of("--spring.datasource.url=" + url,
                "--spring.datasource.username=" + user, "--spring.datasource.password=" + password,
                "--gongji.pii.key=" + cn.gongji.support.RefData.PII_KEY));
    }

    /**
     * The sharded store (issue 10) over PostgreSQL nodes that run outside the service: only the
     * service is killed. Started from the test class path, which has ShardingSphere with -Psharding.
     */
    static ServiceProcess sharded(Path dataDir, String nodeUrls, String user, String password) {
        return new ServiceProcess(dataDir, freePort(), -1, List.of("--gongji.sharding.nodes=" + nodeUrls,
                "--gongji.sharding.username=" + user, "--gongji.sharding.password=" + password,
                "--gongji.data-dir=" + dataDir, "--gongji.pii.key=" + cn.gongji.support.RefData.PII_KEY), true);
    }

    private ServiceProcess(Path dataDir, int httpPort, int pgPort, List<String> storeArgs) {
        this(dataDir, httpPort, pgPort, storeArgs, false);
    }

    private ServiceProcess(Path dataDir, int httpPort, int pgPort, List<String> storeArgs, boolean classPathOnly) {
        this.dataDir = dataDir;
        this.httpPort = httpPort;
        this.pgPort = pgPort;
        this.storeArgs = storeArgs;
        this.classPathOnly = classPathOnly;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    String embeddedJdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres";
    }

    Path pgDir() {
        return dataDir.resolve("pg");
    }

    Path log() {
        return dataDir.resolve("service.log");
    }

    record CommandResult(int exitCode, String output) {}

    /** A command ({@code ./gongji backup ...}) as the launcher runs it: the same jar, no web server, on this store. */
    CommandResult command(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> cmd = javaCommand();
        cmd.add("--spring.main.web-application-type=none");
        cmd.addAll(storeArgs);
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dataDir.getParent(), "command", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("command " + List.of(args) + " did not finish: " + Files.readString(out));
        }
        return new CommandResult(p.exitValue(), Files.readString(out));
    }

    private List<String> javaCommand() throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(List.of(classPathOnly ? "-Xmx512m" : "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        Path jar = Path.of("target/gongji.jar");
        if (!classPathOnly && jarIsCurrent(jar)) {
            cmd.addAll(List.of("-jar", jar.toString()));
        } else {
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "cn.gongji.GongjiApplication"));
        }
        return cmd;
    }

    /** Starts and waits until /actuator/health/readiness answers UP (at most {@code timeout}). */
    void start(Duration timeout, String... extraArgs) throws IOException, InterruptedException {
        List<String> cmd = javaCommand();
        cmd.add("--server.port=" + httpPort);
        cmd.add("--gongji.db.pool-size=8");
        cmd.add("--spring.datasource.hikari.maximum-pool-size=8");
        cmd.add("--gongji.admin-token=crash-test-token");
        cmd.addAll(storeArgs);
        cmd.addAll(List.of(extraArgs));
        Files.createDirectories(dataDir);
        Files.writeString(log(), "\n==== start " + (++starts) + " ====\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        awaitReady(timeout);
    }

    private void awaitReady(Duration timeout) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log()
                        + "\n" + tail());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("UP")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the service was not ready within " + timeout + "; see " + log() + "\n" + tail());
    }

    String tail() throws IOException {
        List<String> lines = Files.readAllLines(log());
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** SIGKILL, as the kernel's OOM killer or {@code kill -9} would; waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Waits for the process to end by itself (a test hook halting it); its exit code, or -1 if it still runs. */
    int awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** SIGTERM: Spring shuts down and stops its embedded PostgreSQL. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** The PostgreSQL server named by the embedded store's pid file, if it runs. */
    Optional<ProcessHandle> postmaster() throws IOException {
        Path pidFile = pgDir().resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive)
                .filter(ph -> ph.pid() != ProcessHandle.current().pid())
                .filter(ph -> ph.info().command().map(c -> c.contains("postgres")).orElse(false));
    }

    /** Leaves no PostgreSQL behind, whatever happened (test clean-up). */
    void stopOrphans() throws IOException {
        Optional<ProcessHandle> pm = pgPort > 0 ? postmaster() : Optional.empty();
        pm.ifPresent(ph -> {
            ph.destroy();
            try {
                ph.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                ph.destroyForcibly();
            }
        });
    }

    private static boolean jarIsCurrent(Path jar) throws IOException {
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        long jarTime = Files.getLastModifiedTime(jar).toMillis();
        Path classes = Path.of("target/classes");
        if (!Files.isDirectory(classes)) {
            return true;
        }
        try (var files = Files.walk(classes)) {
            return files.filter(Files::isRegularFile).allMatch(f -> f.toFile().lastModified() <= jarTime);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
