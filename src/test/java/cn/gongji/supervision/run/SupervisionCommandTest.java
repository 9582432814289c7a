package cn.gongji.supervision.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line's usage errors (exit 2) need no database; the scan itself is covered by SyntheticMonthIT. */
class SupervisionCommandTest {

    private final ByteArrayOutputStream text = new ByteArrayOutputStream();
    private final SupervisionCommand cmd = new SupervisionCommand(null, null, null,
            new PrintStream(text, true, StandardCharsets.UTF_8), code -> {});

    @Test
    void a_scan_without_its_period_or_with_a_bad_date_is_a_usage_error() {
        assertThat(cmd.execute(List.of("--gongji.command=supervision", "scan", "--from", "2026-11-01"))).isEqualTo(2);
        assertThat(cmd.execute(List.of("scan", "--from", "2026-11-01", "--to", "2026-13-01"))).isEqualTo(2);
        assertThat(cmd.execute(List.of("scan", "--from=2026-11-02", "--to=2026-11-01"))).isEqualTo(2);
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("usage: ./gongji supervision scan --from yyyy-MM-dd --to yyyy-MM-dd");
    }

    @Test
    void an_unknown_option_or_a_word_too_many_is_a_usage_error() {
        // the scanner is null here: a usage error must come before any work
        assertThat(cmd.execute(List.of("scan", "--from", "2026-11-01", "--to", "2026-11-30", "--institution", "H1"))).isEqualTo(2);
        assertThat(cmd.execute(List.of("scan", "--from", "2026-11-01", "--to", "2026-11-30", "now"))).isEqualTo(2);
        assertThat(cmd.execute(List.of("--gongji.data-dir=/x", "indicators", "--month", "2026-11", "--seed=1"))).isEqualTo(2);
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("unknown option --institution")
                .contains("unexpected argument now").contains("unknown option --seed");
    }

    @Test
    void an_unknown_subcommand_prints_the_usage() {
        assertThat(cmd.execute(List.of("--gongji.command=supervision"))).isEqualTo(2);
        assertThat(cmd.execute(List.of("rescan"))).isEqualTo(2);
        assertThat(SupervisionCommand.option(List.of("--month", "2026-11"), "month")).contains("2026-11");
    }
}
