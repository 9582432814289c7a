package cn.gongji.clearing.db;

import cn.gongji.clearing.CapitationRule;
import cn.gongji.clearing.ClearingRefused;
import cn.gongji.clearing.Item;
import cn.gongji.clearing.MethodEffect;
import cn.gongji.clearing.PaymentMethod;
import cn.gongji.clearing.PeriodKey;
import cn.gongji.clearing.ScoreRule;
import cn.gongji.common.Money;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Loads what a period's payment method needs and applies the pure rules. Methods apply to outpatient
 * clearing (clr_type 11) only: pharmacy sales are paid fee-for-service.
 */
@Component
public class MethodEffects {

    private final MethodStore methods;

    public MethodEffects(MethodStore methods) {
        this.methods = methods;
    }

    public PaymentMethod methodFor(PeriodKey p) {
        return p.clrType().equals("11") ? methods.methodFor(p.fixmedinsCode(), p.month()) : new PaymentMethod.FeeForService();
    }

    /**
     * @param itemsOf the rows of any outpatient period of the month (for the scheme's total points)
     * @param fix     closing: fix the point value (refuse without a budget)
     */
    public List<MethodEffect> effects(PeriodKey p, PaymentMethod method, List<Item> items,
            Function<String, List<Item>> itemsOf, boolean fix) {
        return switch (method) {
            case PaymentMethod.FeeForService f -> List.of();
            case PaymentMethod.Capitation c -> {
                Set<String> enrolled = methods.enrolled(p.fixmedinsCode(), p.month());
                Money actual = items.stream().filter(i -> enrolled.contains(i.psnNo())).map(Item::fundPaySumamt)
                        .reduce(Money.ZERO, Money::plus);
                yield List.of(CapitationRule.apply(c, enrolled.size(), actual));
            }
            case PaymentMethod.DiseaseScore d -> List.of(score(p, d.schemeCode(), items, itemsOf, fix));
        };
    }

    private MethodEffect score(PeriodKey p, String scheme, List<Item> items, Function<String, List<Item>> itemsOf,
            boolean fix) {
        Map<String, BigDecimal> scores = methods.scores(scheme);
        List<Item> scored = items.stream().filter(i -> i.diseCodg() != null && scores.containsKey(i.diseCodg())).toList();
        Money actual = scored.stream().map(Item::fundPaySumamt).reduce(Money.ZERO, Money::plus);
        Optional<BigDecimal> pv = pointValue(scheme, p.month(), itemsOf, fix);
        if (pv.isEmpty()) {
            if (fix) {
                throw new ClearingRefused("no-budget", "month", "病种分值方案 " + scheme + " 未设置 " + p.month() + " 的预算，无法关闭",
                        "score scheme " + scheme + " has no budget for " + p.month() + ": the period cannot close");
            }
            return MethodEffect.of("disease_score", scheme, actual, actual, "病种分值方案 " + scheme + " 未设置本月预算，暂按项目计 / "
                    + "no budget for the month yet: fee-for-service until it is set");
        }
        return ScoreRule.apply(scheme, points(scored, scores), pv.get(), actual, scored.size());
    }

    static BigDecimal points(List<Item> items, Map<String, BigDecimal> scores) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Item i : items) {
            BigDecimal s = scores.get(i.diseCodg());
            if (s != null) {
                sum = sum.add(s.multiply(BigDecimal.valueOf(i.sign())));
            }
        }
        return sum;
    }

    /** The fixed point value, or (open month) the provisional one from every participant's rows now. */
    public Optional<BigDecimal> pointValue(String scheme, YearMonth month, Function<String, List<Item>> itemsOf,
            boolean fix) {
        if (fix) {
            methods.lockSchemeForFixing(scheme);   // the budget read below is the one fixed (AgreementService.setBudget)
        }
        Optional<MethodStore.FixedValue> fixed = methods.fixedPointValue(scheme, month);
        if (fixed.isPresent()) {
            return Optional.of(fixed.get().pointValue());
        }
        Optional<Money> budget = methods.budget(scheme, month);
        if (budget.isEmpty()) {
            return Optional.empty();
        }
        Map<String, BigDecimal> scores = methods.scores(scheme);
        BigDecimal total = BigDecimal.ZERO;
        for (String inst : methods.institutionsOf(scheme, month)) {
            total = total.add(points(itemsOf.apply(inst), scores));
        }
        BigDecimal value = ScoreRule.pointValue(budget.get(), total);
        if (fix) {
            value = methods.fixPointValue(scheme, month, new MethodStore.FixedValue(budget.get(), total, value)).pointValue();
        }
        return Optional.of(value);
    }
}
