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

    private static final java.util.Map<String, String> ENGLISH = java.util.Map.ofEntries(
            java.util.Map.entry("R01", "duplicate charge in one visit"),
            java.util.Map.entry("R02", "quantity over the item's per-visit limit"),
            java.util.Map.entry("R03", "item restricted by sex"),
            java.util.Map.entry("R04", "item restricted by age"),
            java.util.Map.entry("R05", "item restricted to an institution level"),
            java.util.Map.entry("R06", "price over the payment standard"),
            java.util.Map.entry("R07", "many visits in a short window"),
            java.util.Map.entry("R08", "several institutions on one day"),
            java.util.Map.entry("R09", "visit just past the 24-hour episode"),
            java.util.Map.entry("R10", "prescription far beyond normal size"),
            java.util.Map.entry("R11", "account paying unusually at pharmacies (cash-out pattern)"),
            java.util.Map.entry("R12", "charges after the person's death"),
            java.util.Map.entry("R13", "charges outside the insurance period"),
            java.util.Map.entry("I01", "cost growth month on month"),
            java.util.Map.entry("I02", "cost growth year on year"),
            java.util.Map.entry("I03", "average cost per visit"),
            java.util.Map.entry("I04", "self-pay share"),
            java.util.Map.entry("I05", "examination and test share"),
            java.util.Map.entry("I06", "share outside the catalog"));

    /** The rule's name in English, for the English half of refusals. */
    public static String english(String id) {
        return ENGLISH.getOrDefault(id, id);
    }

    public static Optional<RuleDef> find(String id) {
        return ALL.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
