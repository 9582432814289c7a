package cn.gongji.supervision;

/** 应用场景 of a rule. A claim has exactly one scene (see {@link Claim#scene()}). */
public enum Scene {
    OUTPATIENT("门急诊"),
    PHARMACY("购药"),
    INTERNET("互联网诊疗"),
    OFFSITE("异地就医");

    private final String label;

    Scene(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
