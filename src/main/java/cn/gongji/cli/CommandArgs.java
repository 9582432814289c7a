package cn.gongji.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The checks every command line makes of its arguments before it runs: an option it does not know
 * ({@code --dryrun} for {@code --dry-run}, {@code --instituton}) or a word too many is a usage error
 * (exit 2), never ignored: ignored, a misspelt {@code --dry-run} imports for real and a misspelt
 * {@code --institution} closes every institution's period. Spring Boot properties pass: their names
 * hold a dot ({@code --gongji.data-dir=…}, {@code --spring.datasource.url=…}).
 */
public final class CommandArgs {

    private CommandArgs() {}

    /** The options among {@code args} that are neither in {@code known} (names without "--") nor a property. */
    public static List<String> unknownOptions(List<String> args, Set<String> known) {
        return args.stream().filter(a -> a.startsWith("--"))
                .map(a -> a.substring(2).split("=", 2)[0])
                .filter(name -> !name.contains(".") && !known.contains(name))
                .map(name -> "--" + name).distinct().toList();
    }

    /** The words of {@code args}: neither an option nor the value after an option in {@code valued} ({@code --month 2026-11}). */
    public static List<String> words(List<String> args, Set<String> valued) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--")) {
                if (valued.contains(a.substring(2)) && i + 1 < args.size()) {
                    i++;
                }
            } else {
                words.add(a);
            }
        }
        return words;
    }

    /** The message for {@link #unknownOptions}, or null when there are none. */
    public static String problem(List<String> unknown) {
        return unknown.isEmpty() ? null
                : "未知选项 " + String.join(" ", unknown) + " / unknown option " + String.join(" ", unknown);
    }

    /** The message for words beyond those the command takes. */
    public static String extraWords(List<String> extra) {
        return "多余的参数 " + String.join(" ", extra) + " / unexpected argument " + String.join(" ", extra);
    }
}
