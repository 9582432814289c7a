package cn.gongji.supervision;

/** 预警等级 of an indicator warning. */
public enum Grade {
    YELLOW("黄色", "yellow"),
    ORANGE("橙色", "orange"),
    RED("红色", "red");

    private final String label;
    private final String code;

    Grade(String label, String code) {
        this.label = label;
        this.code = code;
    }

    public String label() {
        return label;
    }

    public String code() {
        return code;
    }
}
