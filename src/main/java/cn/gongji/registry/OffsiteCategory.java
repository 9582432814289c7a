package cn.gongji.registry;

import java.util.Arrays;
import java.util.Optional;

/**
 * Off-site registration categories (异地就医备案类别). Accepted on input as the code, the digit,
 * or the Chinese name with or without "人员"; stored and answered as the code.
 */
public enum OffsiteCategory {
    RESETTLED_RETIREE("resettled_retiree", "1", "异地安置退休"),
    LONG_TERM_WORK("long_term_work", "2", "异地长期工作"),
    LONG_TERM_RESIDENCE("long_term_residence", "3", "异地长期居住"),
    TEMPORARY("temporary", "4", "临时外出就医");

    public final String code;
    public final String digit;
    public final String zh;

    OffsiteCategory(String code, String digit, String zh) {
        this.code = code;
        this.digit = digit;
        this.zh = zh;
    }

    public static Optional<OffsiteCategory> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String t = s.strip();
        String zh = t.endsWith("人员") ? t.substring(0, t.length() - 2) : t;
        return Arrays.stream(values())
                .filter(c -> c.code.equalsIgnoreCase(t) || c.digit.equals(t) || c.zh.equals(zh))
                .findFirst();
    }

    public static String accepted() {
        return String.join(", ", Arrays.stream(values()).map(c -> c.digit + "|" + c.code + "|" + c.zh).toList());
    }
}
