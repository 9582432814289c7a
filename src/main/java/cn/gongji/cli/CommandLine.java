package cn.gongji.cli;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

/**
 * Dispatches command words before the service starts: {@code import <kind> <file> [--dry-run]}
 * starts the application without a web server and runs {@link ImportRunner}, which exits the JVM
 * with the import's code. Use from the application's main:
 * {@code if (CommandLine.dispatch(GongjiApplication.class, args)) return;}
 */
public final class CommandLine {

    private CommandLine() {}

    /** True when {@code args} named a command and it ran; false for a normal service start. */
    public static boolean dispatch(Class<?> application, String[] args) {
        if (args.length == 0 || !args[0].equals("import")) {
            return false;
        }
        SpringApplication app = new SpringApplication(application);
        app.setWebApplicationType(WebApplicationType.NONE);
        Map<String, Object> props = new HashMap<>();
        props.put("gongji.command", "import");
        // a command loads no demo data and stays quiet: the report is the output
        props.put("gongji.demo", "false");
        props.put("logging.level.root", "WARN");
        app.setDefaultProperties(props);
        app.run(args);
        return true;
    }
}
