package cn.gongji.console;

/**
 * Masks identity numbers on every console and insured page: the first four and the last four
 * characters stay, the rest become stars ({@code 4101**********1234}). Short values are starred whole.
 * Names on a person's console page are masked the same way until an operator reveals them: the first
 * character stays, and the last of a name of three or more ({@code 张*明}, {@code 欧**峰}).
 */
public final class Mask {

    private Mask() {}

    public static String certno(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        if (value.length() <= 8) {
            return "*".repeat(value.length());
        }
        return value.substring(0, 4) + "*".repeat(value.length() - 8) + value.substring(value.length() - 4);
    }

    public static String name(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        int[] cp = value.codePoints().toArray();
        if (cp.length == 1) {
            return "*";
        }
        StringBuilder sb = new StringBuilder().appendCodePoint(cp[0]);
        sb.append("*".repeat(cp.length == 2 ? 1 : cp.length - 2));
        if (cp.length > 2) {
            sb.appendCodePoint(cp[cp.length - 1]);
        }
        return sb.toString();
    }
}
