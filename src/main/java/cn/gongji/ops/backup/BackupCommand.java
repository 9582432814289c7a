package cn.gongji.ops.backup;

import cn.gongji.cli.CommandArgs;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code ./gongji backup --out FILE} and {@code ./gongji restore --in FILE [--force]} (the launcher
 * passes {@code --gongji.command=backup|restore}). They open the configured store (the embedded one
 * in {@code gongji.data-dir}, or {@code spring.datasource.url}), print per-table progress and a
 * summary, and exit 0 (done), 1 (refused or failed: nothing changed) or 2 (usage).
 */
@Component
@ConditionalOnExpression("'${gongji.command:}' == 'backup' or '${gongji.command:}' == 'restore'")
class BackupCommand implements ApplicationRunner {

    static final String USAGE = "用法 / usage: ./gongji backup --out FILE | ./gongji restore --in FILE [--force]";

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final Clock clock;
    private final Environment env;
    private final ApplicationContext ctx;

    BackupCommand(DataSource dataSource, ObjectMapper json, Clock clock, Environment env, ApplicationContext ctx) {
        this.dataSource = dataSource;
        this.json = json;
        this.clock = clock;
        this.env = env;
        this.ctx = ctx;
    }

    @Override
    public void run(ApplicationArguments args) {
        int code = execute(env.getProperty("gongji.command", ""), args, System.out);
        System.exit(SpringApplication.exit(ctx, () -> code));
    }

    int execute(String command, ApplicationArguments args, PrintStream out) {
        List<String> source = List.of(args.getSourceArgs());
        String problem = CommandArgs.problem(CommandArgs.unknownOptions(source,
                command.equals("backup") ? Set.of("out") : Set.of("in", "force")));
        List<String> words = CommandArgs.words(source, Set.of("in", "out"));
        if (problem == null && !words.isEmpty()) {
            problem = CommandArgs.extraWords(words);
        }
        if (problem != null) {
            out.println(problem + "\n" + USAGE);
            return 2;
        }
        try {
            if (command.equals("backup")) {
                String file = one(args, "out");
                if (file == null) {
                    out.println(USAGE);
                    return 2;
                }
                Path dir = Path.of(file).toAbsolutePath().getParent();
                if (!Files.isDirectory(dir)) {
                    out.println("目录不存在 / no such directory: " + dir);
                    return 2;
                }
                out.println("备份到 / backing up to " + file);
                BackupManifest m = new LogicalBackup(dataSource, json, clock).write(Path.of(file), out::println);
                out.printf("完成 / done: %d 张表 tables, %,d 行 rows, schema V%s, %,d bytes%n", m.tables().size(), m.rows(),
                        m.schemaVersion(), Files.size(Path.of(file)));
                return 0;
            }
            String file = one(args, "in");
            if (file == null || !Files.isRegularFile(Path.of(file))) {
                out.println(file == null ? USAGE : "文件不存在 / no such file: " + file);
                return 2;
            }
            out.println("从 " + file + " 恢复 / restoring from " + file);
            BackupManifest m = new LogicalRestore(dataSource, json).restore(Path.of(file), args.containsOption("force"), out::println);
            out.printf("完成 / done: %d 张表 tables, %,d 行 rows, 备份时间 taken at %s%n", m.tables().size(), m.rows(), m.createdAt());
            return 0;
        } catch (BackupFailed e) {
            out.println(e.getMessage());
            return 1;
        } catch (java.io.IOException e) {
            out.println("失败 / failed: " + e.getMessage());
            return 1;
        }
    }

    /** {@code --name=value} or, as the launcher's users type it, {@code --name value}. */
    static String one(ApplicationArguments args, String name) {
        List<String> v = args.getOptionValues(name);
        if (v != null && !v.isEmpty() && !v.getFirst().isBlank()) {
            return v.getFirst();
        }
        List<String> src = List.of(args.getSourceArgs());
        int i = src.indexOf("--" + name);
        return i >= 0 && i + 1 < src.size() && !src.get(i + 1).startsWith("--") ? src.get(i + 1) : null;
    }
}
