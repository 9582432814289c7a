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
import tools.jackson.databind.JsonNode;

/** Reads a policy version from its JSON form (the shipped resource, the policy_version table, the agency API). */
public final class PolicyJson {

    private PolicyJson() {}

    public static PolicyVersion read(JsonNode n) {
        Map<Level, Money> deductible = new EnumMap<>(Level.class);
        Map<Level, Map<PersonStatus, BigDecimal>> ratio = new EnumMap<>(Level.class);
        for (Level level : Level.values()) {
            deductible.put(level, Money.of(text(n, "deductible", level.name())));
            Map<PersonStatus, BigDecimal> byStatus = new EnumMap<>(PersonStatus.class);
            for (PersonStatus s : PersonStatus.values()) {
                BigDecimal r = new BigDecimal(text(n, "ratio", level.name(), s.code()));
                if (r.scale() > 4) {
                    throw new IllegalArgumentException("ratio " + level + "/" + s.code() + " has more than 4 decimals");
                }
                byStatus.put(s, r);
            }
            ratio.put(level, byStatus);
        }
        Map<PersonStatus, Money> limit = new EnumMap<>(PersonStatus.class);
        for (PersonStatus s : PersonStatus.values()) {
            limit.put(s, Money.of(text(n, "annual_limit", s.code())));
        }
        return new PolicyVersion(
                text(n, "version_id"),
                LocalDate.parse(text(n, "effective_from")),
                n.path("title").asString(""),
                deductible,
                ratio,
                limit,
                Duration.parse(text(n, "episode_window")),
                new BigDecimal(text(n, "account", "in_service_credit_rate")),
                Money.of(text(n, "account", "retired_monthly_credit")));
    }

    private static String text(JsonNode root, String... path) {
        JsonNode n = root;
        for (String p : path) {
            n = n.path(p);
        }
        if (n.isMissingNode() || n.isNull()) {
            throw new IllegalArgumentException("policy parameter missing: " + String.join(".", path));
        }
        return n.asString();
    }
}
