package cn.gongji.benefit;

/**
 * Whether the pooling fund takes part in a settlement at all. When it does not, every amount is
 * the person's and the trace says why.
 */
public sealed interface Coverage {

    Coverage POOLED = new Pooled(null);

    /**
     * @param note why the fund takes part where it might not (off-site care: the registration that
     *             covers it, or the emergency that needs none), shown in setl_proc_info; null: nothing to say
     */
    record Pooled(String note) implements Coverage {}

    /**
     * @param code   a stable reason code (e.g. {@code OFFSITE_NOT_REGISTERED}, {@code PHARMACY_PURCHASE})
     * @param reason the explanation shown in setl_proc_info
     */
    record NotPooled(String code, String reason) implements Coverage {}
}
