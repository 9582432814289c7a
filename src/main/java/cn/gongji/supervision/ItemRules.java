package cn.gongji.supervision;

import static cn.gongji.supervision.Stage.AFTER;
import static cn.gongji.supervision.Stage.BEFORE;
import static cn.gongji.supervision.Stage.DURING;

import cn.gongji.common.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Rules on single items against their catalog limits (限定支付范围): quantity, sex, age, institution level, price. */
final class ItemRules {

    private ItemRules() {}

    static final EnumSet<Scene> ALL_SCENES = EnumSet.allOf(Scene.class);

    static final RuleDef QTY_DEF = new RuleDef("R02", "超每次就诊限量", Category.POLICY, ResultType.VIOLATION, "当次就诊",
            ALL_SCENES, EnumSet.of(BEFORE, DURING, AFTER), 1, "2", "目录限定每次就诊最大数量（max_qty_per_visit）",
            Map.of("tolerance", BigDecimal.ZERO));

    static final RuleDef SEX_DEF = new RuleDef("R03", "限性别项目", Category.MEDICAL, ResultType.VIOLATION, "当次就诊",
            ALL_SCENES, EnumSet.of(BEFORE, DURING, AFTER), 1, "2", "目录限定性别（gender_limit）", Map.of());

    static final RuleDef AGE_DEF = new RuleDef("R04", "限年龄项目", Category.MEDICAL, ResultType.VIOLATION, "当次就诊",
            ALL_SCENES, EnumSet.of(BEFORE, DURING, AFTER), 1, "2", "目录限定年龄（min_age、max_age）", Map.of());

    static final RuleDef LEVEL_DEF = new RuleDef("R05", "限医疗机构级别项目", Category.POLICY, ResultType.VIOLATION,
            "当次就诊", EnumSet.of(Scene.OUTPATIENT, Scene.INTERNET, Scene.OFFSITE), EnumSet.of(BEFORE, DURING, AFTER), 1, "2",
            "目录限定最低医疗机构级别（min_level）", Map.of());

    static final RuleDef PRICE_DEF = new RuleDef("R06", "超医保支付标准收费", Category.POLICY, ResultType.SUSPICIOUS,
            "当次就诊", ALL_SCENES, EnumSet.of(DURING, AFTER), 3, "3",
            "单价高于医保支付标准（pay_std）×（1 + tolerance_ratio）；超出部分已由个人负担，仍提示价格异常",
            Map.of("tolerance_ratio", new BigDecimal("0.5")));

    /** The summed quantity of an item over the visit exceeds the catalog's per-visit limit (plus tolerance). */
    static final ClaimRule QTY = ClaimRule.of(QTY_DEF, (c, p) -> {
        if (!anyQuantityLimit(c)) {
            return List.of();
        }
        Map<String, List<Claim.Charge>> byCode = new LinkedHashMap<>();
        c.charges().forEach(ch -> byCode.computeIfAbsent(ch.code(), k -> new ArrayList<>()).add(ch));
        List<String> parts = new ArrayList<>();
        List<String> sns = new ArrayList<>();
        Money amount = Money.ZERO;
        for (List<Claim.Charge> same : byCode.values()) {
            BigDecimal limit = same.getFirst().limits().maxQtyPerVisit();
            if (limit == null) {
                continue;
            }
            BigDecimal qty = same.stream().map(Claim.Charge::cnt).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (qty.compareTo(limit.add(p.get("tolerance"))) > 0) {
                Claim.Charge first = same.getFirst();
                parts.add(first.name() + "（" + first.code() + "）数量 " + plain(qty) + " 超过每次就诊限量 " + plain(limit));
                same.forEach(ch -> sns.add(ch.sn()));
                BigDecimal unit = first.pric();
                amount = amount.plus(Money.rounded(unit.multiply(qty.subtract(limit)), RoundingMode.HALF_UP));
            }
        }
        return found(c, QTY_DEF, parts, amount, sns, () -> "tolerance=" + plain(p.get("tolerance")));
    });

