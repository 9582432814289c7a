package cn.gongji.registry;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/**
 * A mainland resident identity card number (GB 11643-1999): 6-digit area code, 8-digit birth date,
 * 3-digit sequence (odd = male), and a check character by ISO 7064 MOD 11-2 ('X' stands for 10).
 */
public record CertNo(String value) {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";
    private static final DateTimeFormatter BIRTH = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);

    /** Why a string is not a valid certno. */
    public enum Defect {
        FORMAT("应为 18 位：17 位数字加 1 位数字或 X", "must be 18 characters: 17 digits and a digit or X"),
        BIRTH_DATE("出生日期部分无效", "birth date part is not a valid date"),
        CHECK_DIGIT("校验位错误", "check digit is wrong");

        public final String zh;
        public final String en;

        Defect(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }
    }

    /** The defect of {@code s}, or empty when it is a valid certno (a lowercase x is accepted). */
    public static Optional<Defect> defect(String s) {
        if (s == null || !s.matches("[1-9]\\d{16}[\\dXx]")) {
            return Optional.of(Defect.FORMAT);
        }
        if (birthDateOf(s) == null) {
            return Optional.of(Defect.BIRTH_DATE);
        }
        if (Character.toUpperCase(s.charAt(17)) != checkChar(s.substring(0, 17))) {
            return Optional.of(Defect.CHECK_DIGIT);
        }
        return Optional.empty();
    }

    /** Parses a valid certno; upper-cases a trailing x. */
    public static CertNo parse(String s) {
        defect(s).ifPresent(d -> {
            throw new IllegalArgumentException("certno " + d.en);
        });
        return new CertNo(s.toUpperCase(java.util.Locale.ROOT));
    }

    /** The ISO 7064 MOD 11-2 check character for the first 17 digits. */
    public static char checkChar(String first17) {
        if (!first17.matches("\\d{17}")) {
            throw new IllegalArgumentException("need 17 digits");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }

    /** Appends the check character: for generating demo and test numbers. */
    public static CertNo complete(String first17) {
        return new CertNo(first17 + checkChar(first17));
    }

    private static LocalDate birthDateOf(String s) {
        try {
            return LocalDate.parse(s.substring(6, 14), BIRTH);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public LocalDate birthDate() {
        return birthDateOf(value);
    }

    /** "1" male, "2" female, from the parity of the 17th digit. */
    public String gender() {
        return (value.charAt(16) - '0') % 2 == 1 ? "1" : "2";
    }
}
