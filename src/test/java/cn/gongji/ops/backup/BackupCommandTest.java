package cn.gongji.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.DefaultApplicationArguments;

/** Usage errors need no store: the command has none here, so any work would fail with another code. */
class BackupCommandTest {

    private final ByteArrayOutputStream text = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
    private final BackupCommand cmd = new BackupCommand(null, null, null, null, null);

    private int run(String command, String... args) {
        return cmd.execute(command, new DefaultApplicationArguments(args), out);
    }

    @Test
    void a_misspelt_force_or_a_stray_word_is_a_usage_error(@TempDir Path dir) throws Exception {
        Path file = Files.createFile(dir.resolve("b.zip"));
        assertThat(run("restore", "--gongji.command=restore", "--in", file.toString(), "--froce")).isEqualTo(2);
        assertThat(run("restore", "--in", file.toString(), "force")).isEqualTo(2);
        assertThat(run("backup", "--out", dir.resolve("c.zip").toString(), "--in", file.toString())).isEqualTo(2);
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("unknown option --froce").contains("unexpected argument force")
                .contains("unknown option --in").doesNotContain("restoring from");
        assertThat(dir.resolve("c.zip")).doesNotExist();
    }

    @Test
    void a_backup_into_a_directory_that_does_not_exist_says_so(@TempDir Path dir) {
        assertThat(run("backup", "--out", dir.resolve("no/such/b.zip").toString())).isEqualTo(2);
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("no such directory: " + dir.resolve("no/such"));
    }
}
