package cn.gongji.account.run;

import cn.gongji.account.db.CreditRun;
import cn.gongji.account.db.CreditSummary;
import cn.gongji.cli.CommandArgs;
import cn.gongji.policy.PolicyBook;
import java.io.PrintStream;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code ./gongji accounts credit --month yyyy-MM}: the launcher runs the jar with
 * {@code --spring.main.web-application-type=none --gongji.command=accounts credit --month 2026-11}.
 * Prints progress and the summary, exits 0 (1 when any person failed, 2 on a usage error).
 */
@Component
@ConditionalOnProperty(name = "gongji.command", havingValue = "accounts")
class AccountsCommand implements ApplicationRunner {

    static final String USAGE = "usage: ./gongji accounts credit --month yyyy-MM";

    private final CreditRun run;
    private final ApplicationContext context;
    private final PrintStream out;
    private final IntConsumer exit;

    @Autowired
    AccountsCommand(CreditRun run, ApplicationContext context) {
        this.run = run;
        this.context = context;
        this.out = System.out;
        this.exit = code -> System.exit(SpringApplication.exit(context, () -> code));
    }

    AccountsCommand(CreditRun run, ApplicationContext context, PrintStream out, IntConsumer exit) {
        this.run = run;
        this.context = context;
        this.out = out;
        this.exit = exit;
    }

    @Override
    public void run(ApplicationArguments args) {
        exit.accept(execute(List.of(args.getSourceArgs())));
    }

    int execute(List<String> args) {
        List<String> words = CommandArgs.words(args, Set.of("month"));
        if (words.isEmpty() || !words.getFirst().equals("credit")) {
            out.println(USAGE);
            return 2;
        }
        String problem = CommandArgs.problem(CommandArgs.unknownOptions(args, Set.of("month")));
        if (problem == null && words.size() > 1) {
            problem = CommandArgs.extraWords(words.subList(1, words.size()));
        }
        if (problem != null) {
            out.println(problem + "\n" + USAGE);
            return 2;
        }
        Optional<YearMonth> month;
        try {
            month = month(args);
        } catch (DateTimeParseException e) {
            month = Optional.empty();
        }
        if (month.isEmpty()) {
            out.println("--month must be a month yyyy-MM / --month 应为月份 yyyy-MM\n" + USAGE);
            return 2;
        }
        try {
            CreditSummary s = run.run(month.get(), "cli", out::println);
            out.println(s.describe());
            s.failures().forEach(f -> out.println("  failed " + f.psnNo() + ": " + f.reason()));
            return s.failed() > 0 ? 1 : 0;
        } catch (PolicyBook.NoPolicyInForce | CreditRun.MonthNotBegun e) {
            out.println(e.getMessage());
            return 2;
        }
    }

    /** {@code --month 2026-11} (two source args) or {@code --month=2026-11}. */
    static Optional<YearMonth> month(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--month=")) {
                return Optional.of(YearMonth.parse(a.substring("--month=".length())));
            }
            if (a.equals("--month") && i + 1 < args.size()) {
                return Optional.of(YearMonth.parse(args.get(i + 1)));
            }
        }
        return Optional.empty();
    }
}
