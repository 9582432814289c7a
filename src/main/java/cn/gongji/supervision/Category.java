package cn.gongji.supervision;

/** 规则分类 (两库 knowledge base): what kind of norm a rule enforces. */
public enum Category {
    POLICY("政策类"),
    MANAGEMENT("管理类"),
    MEDICAL("医疗类");

    private final String label;

    Category(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
