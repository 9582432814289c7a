package cn.gongji.supervision;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/**
 * What the 两库 rule base says about a rule: its identity, kind, result type, window, scenes,
 * stages, severity and default parameters. The check itself is a pure function beside it.
 *
 * @param window      时间区间, as text (当次就诊, 自然日, N 天 …)
 * @param severity    严重程度 1 (clear violation) … 3 (mildly suspicious); the 3101 {@code sev_deg}
 * @param behaviour   违规行为分类, the 3101 {@code vola_bhvr_type} (dictionary in docs/supervision.md)
 * @param basis       依据: the norm the rule enforces, quoted as the finding's evidence basis
 */
public record RuleDef(
        String id,
        String name,
        Category category,
        ResultType resultType,
        String window,
        Set<Scene> scenes,
        Set<Stage> stages,
        int severity,
        String behaviour,
        String basis,
        Map<String, BigDecimal> defaults) {

    public RuleDef {
        scenes = Set.copyOf(scenes);
        stages = Set.copyOf(stages);
        defaults = Map.copyOf(defaults);
    }

    public Params defaultParams() {
        return Params.of(defaults);
    }

    public boolean violation() {
        return resultType == ResultType.VIOLATION;
    }
}
