package cn.gongji.supervision;

/** 规则运行结果类型: a clear violation refuses; a suspicious finding is recorded for review. */
public enum ResultType {
    SUSPICIOUS("可疑", "suspicious"),
    VIOLATION("明确违规", "violation");

    private final String label;
    private final String code;

    ResultType(String label, String code) {
        this.label = label;
        this.code = code;
    }

    public String label() {
        return label;
    }

    /** As stored in supervision_warning.result_type. */
    public String code() {
        return code;
    }
}
