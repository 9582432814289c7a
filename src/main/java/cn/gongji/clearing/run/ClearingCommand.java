package cn.gongji.clearing.run;

import cn.gongji.cli.CommandArgs;
import cn.gongji.clearing.ClearingRefused;
import cn.gongji.clearing.db.FundTotals;
import cn.gongji.clearing.db.PeriodCloser;
import cn.gongji.clearing.export.CsvExport;
import cn.gongji.clearing.export.Table;
import cn.gongji.clearing.export.XlsxExport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./gongji clearing close --month yyyy-MM [--institution code]} and
 * {@code ./gongji clearing export --month yyyy-MM [--institution code] --format csv|xlsx --out dir}.
 * Prints progress and a summary; exits 0, 1 when a period could not close, 2 on a usage error.
 */
@Component
@ConditionalOnProperty(name = "gongji.command", havingValue = "clearing")
class ClearingCommand implements ApplicationRunner {

    static final String USAGE = """
            usage: ./gongji clearing close --month yyyy-MM [--institution code]
                   ./gongji clearing export --month yyyy-MM [--institution code] --format csv|xlsx --out dir""";

    private final PeriodCloser closer;
    private final FundTotals totals;
    private final PrintStream out;
    private final IntConsumer exit;

    @Autowired
    ClearingCommand(PeriodCloser closer, FundTotals totals, ApplicationContext context) {
        this(closer, totals, System.out, code -> System.exit(SpringApplication.exit(context, () -> code)));
    }

    ClearingCommand(PeriodCloser closer, FundTotals totals, PrintStream out, IntConsumer exit) {
        this.closer = closer;
        this.totals = totals;
        this.out = out;
        this.exit = exit;
    }

    @Override
    public void run(ApplicationArguments args) {
        exit.accept(execute(List.of(args.getSourceArgs())));
    }

    int execute(List<String> args) {
        List<String> words = CommandArgs.words(args, Set.of("month", "institution", "format", "out"));
        String verb = words.isEmpty() ? "" : words.getFirst();
        YearMonth month;
        try {
            String m = option(args, "month");
            month = m == null ? null : YearMonth.parse(m);
        } catch (DateTimeParseException e) {
            month = null;
        }
        if (!verb.equals("close") && !verb.equals("export")) {
            out.println(USAGE);
            return 2;
        }
        String problem = CommandArgs.problem(CommandArgs.unknownOptions(args, verb.equals("close")
                ? Set.of("month", "institution") : Set.of("month", "institution", "format", "out")));
        if (problem == null && words.size() > 1) {
            problem = CommandArgs.extraWords(words.subList(1, words.size()));
        }
        if (problem != null) {
            out.println(problem + "\n" + USAGE);
            return 2;
        }
        if (month == null) {
            out.println("--month 应为月份 yyyy-MM / --month must be a month yyyy-MM\n" + USAGE);
            return 2;
        }
        String inst = option(args, "institution");
        try {
            return verb.equals("close") ? close(month, inst) : export(month, inst, option(args, "format"), option(args, "out"));
        } catch (ClearingRefused e) {
            out.println(e.getMessage());
            return 2;
        }
    }

    private int close(YearMonth month, String inst) {
        out.println("closing clearing periods of " + month + (inst == null ? "" : " for " + inst) + " ...");
        PeriodCloser.Summary s = closer.closeMonth(month, inst, "cli", out::println);
        s.closed().forEach(c -> out.println("  closed " + c.period() + " rows " + c.rows() + " payable " + c.payable()));
        s.failed().forEach(f -> out.println("  FAILED " + f.period() + ": " + f.reason()));
        out.println(s.describe());
        FundTotals.Total t = totals.total(month);
        out.println("fund total " + month + ": statements " + t.statements() + " (closed " + t.closed() + "), fund share "
                + t.fundShare() + ", method effects " + t.methodEffect() + ", recovered " + t.recovered()
                + ", personal-account share " + t.acctShare() + ", payable "
                + t.payable());
        return s.failed().isEmpty() ? 0 : 1;
    }

    private int export(YearMonth month, String inst, String format, String dir) {
        if (format == null || !(format.equals("csv") || format.equals("xlsx")) || dir == null) {
            out.println("--format csv|xlsx 与 --out dir 必填 / --format csv|xlsx and --out dir are required\n" + USAGE);
            return 2;
        }
        List<JsonNode> statements = totals.statementsOf(month, inst);
        Table summary = Table.summary(statements);
        Table detail = Table.detail(statements);
        String base = "clearing-" + month + (inst == null ? "" : "-" + inst);
        try {
            Path d = Files.createDirectories(Path.of(dir));
            if (format.equals("csv")) {
                write(d.resolve(base + ".csv"), CsvExport.write(summary).getBytes(StandardCharsets.UTF_8));
                write(d.resolve(base + "-detail.csv"), CsvExport.write(detail).getBytes(StandardCharsets.UTF_8));
            } else {
                write(d.resolve(base + ".xlsx"), XlsxExport.write(List.of(summary, detail)));
            }
        } catch (IOException e) {
            out.println("写入失败 / cannot write: " + e.getMessage());
            return 1;
        }
        out.println("exported " + statements.size() + " statements, " + detail.rows().size() + " detail lines of "
                + month + "; payable total " + summary.rows().getLast().get(15));
        return 0;
    }

    private void write(Path p, byte[] bytes) throws IOException {
        Files.write(p, bytes);
        out.println("  wrote " + p + " (" + bytes.length + " bytes)");
    }

    /** {@code --name value} or {@code --name=value}. */
    static String option(List<String> args, String name) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--" + name + "=")) {
                return a.substring(name.length() + 3);
            }
            if (a.equals("--" + name) && i + 1 < args.size()) {
                return args.get(i + 1);
            }
        }
        return null;
    }

}
