package cn.gongji.account;

/**
 * The kinds of ledger entry (the {@code kind} column). Each kind fixes the sign its amount may have;
 * two kinds close the account (the whole balance leaves) and one may open or reopen it.
 */
public enum EntryKind {
    CREDIT("credit", "划入", Sign.POSITIVE),
    PAYMENT("payment", "支付", Sign.NEGATIVE),
    REFUND("refund", "退回", Sign.POSITIVE),
    FAMILY_PAYMENT("family_payment", "家庭共济支付", Sign.NEGATIVE),
    FAMILY_REFUND("family_refund", "家庭共济退回", Sign.POSITIVE),
    CONTRIBUTION("contribution", "代缴保费", Sign.NEGATIVE),
    TRANSFER_OUT("transfer_out", "转出", Sign.WHOLE_BALANCE_OUT),
    TRANSFER_IN("transfer_in", "转入", Sign.ZERO_OR_POSITIVE),
    PAYOUT("payout", "一次性支付", Sign.WHOLE_BALANCE_OUT),
    CORRECTION("correction", "更正", Sign.NON_ZERO),
    OPENING_BALANCE("opening_balance", "期初余额", Sign.POSITIVE);

    /** What an entry's amount may be. */
    public enum Sign { POSITIVE, NEGATIVE, NON_ZERO, ZERO_OR_POSITIVE, WHOLE_BALANCE_OUT }

    private final String code;
    private final String zh;
    private final Sign sign;

    EntryKind(String code, String zh, Sign sign) {
        this.code = code;
        this.zh = zh;
        this.sign = sign;
    }

    public String code() {
        return code;
    }

    /** The kind's Chinese name, for messages read by staff (划入, 转出, ...). */
    public String zh() {
        return zh;
    }

    public Sign sign() {
        return sign;
    }

    /**
     * Transfer-out and payout take the whole balance and close the account. On an account closed
     * already they are taken only while its balance is positive: what refunds brought back since it
     * was closed goes the way the rest went (a further payout to the heirs, a further transfer).
     */
    public boolean closes() {
        return sign == Sign.WHOLE_BALANCE_OUT;
    }

    /**
     * A refund of a cancelled settlement returns money that was taken from this account; it is
     * taken even by a closed account (the money is the holder's, or the heirs'), whose balance then
     * waits for a further payout. Invariant 4: a cancel restores exactly what was consumed.
     */
    public boolean acceptedWhenClosed() {
        return this == REFUND || this == FAMILY_REFUND;
    }

    /** Only a transfer-in may open an account that does not exist or reopen a closed one. */
    public boolean opens() {
        return this == TRANSFER_IN;
    }

    public static EntryKind fromCode(String code) {
        for (EntryKind k : values()) {
            if (k.code.equals(code)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown entry kind: " + code);
    }
}
