package cn.gongji.registry;

/**
 * Person numbers: "4113" (Nanyang) followed by the 16-digit zero-padded value of the database
 * sequence psn_no_seq, e.g. 41130000000000000001. Unique because the sequence never repeats;
 * not secret (a person proves identity with the e-voucher, card or certno, not the psn_no).
 */
public final class PsnNo {

    public static final String PREFIX = "4113";

    private PsnNo() {}

    public static String format(long n) {
        if (n < 1 || n > 9_999_999_999_999_999L) {
            throw new IllegalArgumentException("person sequence out of range: " + n);
        }
        return PREFIX + String.format("%016d", n);
    }
}
