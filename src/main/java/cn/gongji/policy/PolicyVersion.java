package cn.gongji.policy;

import cn.gongji.common.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One dated set of policy parameters (POLICY.md §3, §5). It is in force from {@code effectiveFrom}
 * until the next version's date; every settlement records the {@code versionId} that priced it.
 *
 * @param deductible          per-episode deductible (起付标准) by institution level
 * @param ratio               fund payment ratio by level and status
 * @param annualLimit         calendar-year limit of the pooling fund for ordinary outpatient care
 * @param episodeWindow       the deductible episode (24 h at one institution)
 * @param inServiceCreditRate monthly account credit for in-service persons, share of the contribution base
 * @param retiredMonthlyCredit monthly account credit for retired persons (fixed amount)
 */
public record PolicyVersion(
        String versionId,
        LocalDate effectiveFrom,
        String title,
        Map<Level, Money> deductible,
        Map<Level, Map<PersonStatus, BigDecimal>> ratio,
        Map<PersonStatus, Money> annualLimit,
        Duration episodeWindow,
        BigDecimal inServiceCreditRate,
        Money retiredMonthlyCredit) {

    public PolicyVersion {
        Objects.requireNonNull(versionId, "versionId");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        deductible = Map.copyOf(new EnumMap<>(deductible));
        annualLimit = Map.copyOf(new EnumMap<>(annualLimit));
        EnumMap<Level, Map<PersonStatus, BigDecimal>> r = new EnumMap<>(Level.class);
        ratio.forEach((level, byStatus) -> r.put(level, Map.copyOf(byStatus)));
        ratio = Map.copyOf(r);
        for (Level level : Level.values()) {
            require(deductible.containsKey(level), "deductible for " + level);
            require(!deductible.get(level).isNegative(), "a non-negative deductible for " + level);
            for (PersonStatus s : PersonStatus.values()) {
                BigDecimal q = ratio.getOrDefault(level, Map.of()).get(s);
                require(q != null, "ratio for " + level + "/" + s);
                require(q.signum() >= 0 && q.compareTo(BigDecimal.ONE) <= 0, "ratio within 0..1 for " + level + "/" + s);
                // settlements report the ratio as pool_prop_selfpay with 4 decimals
                require(q.stripTrailingZeros().scale() <= 4, "ratio with at most 4 decimals for " + level + "/" + s);
            }
        }
        for (PersonStatus s : PersonStatus.values()) {
            require(annualLimit.containsKey(s), "annual limit for " + s);
            require(!annualLimit.get(s).isNegative(), "a non-negative annual limit for " + s);
        }
        require(episodeWindow != null && !episodeWindow.isNegative() && !episodeWindow.isZero(), "a positive episode window");
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("policy version lacks " + what);
        }
    }

    public Money deductible(Level level) {
        return deductible.get(level);
    }

    public BigDecimal ratio(Level level, PersonStatus status) {
        return ratio.get(level).get(status);
    }

    public Money annualLimit(PersonStatus status) {
        return annualLimit.get(status);
    }
}
