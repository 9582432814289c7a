package cn.gongji.supervision;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Runs the claim rules that apply to a claim's scene at a stage, with the agency's settings. */
public final class RuleEngine {

    private RuleEngine() {}

    /** @param only rule ids to run (3101 rule_ids); null or empty: every applicable rule */
    public static List<Finding> evaluate(Claim claim, Stage stage, RuleSettings settings, Set<String> only) {
        Scene scene = claim.scene();
        List<Finding> out = new ArrayList<>();
        for (ClaimRule r : Rules.CLAIM) {
            RuleDef d = r.def();
            if (!d.stages().contains(stage) || !d.scenes().contains(scene) || !settings.enabled(d.id())
                    || (only != null && !only.isEmpty() && !only.contains(d.id()))) {
                continue;
            }
            out.addAll(r.check(claim, settings.paramsOf(d)));
        }
        return out;
    }

    public static List<Finding> evaluate(Claim claim, Stage stage, RuleSettings settings) {
        return evaluate(claim, stage, settings, null);
    }
}
