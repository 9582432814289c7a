package cn.gongji.account.run;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.account.db.CreditRun;
import cn.gongji.support.ServiceIT;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

@ServiceIT
class AccountsCommandIT {

    @Autowired
    CreditRun run;

    @Autowired
    ApplicationContext context;

    final ByteArrayOutputStream buf = new ByteArrayOutputStream();

    AccountsCommand command() {
        return new AccountsCommand(run, context, new PrintStream(buf, true, StandardCharsets.UTF_8), code -> {});
    }

    @Test
    void credit_with_month_as_a_separate_argument_prints_the_summary_and_exits_zero() {
        int code = command().execute(List.of("--spring.main.web-application-type=none", "--gongji.command=accounts",
                "credit", "--month", "2024-01"));
        assertThat(code).isZero();
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("credit 2024-01:").contains("credited");
    }

    @Test
    void credit_with_month_after_an_equals_sign_is_accepted_too() {
        assertThat(command().execute(List.of("credit", "--month=2024-02"))).isZero();
    }

    @Test
    void a_missing_or_malformed_month_is_a_usage_error() {
        assertThat(command().execute(List.of("credit"))).isEqualTo(2);
        assertThat(command().execute(List.of("credit", "--month", "2033-13"))).isEqualTo(2);
        assertThat(command().execute(List.of("debit", "--month", "2024-01"))).isEqualTo(2);
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("usage: ./gongji accounts credit --month yyyy-MM");
    }

    @Test
    void an_unknown_option_or_a_word_too_many_is_a_usage_error_and_credits_nothing() {
        assertThat(command().execute(List.of("credit", "--month", "2024-03", "--mnth", "2024-04"))).isEqualTo(2);
        assertThat(command().execute(List.of("credit", "--month", "2024-03", "again"))).isEqualTo(2);
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("unknown option --mnth")
                .contains("unexpected argument again").doesNotContain("credit 2024-03");
    }

    @Test
    void a_month_that_has_not_begun_is_refused_with_exit_code_two() {
        String next = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).plusMonths(1).toString();
        assertThat(command().execute(List.of("credit", "--month", next))).isEqualTo(2);
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("has not begun");
    }
}
