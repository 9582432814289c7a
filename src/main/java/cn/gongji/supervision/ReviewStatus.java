package cn.gongji.supervision;

import java.util.Arrays;
import java.util.Optional;

/** Where a warning stands in the review (两库 measures): 初审 → 复审 → 申诉 → 核实 → 处理. */
public enum ReviewStatus {
    FIRST_REVIEW("first_review", "初审"),
    SECOND_REVIEW("second_review", "复审"),
    APPEAL("appeal", "申诉"),
    VERIFICATION("verification", "核实"),
    CONFIRMED("confirmed", "处理：确认违规"),
    DISMISSED("dismissed", "处理：排除");

    private final String code;
    private final String label;

    ReviewStatus(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public boolean terminal() {
        return this == CONFIRMED || this == DISMISSED;
    }

    public static Optional<ReviewStatus> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
