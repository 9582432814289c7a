package cn.gongji.policy;

/** In-service or retired (POLICY.md §1), with the national psn_type code. */
public enum PersonStatus {
    IN_SERVICE("in_service", "1101", "在职"),
    RETIRED("retired", "1201", "退休");

    private final String code;
    private final String psnType;
    private final String label;

    PersonStatus(String code, String psnType, String label) {
        this.code = code;
        this.psnType = psnType;
        this.label = label;
    }

    /** The agency API's spelling: {@code in_service} / {@code retired}. */
    public String code() {
        return code;
    }

    /** National dictionary psn_type: 1101 在职, 1201 退休. */
    public String psnType() {
        return psnType;
    }

    public String label() {
        return label;
    }

    /** The agency API codes: in_service, retired. */
    public static java.util.Set<String> codes() {
        return java.util.Arrays.stream(values()).map(PersonStatus::code).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    public static java.util.Optional<PersonStatus> ofCode(String code) {
        return java.util.Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }

    public static PersonStatus fromCode(String code) {
        for (PersonStatus s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown status: " + code + " (accepted: in_service, retired)");
    }
}
