package cn.gongji.supervision;

/** 监管环节: before care is charged (3101, 2204), during settlement (2206/2207), after (the scan). */
public enum Stage {
    BEFORE("事前"),
    DURING("事中"),
    AFTER("事后");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
