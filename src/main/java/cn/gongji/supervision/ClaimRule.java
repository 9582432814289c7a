package cn.gongji.supervision;

import java.util.List;
import java.util.function.BiFunction;

/** A rule over one claim: its definition and a pure check that answers its findings (none: the claim passes). */
public interface ClaimRule {

    RuleDef def();

    List<Finding> check(Claim claim, Params params);

    static ClaimRule of(RuleDef def, BiFunction<Claim, Params, List<Finding>> check) {
        return new ClaimRule() {
            @Override
            public RuleDef def() {
                return def;
            }

            @Override
            public List<Finding> check(Claim claim, Params params) {
                return check.apply(claim, params);
            }

            @Override
            public String toString() {
                return def.id() + " " + def.name();
            }
        };
    }
}
