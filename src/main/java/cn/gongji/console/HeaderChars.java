package cn.gongji.console;

/**
 * The header rules of Spring Security's {@code StrictHttpFirewall}, as loops over the code points.
 * The firewall's defaults are regular expressions ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*} for
 * names, the same with a tab allowed for values), so every header a request read made two Matchers:
 * the HIS endpoint reads four per message. Same rules, tested code point by code point
 * ({@code HeaderCharsTest}).
 */
final class HeaderChars {

    private HeaderChars() {}

    /** Every code point assigned and none a control character. */
    static boolean name(String s) {
        return allowed(s, false);
    }

    /** {@link #name}'s rule, and a tab allowed. */
    static boolean value(String s) {
        return allowed(s, true);
    }

    private static boolean allowed(String s, boolean tab) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (!Character.isDefined(cp) || (Character.getType(cp) == Character.CONTROL && !(tab && cp == '\t'))) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }
}
