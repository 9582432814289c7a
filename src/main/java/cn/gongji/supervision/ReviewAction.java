package cn.gongji.supervision;

import java.util.Arrays;
import java.util.Optional;

/** What a reviewer (or the institution) does to a warning. */
public enum ReviewAction {
    ESCALATE("escalate", "初审认定疑点成立，转复审"),
    NOTIFY("notify", "复审认定疑点成立，通知机构申诉"),
    APPEAL("appeal", "机构提交申诉"),
    LAPSE("lapse", "申诉期满机构未申诉，转核实"),
    CONFIRM("confirm", "核实确认违规，追回基金"),
    DISMISS("dismiss", "排除疑点，不予处理");

    private final String code;
    private final String label;

    ReviewAction(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static Optional<ReviewAction> fromCode(String code) {
        return Arrays.stream(values()).filter(a -> a.code.equals(code)).findFirst();
    }
}
