package cn.gongji.benefit;

import cn.gongji.common.Money;
import cn.gongji.policy.Level;
import cn.gongji.policy.PersonStatus;
import cn.gongji.policy.PolicyVersion;
import cn.gongji.pricing.LineTotals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The outpatient pooling benefit of one settlement (POLICY.md §3, steps 1–7). Pure: the caller
 * loads the episode's deductible already met and the year's usage under a lock, and persists the
 * result in the same transaction.
 */
public final class OutpatientBenefit {

    private OutpatientBenefit() {}

    public static BenefitResult compute(BenefitRequest req) {
        PolicyVersion policy = req.policy();
        LineTotals lines = req.lines();
        List<TraceStep> trace = new ArrayList<>();
        trace.add(new TraceStep("POLICY", "政策版本 " + policy.versionId() + "（自 " + policy.effectiveFrom() + " 起施行）"));
        trace.add(linesStep(lines));

        Money limit = policy.annualLimit(req.status());
        Money remainingBefore = limit.minus(req.usedThisYear()).atLeastZero();

        if (req.coverage() instanceof Coverage.Pooled(String note) && note != null) {
            trace.add(new TraceStep("COVERAGE", note));
        }
        if (req.coverage() instanceof Coverage.NotPooled notPooled) {
            trace.add(new TraceStep("NOT_POOLED", "统筹基金不予支付：" + notPooled.reason()));
            trace.add(personalStep(lines.total(), Money.ZERO));
            return new BenefitResult(Money.ZERO, Money.ZERO, BigDecimal.ZERO.setScale(4), Money.ZERO, limit,
                    remainingBefore, Money.ZERO, lines.total(), List.copyOf(trace));
        }

        Level level = req.level();
        PersonStatus status = req.status();
        Money inScope = lines.inScope();
        Money levelDeductible = policy.deductible(level);
        Money deductibleLeft = levelDeductible.minus(req.deductibleMet()).atLeastZero();
        Money deductible = inScope.min(deductibleLeft);
        trace.add(new TraceStep("DEDUCTIBLE", "起付标准：" + level.label() + "医疗机构每个就诊周期（" + hours(policy)
                + "小时内同一机构）" + levelDeductible + "，本周期已计 " + req.deductibleMet() + "，本次计入 "
                + deductible));

        Money eligible = inScope.minus(deductible);
        BigDecimal ratio = policy.ratio(level, status);
        Money raw = eligible.times(ratio, RoundingMode.HALF_UP);
        trace.add(new TraceStep("RATIO", "支付比例：" + level.label() + " " + status.label() + " " + percent(ratio)
                + "，(" + inScope + " − " + deductible + ") × " + ratio.stripTrailingZeros().toPlainString() + " = " + raw));

        Money fundPay = raw.min(remainingBefore);
        trace.add(new TraceStep("LIMIT", "年度限额：" + status.label() + " " + limit + "，本年已支付 " + req.usedThisYear()
                + "，本次前可支付 " + remainingBefore + "；统筹基金支付 " + fundPay + "，支付后剩余 "
                + remainingBefore.minus(fundPay)
                + (fundPay.compareTo(raw) < 0 ? "（达到年度限额，少付 " + raw.minus(fundPay) + "）" : "")));

        Money personal = lines.total().minus(fundPay);
        trace.add(personalStep(lines.total(), fundPay));
        return new BenefitResult(deductible, eligible, ratio.stripTrailingZeros().setScale(4, RoundingMode.UNNECESSARY), raw, limit,
                remainingBefore, fundPay, personal, List.copyOf(trace));
    }

    private static TraceStep linesStep(LineTotals l) {
        return new TraceStep("LINES", "费用明细 " + l.lines() + " 条：总额 " + l.total() + " = 全自费 " + l.ownpay()
                + " + 超限价自付 " + l.over() + " + 先行自付 " + l.prepay() + " + 政策范围内 " + l.inScope());
    }

    private static TraceStep personalStep(Money total, Money fundPay) {
        return new TraceStep("PERSONAL", "个人负担：" + total + " − " + fundPay + " = " + total.minus(fundPay));
    }

    private static String percent(BigDecimal ratio) {
        return ratio.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    private static long hours(PolicyVersion policy) {
        return policy.episodeWindow().toHours();
    }
}
