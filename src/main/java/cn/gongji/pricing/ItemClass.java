package cn.gongji.pricing;

/** Catalog class of an item (POLICY.md §2), with the national chrgitm_lv code. */
public enum ItemClass {
    /** 甲类: fully in scope. */
    A("01", "甲类"),
    /** 乙类: in scope after the person's pre-pay share. */
    B("02", "乙类"),
    /** 丙类/自费, or not in the catalog: outside scope. */
    C("03", "丙类");

    private final String chrgitmLv;
    private final String label;

    ItemClass(String chrgitmLv, String label) {
        this.chrgitmLv = chrgitmLv;
        this.label = label;
    }

    public String chrgitmLv() {
        return chrgitmLv;
    }

    public String label() {
        return label;
    }

    public static ItemClass fromChrgitmLv(String code) {
        for (ItemClass c : values()) {
            if (c.chrgitmLv.equals(code)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown chrgitm_lv: " + code + " (accepted: 01, 02, 03)");
    }
}
