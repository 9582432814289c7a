package cn.gongji.supervision;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The rule catalogue: every claim rule, the account rule R11 and the indicator rules I01–I06. */
public final class Rules {

    private Rules() {}

    /** The claim rules, in the order their findings are reported. */
    public static final List<ClaimRule> CLAIM = List.of(VisitRules.DUPLICATE, ItemRules.QTY, ItemRules.SEX, ItemRules.AGE,
            ItemRules.LEVEL, ItemRules.PRICE, HistoryRules.FREQUENT, HistoryRules.SAME_DAY, HistoryRules.SPLIT,
            VisitRules.BIG_RX, VisitRules.DEATH, VisitRules.PERIOD);

    public static final List<RuleDef> ALL;

    static {
        List<RuleDef> all = new ArrayList<>();
        CLAIM.forEach(r -> all.add(r.def()));
        all.add(CashOutRule.DEF);
        for (Indicator i : Indicator.values()) {
            all.add(i.def());
        }
        all.sort(java.util.Comparator.comparing(RuleDef::id));
        ALL = List.copyOf(all);
    }

    public static Optional<RuleDef> find(String id) {
        return ALL.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
