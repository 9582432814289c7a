package cn.gongji.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Runs {@link ImportCommand} when the application is started with {@code gongji.command=import},
 * then exits with its code (0 all rows fine, 1 some rows failed, 2 the command could not run).
 * Kind, file and dry run come from {@code gongji.import.kind|file|dry-run}, or from the arguments
 * {@code [import] <kind> <file> [--dry-run]} (the launcher passes {@code --gongji.command=import <kind> <file>}).
 */
@Component
@ConditionalOnProperty(name = "gongji.command", havingValue = "import")
public class ImportRunner implements ApplicationRunner {

    static final String USAGE = "用法 / usage: ./gongji import <" + String.join("|", ImportCommand.KINDS) + "> <file.csv> [--dry-run]";

    private final ImportCommand command;
    private final Environment env;
    private final ApplicationContext ctx;

    public ImportRunner(ImportCommand command, Environment env, ApplicationContext ctx) {
        this.command = command;
        this.env = env;
        this.ctx = ctx;
    }

    @Override
    public void run(ApplicationArguments args) {
        int exit = execute(args);
        System.exit(SpringApplication.exit(ctx, () -> exit));
    }

    int execute(ApplicationArguments args) {
        List<String> words = args.getNonOptionArgs();
        if (!words.isEmpty() && words.getFirst().equals("import")) {
            words = words.subList(1, words.size());
        }
        String kind = env.getProperty("gongji.import.kind", words.isEmpty() ? "" : words.get(0));
        String file = env.getProperty("gongji.import.file", words.size() < 2 ? "" : words.get(1));
        boolean dryRun = args.containsOption("dry-run") || env.getProperty("gongji.import.dry-run", Boolean.class, false);
        String problem = CommandArgs.problem(CommandArgs.unknownOptions(List.of(args.getSourceArgs()), Set.of("dry-run")));
        if (problem == null && words.size() > 2) {
            problem = CommandArgs.extraWords(words.subList(2, words.size()));
        }
        int code;
        if (kind.isBlank() || file.isBlank() || problem != null) {
            if (problem != null) {
                System.err.println(problem);
            }
            System.err.println(USAGE);
            code = 2;
        } else {
            try {
                code = command.run(kind, Path.of(file), dryRun, System.out).exitCode();
            } catch (ImportCommand.UsageException e) {
                System.err.println(e.getMessage());
                code = 2;
            }
        }
        return code;
    }
}
