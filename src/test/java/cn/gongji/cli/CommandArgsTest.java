package cn.gongji.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandArgsTest {

    private static final List<String> LAUNCHED = List.of("--spring.main.web-application-type=none", "--gongji.command=clearing");

    @Test
    void properties_pass_and_the_commands_own_options_are_checked() {
        List<String> args = new java.util.ArrayList<>(LAUNCHED);
        args.addAll(List.of("close", "--month", "2026-11", "--gongji.data-dir=/d", "--instituton=H1", "--dryrun"));
        assertThat(CommandArgs.unknownOptions(args, Set.of("month", "institution"))).containsExactly("--instituton", "--dryrun");
        assertThat(CommandArgs.problem(List.of("--dryrun"))).isEqualTo("未知选项 --dryrun / unknown option --dryrun");
        assertThat(CommandArgs.problem(List.of())).isNull();
    }

    @Test
    void the_words_leave_out_the_values_of_options() {
        assertThat(CommandArgs.words(List.of("--gongji.command=clearing", "export", "--month", "2026-11", "--out", "dir",
                "--format=csv", "extra"), Set.of("month", "out", "format"))).containsExactly("export", "extra");
    }
}
