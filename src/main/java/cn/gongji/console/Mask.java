package cn.gongji.console;

/**
 * Masks identity numbers on every console and insured page: the first four and the last four
 * characters stay, the rest become stars ({@code 4101**********1234}). Short values are starred whole.
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
}
