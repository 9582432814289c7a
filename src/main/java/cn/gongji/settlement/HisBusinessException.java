package cn.gongji.settlement;

/**
 * A refusal the operator can act on: answered as infcode -2 with {@code message} shown as is. It
 * is thrown before anything is changed, or inside the transaction that is then rolled back, so a
 * refused request never changes state (ARCHITECTURE.md invariant 7).
 *
 * @see cn.gongji.settlement.his.HisProcessor the one place that maps exceptions to the envelope
 */
public class HisBusinessException extends RuntimeException {

    private final String code;

    /**
     * @param code    a stable reason code for tools and tests (e.g. {@code FIELD}, {@code SIGNATURE})
     * @param message Chinese first, English after " / "
     */
    public HisBusinessException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static HisBusinessException field(String path, String problem, String english) {
        return new HisBusinessException("FIELD", "字段 " + path + " " + problem + " / field " + path + " " + english);
    }
}