    private static boolean anyQuantityLimit(Claim c) {
        for (Claim.Charge ch : c.charges()) {
            if (ch.limits().maxQtyPerVisit() != null) {
                return true;
            }
        }
        return false;
    }

    static final ClaimRule SEX = ClaimRule.of(SEX_DEF, (c, p) -> perLine(c, SEX_DEF,
            ch -> ch.limits().genderLimit() != null && !ch.limits().genderLimit().equals(c.patient().gend()),
            ch -> ch.name() + "（" + ch.code() + "）限" + sex(ch.limits().genderLimit()) + "使用，参保人性别为" + sex(c.patient().gend())));

    static final ClaimRule AGE = ClaimRule.of(AGE_DEF, (c, p) -> {
        int age = c.patient().ageOn(c.careDate());
        return perLine(c, AGE_DEF, ch -> (ch.limits().minAge() != null && age < ch.limits().minAge())
                        || (ch.limits().maxAge() != null && age > ch.limits().maxAge()),
                ch -> ch.name() + "（" + ch.code() + "）限 " + range(ch.limits()) + " 岁使用，参保人就诊时 " + age + " 岁");
    });

    static final ClaimRule LEVEL = ClaimRule.of(LEVEL_DEF, (c, p) -> perLine(c, LEVEL_DEF,
            ch -> ch.limits().minLevel() != null && c.provider().level() != null
                    && c.provider().level().compareTo(ch.limits().minLevel()) < 0,
            ch -> ch.name() + "（" + ch.code() + "）限 " + ch.limits().minLevel() + " 及以上医疗机构使用，本机构为 "
                    + c.provider().level()));

    static final ClaimRule PRICE = ClaimRule.of(PRICE_DEF, (c, p) -> {
        BigDecimal factor = BigDecimal.ONE.add(p.get("tolerance_ratio"));
        List<String> parts = new ArrayList<>();
        List<String> sns = new ArrayList<>();
        Money amount = Money.ZERO;
        for (Claim.Charge ch : c.charges()) {
            BigDecimal std = ch.limits().payStd();
            if (std != null && ch.pric().compareTo(std.multiply(factor)) > 0) {
                parts.add(ch.name() + "（" + ch.code() + "）单价 " + plain(ch.pric()) + " 高于支付标准 " + plain(std) + " 的 "
                        + plain(factor) + " 倍");
                sns.add(ch.sn());
                amount = amount.plus(Money.rounded(ch.pric().subtract(std).multiply(ch.cnt()), RoundingMode.HALF_UP));
            }
        }
        return found(c, PRICE_DEF, parts, amount, sns, () -> "tolerance_ratio=" + plain(p.get("tolerance_ratio")));
    });

    private static List<Finding> perLine(Claim c, RuleDef def, Predicate<Claim.Charge> bad,
            java.util.function.Function<Claim.Charge, String> text) {
        List<String> parts = new ArrayList<>();
        List<String> sns = new ArrayList<>();
        Money amount = Money.ZERO;
        for (Claim.Charge ch : c.charges()) {
            if (bad.test(ch)) {
                parts.add(text.apply(ch));
                sns.add(ch.sn());
                amount = amount.plus(ch.total());
            }
        }
        return found(c, def, parts, amount, sns, () -> "明细 " + String.join("、", sns));
    }

    /** The rule's one finding, or none when no part of the claim broke it; the evidence text is made only for a finding. */
    static List<Finding> found(Claim c, RuleDef def, List<String> parts, Money amount, List<String> sns,
            Supplier<String> evidence) {
        if (parts.isEmpty()) {
            return List.of();
        }
        return List.of(new Finding(def, c.subject(), String.join("；", parts), amount,
                def.basis() + "；" + evidence.get(), sns));
    }

    static String plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    private static String sex(String code) {
        return "1".equals(code) ? "男性" : "2".equals(code) ? "女性" : "未说明性别";
    }

    private static String range(Claim.ItemLimits l) {
        return (l.minAge() == null ? "" : l.minAge() + " ") + "至" + (l.maxAge() == null ? "" : " " + l.maxAge());
    }
}
