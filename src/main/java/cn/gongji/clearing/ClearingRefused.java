package cn.gongji.clearing;

/**
 * A clearing request refused before anything changed: a stable code, the field at fault (or null)
 * and a "中文 / English" message. Adapters map it to their interface's error shape.
 */
public class ClearingRefused extends RuntimeException {

    private final String code;
    private final String field;
    private final boolean conflict;

    public ClearingRefused(String code, String field, String zh, String en) {
        this(code, field, zh, en, false);
    }

    public ClearingRefused(String code, String field, String zh, String en, boolean conflict) {
        super(zh + " / " + en, null, false, false);
        this.code = code;
        this.field = field;
        this.conflict = conflict;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    /** Refused because of existing data (HTTP 409) rather than bad input (400). */
    public boolean conflict() {
        return conflict;
    }

    public String zh() {
        return getMessage().substring(0, getMessage().indexOf(" / "));
    }

    public String en() {
        return getMessage().substring(getMessage().indexOf(" / ") + 3);
    }
}
