package cn.gongji.policy;

/**
 * Level of a designated medical institution (POLICY.md §1). {@code L1} is level one and below,
 * including primary-care institutions; an unrated clinic is {@code L1}.
 */
public enum Level {
    L1("一级及以下"),
    L2("二级"),
    L3("三级");

    private final String label;

    Level(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
