package cn.gongji.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's own handling of a command's arguments, before any JVM or store starts. */
class LauncherTest {

    private record Run(int code, String out) {}

    private static Run bash(Path cwd, String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", script).directory(cwd.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the launcher answers without starting the service").isTrue();
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static final Path PROJECT = Path.of("").toAbsolutePath();

    @Test
    void a_commands_help_prints_its_usage_and_exits_zero_without_starting_anything(@TempDir Path dir) throws Exception {
        Run r = bash(dir, PROJECT.resolve("gongji") + " import --help --gongji.data-dir=" + dir.resolve("data"));
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("./gongji import KIND FILE").doesNotContain("Started").doesNotContain("clearing");
        assertThat(dir.resolve("data")).doesNotExist();
        Run none = bash(dir, PROJECT.resolve("gongji") + " restore");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.out()).contains("./gongji restore --in FILE");
    }

    @Test
    void relative_paths_of_a_command_are_the_callers() throws Exception {
        Run r = bash(PROJECT, "CALLER_DIR=/home/op; . scripts/command-args.sh; "
                + "caller_paths import persons new.csv --dry-run --gongji.data-dir=d | tr '\\0' '\\n'; "
                + "caller_paths backup --out b.zip --gongji.data-dir=/abs | tr '\\0' '\\n'; "
                + "caller_paths clearing export --month 2026-11 --format csv --out=exp | tr '\\0' '\\n'");
        assertThat(r.out().lines().toList()).isEqualTo(List.of(
                "persons", "/home/op/new.csv", "--dry-run", "--gongji.data-dir=/home/op/d",
                "--out", "/home/op/b.zip", "--gongji.data-dir=/abs",
                "export", "--month", "2026-11", "--format", "csv", "--out=/home/op/exp"));
    }
}
