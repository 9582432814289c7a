package cn.gongji.supervision.run;

import cn.gongji.cli.CommandArgs;
import cn.gongji.supervision.db.IndicatorRun;
import cn.gongji.supervision.db.Scanner;
import cn.gongji.supervision.gen.AnomalyGenerator;
import cn.gongji.supervision.gen.Evaluation;
import java.io.PrintStream;
import java.time.LocalDate;
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
 * {@code ./gongji supervision scan --from yyyy-MM-dd --to yyyy-MM-dd},
 * {@code ./gongji supervision indicators --month yyyy-MM},
 * {@code ./gongji supervision generate --month yyyy-MM [--seed N]} (synthetic month with injected
 * anomalies, then scan, indicators and recall/precision). Exit 0 done, 2 usage error.
 */
@Component
@ConditionalOnProperty(name = "gongji.command", havingValue = "supervision")
class SupervisionCommand implements ApplicationRunner {

    static final String USAGE = """
            usage: ./gongji supervision scan --from yyyy-MM-dd --to yyyy-MM-dd
                   ./gongji supervision indicators --month yyyy-MM
                   ./gongji supervision generate --month yyyy-MM [--seed 42]""";

    private final Scanner scanner;
    private final IndicatorRun indicators;
    private final AnomalyGenerator generator;
    private final PrintStream out;
    private final IntConsumer exit;

    @Autowired
    SupervisionCommand(Scanner scanner, IndicatorRun indicators, AnomalyGenerator generator, ApplicationContext context) {
        this(scanner, indicators, generator, System.out, code -> System.exit(SpringApplication.exit(context, () -> code)));
    }

    SupervisionCommand(Scanner scanner, IndicatorRun indicators, AnomalyGenerator generator, PrintStream out, IntConsumer exit) {
        this.scanner = scanner;
        this.indicators = indicators;
        this.generator = generator;
        this.out = out;
        this.exit = exit;
    }

    @Override
    public void run(ApplicationArguments args) {
        exit.accept(execute(List.of(args.getSourceArgs())));
    }

    int execute(List<String> args) {
        List<String> words = CommandArgs.words(args, Set.of("from", "to", "month", "seed"));
        String cmd = words.isEmpty() ? "" : words.getFirst();
        Set<String> known = switch (cmd) {
            case "scan" -> Set.of("from", "to");
            case "generate" -> Set.of("month", "seed");
            default -> Set.of("month");
        };
        String problem = CommandArgs.problem(CommandArgs.unknownOptions(args, known));
        if (problem == null && words.size() > 1) {
            problem = CommandArgs.extraWords(words.subList(1, words.size()));
        }
        if (problem != null && !cmd.isEmpty()) {
            return usage(problem);
        }
        try {
            switch (cmd) {
                case "scan" -> {
                    Optional<String> from = option(args, "from");
                    Optional<String> to = option(args, "to");
                    if (from.isEmpty() || to.isEmpty()) {
                        return usage("--from and --to are required / 需要 --from 与 --to");
                    }
                    LocalDate f = LocalDate.parse(from.get());
                    LocalDate t = LocalDate.parse(to.get());
                    if (t.isBefore(f)) {
                        return usage("--to must not be before --from / --to 不能早于 --from");
                    }
                    out.println(scanner.scan(f, t, out::println).describe());
                    return 0;
                }
                case "indicators" -> {
                    Optional<String> month = option(args, "month");
                    if (month.isEmpty()) {
                        return usage("--month is required / 需要 --month");
                    }
                    IndicatorRun.Summary s = indicators.run(YearMonth.parse(month.get()));
                    out.println(s.describe());
                    s.warnings().forEach(j -> out.println("  " + j.grade().code() + " " + j.finding().content()));
                    return 0;
                }
                case "generate" -> {
                    Optional<String> month = option(args, "month");
                    if (month.isEmpty()) {
                        return usage("--month is required / 需要 --month");
                    }
                    long seed = Long.parseLong(option(args, "seed").orElse("42"));
                    Evaluation e = generator.generateScanAndEvaluate(YearMonth.parse(month.get()), seed, out::println);
                    out.println(e.describe());
                    return 0;
                }
                default -> {
                    return usage(null);
                }
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            return usage("dates are yyyy-MM-dd, months yyyy-MM, the seed a whole number / 日期格式 yyyy-MM-dd，月份 yyyy-MM");
        }
    }

    private int usage(String problem) {
        if (problem != null) {
            out.println(problem);
        }
        out.println(USAGE);
        return 2;
    }


    /** {@code --name value} or {@code --name=value}. */
    static Optional<String> option(List<String> args, String name) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--" + name + "=")) {
                return Optional.of(a.substring(name.length() + 3));
            }
            if (a.equals("--" + name) && i + 1 < args.size()) {
                return Optional.of(args.get(i + 1));
            }
        }
        return Optional.empty();
    }
}
