package cn.gongji.supervision;

import java.util.Map;
import java.util.Set;

/** The agency's settings over the shipped rules: parameter values and the rules switched off. */
public record RuleSettings(Map<String, Params> params, Set<String> disabled) {

    public RuleSettings {
        params = Map.copyOf(params);
        disabled = Set.copyOf(disabled);
    }

    public static RuleSettings defaults() {
        return new RuleSettings(Map.of(), Set.of());
    }

    public Params paramsOf(RuleDef def) {
        Params set = params.get(def.id());
        return set == null ? def.defaultParams() : set.over(def.defaultParams());
    }

    public boolean enabled(String ruleId) {
        return !disabled.contains(ruleId);
    }

    /** How many days of a person's history the claim rules need (R07's window, at least a day and a half for R09). */
    public int historyDays() {
        return Math.max(2, paramsOf(HistoryRules.FREQUENT_DEF).whole("window_days") + 1);
    }
}
