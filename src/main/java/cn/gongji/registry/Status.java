package cn.gongji.registry;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Employment status of an insured person; the code is what the agency API and the database use. */
public enum Status {
    IN_SERVICE("in_service", "1101"),
    RETIRED("retired", "1201");

    public static final Set<String> CODES = Arrays.stream(values()).map(s -> s.code).collect(Collectors.toUnmodifiableSet());

    public final String code;
    /** psn_type in the HIS protocol. */
    public final String psnType;

    Status(String code, String psnType) {
        this.code = code;
        this.psnType = psnType;
    }

    public static Optional<Status> ofCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
