package cn.gongji.policy.db;

import cn.gongji.common.Money;
import cn.gongji.policy.Level;
import cn.gongji.policy.PersonStatus;
import cn.gongji.policy.PolicyVersion;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/** Reads a policy version from its JSON form (the shipped resource, the policy_version table, the agency API). */
public final class PolicyJson {

    private static final String AMOUNT = "an amount in yuan with at most 2 decimals, like \"30.00\"";
    private static final String RATIO = "a decimal like \"0.55\"";

    private PolicyJson() {}

    public static PolicyVersion read(JsonNode n) {
        Map<Level, Money> deductible = new EnumMap<>(Level.class);
        Map<Level, Map<PersonStatus, BigDecimal>> ratio = new EnumMap<>(Level.class);
        for (Level level : Level.values()) {
            deductible.put(level, parse(n, AMOUNT, Money::of, "deductible", level.name()));
            Map<PersonStatus, BigDecimal> byStatus = new EnumMap<>(PersonStatus.class);
            for (PersonStatus s : PersonStatus.values()) {
                BigDecimal r = parse(n, RATIO, BigDecimal::new, "ratio", level.name(), s.code());
                if (r.scale() > 4) {
                    throw new IllegalArgumentException("ratio " + level + "/" + s.code() + " has more than 4 decimals");
                }
                byStatus.put(s, r);
            }
            ratio.put(level, byStatus);
        }
        Map<PersonStatus, Money> limit = new EnumMap<>(PersonStatus.class);
        for (PersonStatus s : PersonStatus.values()) {
            limit.put(s, parse(n, AMOUNT, Money::of, "annual_limit", s.code()));
        }
        return new PolicyVersion(
                text(n, "version_id"),
                parse(n, "a date like 2022-07-01", LocalDate::parse, "effective_from"),
                n.path("title").asString(""),
                deductible,
                ratio,
                limit,
                parse(n, "an ISO-8601 duration like PT24H", Duration::parse, "episode_window"),
                parse(n, RATIO, BigDecimal::new, "account", "in_service_credit_rate"),
                parse(n, AMOUNT, Money::of, "account", "retired_monthly_credit"));
    }

    private static String text(JsonNode root, String... path) {
        JsonNode n = root;
        for (String p : path) {
            n = n.path(p);
        }
        if (n.isMissingNode() || n.isNull()) {
            throw new IllegalArgumentException("policy parameter missing: " + String.join(".", path));
        }
        if (n.isContainer()) {
            throw new IllegalArgumentException("policy parameter " + String.join(".", path) + " must be a single value, not " + n);
        }
        return n.asString();
    }

    /** Reads one parameter; a value the parser refuses is reported with the parameter's name and what is accepted. */
    private static <T> T parse(JsonNode root, String accepted, Function<String, T> parser, String... path) {
        String value = text(root, path);
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("policy parameter " + String.join(".", path) + " = '" + value
                    + "' is not " + accepted, e);
        }
    }
}
