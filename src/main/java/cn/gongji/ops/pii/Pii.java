package cn.gongji.ops.pii;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal information for display outside the registry (PIPL): ID numbers keep their first
 * four and last four characters ({@code 4101**********1234}), mobile numbers their first three and
 * last four ({@code 138****5678}), names their first character ({@code 张**}). {@link #text}
 * finds ID and mobile numbers inside free text (log lines, stack traces); names cannot be found by
 * shape and are masked where they are written ({@link #name}).
 */
public final class Pii {

    /** 18-character resident ID (17 digits + digit or X) or the old 15-digit form, not inside a longer token. */
    static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9A-Za-z])(\\d{17}[0-9Xx]|\\d{15})(?![0-9A-Za-z])");
    /** Mainland mobile numbers, optionally with +86 / 86. */
    static final Pattern MOBILE = Pattern.compile("(?<![0-9A-Za-z])((?:\\+?86)?1[3-9]\\d{9})(?![0-9A-Za-z])");

    private Pii() {}

    public static String certno(String v) {
        if (v == null || v.length() <= 8) {
            return v == null ? null : "*".repeat(v.length());
        }
        return v.substring(0, 4) + "*".repeat(v.length() - 8) + v.substring(v.length() - 4);
    }

    public static String phone(String v) {
        if (v == null || v.length() < 7) {
            return v == null ? null : "*".repeat(v.length());
        }
        return v.substring(0, v.length() - 8) + "****" + v.substring(v.length() - 4);
    }

    public static String name(String v) {
        if (v == null || v.isEmpty()) {
            return v;
        }
        int first = Character.charCount(v.codePointAt(0));
        return v.substring(0, first) + "*".repeat(Math.max(1, v.codePointCount(first, v.length())));
    }

    /** The text with every ID number and mobile number in it masked. */
    public static String text(String s) {
        if (s == null || s.length() < 11) {
            return s;
        }
        return replace(MOBILE, replace(ID_NUMBER, s, Pii::certno), Pii::phone);
    }

    /** True when the text holds an unmasked ID number. */
    public static boolean hasIdNumber(String s) {
        return s != null && ID_NUMBER.matcher(s).find();
    }

    private static String replace(Pattern p, String s, java.util.function.UnaryOperator<String> mask) {
        Matcher m = p.matcher(s);
        if (!m.find()) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        do {
            m.appendReplacement(sb, Matcher.quoteReplacement(mask.apply(m.group(1))));
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }
}
