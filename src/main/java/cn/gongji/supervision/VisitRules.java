package cn.gongji.supervision;

import static cn.gongji.supervision.Stage.AFTER;
import static cn.gongji.supervision.Stage.BEFORE;
import static cn.gongji.supervision.Stage.DURING;

import cn.gongji.common.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rules over one visit as a whole: duplicate charges, 大处方, death, the insurance period. */
final class VisitRules {

    private VisitRules() {}

    static final RuleDef DUPLICATE_DEF = new RuleDef("R01", "同一就诊重复收费", Category.MANAGEMENT, ResultType.SUSPICIOUS,
            "当次就诊", ItemRules.ALL_SCENES, EnumSet.of(DURING, AFTER), 2, "1",
            "同一就诊中同一项目、同一单价收费 min_repeats 条及以上", Map.of("min_repeats", new BigDecimal("2")));

    static final RuleDef BIG_RX_DEF = new RuleDef("R10", "大处方", Category.MEDICAL, ResultType.SUSPICIOUS, "当次就诊",
            ItemRules.ALL_SCENES, EnumSet.of(BEFORE, DURING, AFTER), 2, "5",
            "一次就诊药品金额超过 max_drug_amount 或药品品种超过 max_drug_items（门诊处方一般不超过5种药品）",
            Map.of("max_drug_amount", new BigDecimal("1000"), "max_drug_items", new BigDecimal("5")));

    static final RuleDef DEATH_DEF = new RuleDef("R12", "死亡后发生医疗费用", Category.POLICY, ResultType.VIOLATION, "自然日",
            ItemRules.ALL_SCENES, EnumSet.of(DURING, AFTER), 1, "6", "就诊日期不早于登记的死亡日期（person_death）", Map.of());

    // Suspicious, not a refusal: care during a suspension is settled without pooling, the account
    // still pays (issue 4, decision P-insurance-status); the finding puts the visit before a reviewer.
    static final RuleDef PERIOD_DEF = new RuleDef("R13", "参保期外发生医疗费用", Category.POLICY, ResultType.SUSPICIOUS,
            "自然日", ItemRules.ALL_SCENES, EnumSet.of(DURING, AFTER), 1, "6",
            "就诊日期早于参保日期（insu_date）或不早于暂停参保日期（paus_insu_date）", Map.of());

    /** Two or more lines of the same item at the same unit price in one visit. */
    static final ClaimRule DUPLICATE = ClaimRule.of(DUPLICATE_DEF, (c, p) -> {
        int min = p.whole("min_repeats");
        if (min >= 2 && !anyRepeat(c.charges())) {
            return List.of();
        }
        Map<String, List<Claim.Charge>> groups = new LinkedHashMap<>();
        for (Claim.Charge ch : c.charges()) {
            groups.computeIfAbsent(ch.code() + "@" + ch.pric().stripTrailingZeros().toPlainString(), k -> new ArrayList<>()).add(ch);
        }
        List<String> parts = new ArrayList<>();
        List<String> sns = new ArrayList<>();
        Money amount = Money.ZERO;
        for (List<Claim.Charge> g : groups.values()) {
            if (g.size() >= min) {
                Claim.Charge first = g.getFirst();
                parts.add(first.name() + "（" + first.code() + "）单价 " + ItemRules.plain(first.pric()) + " 收费 " + g.size() + " 次");
                g.forEach(ch -> sns.add(ch.sn()));
                for (int i = 1; i < g.size(); i++) {
                    amount = amount.plus(g.get(i).total());
                }
            }
        }
        return ItemRules.found(c, DUPLICATE_DEF, parts, amount, sns, () -> "min_repeats=" + min + "；明细 " + String.join("、", sns));
    });

    /**
     * Whether two lines share an item and a unit price (the grouping key of R01: the same code, prices
     * equal as numbers). The clean visit's quick answer; a long visit takes the grouping path.
     */
    static boolean anyRepeat(List<Claim.Charge> charges) {
        int n = charges.size();
        if (n > 64) {
            return true;
        }
        for (int i = 0; i < n; i++) {
            Claim.Charge a = charges.get(i);
            for (int j = i + 1; j < n; j++) {
                Claim.Charge b = charges.get(j);
                if (a.code().equals(b.code()) && a.pric().compareTo(b.pric()) == 0) {
                    return true;
                }
            }
        }
        return false;
    }

    static final ClaimRule BIG_RX = ClaimRule.of(BIG_RX_DEF, (c, p) -> {
        // a loop, not streams: this runs for every settlement
        List<Claim.Charge> drugs = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        Money drugAmount = Money.ZERO;
        for (Claim.Charge ch : c.charges()) {
            if (ch.drug()) {
                drugs.add(ch);
                codes.add(ch.code());
                drugAmount = drugAmount.plus(ch.total());
            }
        }
        int kinds = codes.size();
        Money maxAmount = Money.rounded(p.get("max_drug_amount"), java.math.RoundingMode.HALF_UP);
        int maxItems = p.whole("max_drug_items");
        List<String> parts = new ArrayList<>();
        if (drugAmount.compareTo(maxAmount) > 0) {
            parts.add("药品金额 " + drugAmount + " 超过 " + maxAmount);
        }
        if (kinds > maxItems) {
            parts.add("药品品种 " + kinds + " 种，超过 " + maxItems + " 种");
        }
        if (parts.isEmpty()) {
            return List.of();
        }
        Money over = drugAmount.minus(maxAmount).atLeastZero();
        return ItemRules.found(c, BIG_RX_DEF, parts, over.isPositive() ? over : drugAmount,
                drugs.stream().map(Claim.Charge::sn).toList(), () -> "max_drug_amount=" + maxAmount + "，max_drug_items=" + maxItems);
    });

    static final ClaimRule DEATH = ClaimRule.of(DEATH_DEF, (c, p) -> {
        var died = c.patient().diedOn();
        if (died == null || c.careDate().isBefore(died)) {
            return List.of();
        }
        return ItemRules.found(c, DEATH_DEF, List.of("参保人已于 " + died + " 死亡，就诊日期 " + c.careDate() + " 仍发生费用 " + c.total()),
                c.total(), c.charges().stream().map(Claim.Charge::sn).toList(), () -> "死亡日期 " + died);
    });

    static final ClaimRule PERIOD = ClaimRule.of(PERIOD_DEF, (c, p) -> {
        Claim.Patient pt = c.patient();
        boolean before = pt.insuDate() != null && c.careDate().isBefore(pt.insuDate());
        boolean after = pt.pausInsuDate() != null && !c.careDate().isBefore(pt.pausInsuDate());
        if (!before && !after) {
            return List.of();
        }
        String why = before ? "早于参保日期 " + pt.insuDate() : "不早于暂停参保日期 " + pt.pausInsuDate();
        return ItemRules.found(c, PERIOD_DEF, List.of("就诊日期 " + c.careDate() + " " + why + "，发生费用 " + c.total()),
                c.total(), c.charges().stream().map(Claim.Charge::sn).toList(),
                () -> "参保日期 " + pt.insuDate() + "，暂停参保日期 " + pt.pausInsuDate());
    });
}
