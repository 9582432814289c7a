package cn.gongji.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/** {@link HeaderChars} answers exactly what Spring Security's default header rules answer, code point by code point. */
class HeaderCharsTest {

    /** The default header-name rule of StrictHttpFirewall (private there; its pattern text). */
    private static final Pattern DEFAULT_NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    @Test
    void header_values_every_code_point_as_the_firewall_default() {
        assertSameOnEveryCodePoint(HeaderChars::value, StrictHttpFirewall.ALLOWED_HEADER_VALUES);
    }

    @Test
    void header_names_every_code_point_as_the_firewall_default() {
        assertSameOnEveryCodePoint(HeaderChars::name, s -> DEFAULT_NAME.matcher(s).matches());
    }

    @Test
    void whole_strings_tabs_and_lone_surrogates() {
        for (String s : new String[] {"", "x-tif-signature", "a\tb", "a\u0000b", "签名", "a\u0085b", "\ud83d\ude00",
                "\ud800", "x\udc00y", "\u0378", "ok\u007f"}) {
            assertThat(HeaderChars.value(s)).as("value %s", s).isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(s));
            assertThat(HeaderChars.name(s)).as("name %s", s).isEqualTo(DEFAULT_NAME.matcher(s).matches());
        }
        assertThat(HeaderChars.value("a\tb")).isTrue();
        assertThat(HeaderChars.name("a\tb")).isFalse();
    }

    private static void assertSameOnEveryCodePoint(Predicate<String> ours, Predicate<String> theirs) {
        int differ = 0;
        String first = null;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String s = "a" + new String(Character.toChars(cp)) + "b";
            if (ours.test(s) != theirs.test(s)) {
                differ++;
                first = first == null ? Integer.toHexString(cp) : first;
            }
        }
        assertThat(differ).as("code points answered differently, the first U+%s", first).isZero();
    }
}
