package cn.gongji.benefit;

import cn.gongji.common.Money;
import cn.gongji.policy.Level;
import cn.gongji.policy.PersonStatus;
import cn.gongji.policy.PolicyVersion;
import cn.gongji.pricing.LineTotals;
import java.util.Objects;

/**
 * Everything the outpatient benefit of one settlement depends on, loaded by the caller.
 *
 * @param deductibleMet what the visit's episode has already met of the deductible
 * @param usedThisYear  what the pooling fund already paid the person for ordinary outpatient care
 *                      in the calendar year of the date of care, under whatever status
 */
public record BenefitRequest(
        PolicyVersion policy,
        Level level,
        PersonStatus status,
        LineTotals lines,
        Money deductibleMet,
        Money usedThisYear,
        Coverage coverage) {

    public BenefitRequest {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(coverage, "coverage");
        if (coverage instanceof Coverage.Pooled) {
            Objects.requireNonNull(level, "level");
        }
        if (deductibleMet.isNegative() || usedThisYear.isNegative()) {
            throw new IllegalArgumentException("deductible met and year usage cannot be negative");
        }
    }
}
