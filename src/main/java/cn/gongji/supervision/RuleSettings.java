package cn.gongji.supervision;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The agency's settings over the shipped rules: parameter values and the rules switched off.
 *
 * <p>Immutable. Every shipped rule's effective parameters (the agency's values over the rule's
 * defaults) are merged once, here, because the settlement path asks for them for every claim; a
 * change through the agency API makes a new instance ({@code RuleStore} reloads), so nothing held
 * here goes stale.
 */
public final class RuleSettings {

    private static final RuleSettings DEFAULTS = new RuleSettings(Map.of(), Set.of());

    private final Map<String, Params> params;
    private final Set<String> disabled;
    /** By the shipped definition's identity: a definition made elsewhere (a test's) is merged on each call. */
    private final Map<RuleDef, Params> effective;
    private final int historyDays;

    public RuleSettings(Map<String, Params> params, Set<String> disabled) {
        this.params = Map.copyOf(params);
        this.disabled = Set.copyOf(disabled);
        Map<RuleDef, Params> e = new IdentityHashMap<>();
        for (RuleDef d : Rules.ALL) {
            e.put(d, merge(d));
        }
        this.effective = e;
        this.historyDays = Math.max(2, paramsOf(HistoryRules.FREQUENT_DEF).whole("window_days") + 1);
    }

    public static RuleSettings defaults() {
        return DEFAULTS;
    }

    /** The agency's values by rule id (only those set; the defaults are in each {@link RuleDef}). */
    public Map<String, Params> params() {
        return params;
    }

    /** The ids of the rules switched off. */
    public Set<String> disabled() {
        return disabled;
    }

    public Params paramsOf(RuleDef def) {
        Params p = effective.get(def);
        return p != null ? p : merge(def);
    }

    private Params merge(RuleDef def) {
        Params set = params.get(def.id());
        return set == null ? def.defaultParams() : set.over(def.defaultParams());
    }

    public boolean enabled(String ruleId) {
        return !disabled.contains(ruleId);
    }

    /** How many days of a person's history the claim rules need (R07's window, at least a day and a half for R09). */
    public int historyDays() {
        return historyDays;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuleSettings s && params.equals(s.params) && disabled.equals(s.disabled);
    }

    @Override
    public int hashCode() {
        return Objects.hash(params, disabled);
    }

    @Override
    public String toString() {
        return "RuleSettings[params=" + params + ", disabled=" + disabled + "]";
    }
}
