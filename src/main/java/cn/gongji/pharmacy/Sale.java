package cn.gongji.pharmacy;

import cn.gongji.benefit.BenefitResult;
import cn.gongji.benefit.Coverage;
import cn.gongji.benefit.EpisodeState;
import cn.gongji.common.Money;
import cn.gongji.policy.PersonStatus;
import cn.gongji.policy.PolicyVersion;
import cn.gongji.pricing.LineTotals;
import cn.gongji.settlement.FeeService;
import cn.gongji.settlement.Institution;
import cn.gongji.settlement.Person;
import java.util.List;
import java.util.Optional;

/**
 * A pharmacy sale priced: every line, the plan (which lines the fund may take part in), and the
 * outpatient benefit computed on the pooled part only.
 *
 * @param episodeInstitution the prescriber's institution whose level and 24 h episode apply (its
 *                           physical institution for an internet hospital); null for an ordinary purchase
 * @param all                sums over every line of the sale
 * @param pooledLines        sums over the prescription lines (the part POLICY.md §3 prices)
 * @param benefit            the benefit of the pooled part (or of the whole sale, not pooled, without prescriptions)
 */
record Sale(
        Person person,
        PolicyVersion policy,
        PersonStatus status,
        List<FeeService.Priced> lines,
        SaleRules.Plan plan,
        Optional<Institution> prescriber,
        Institution episodeInstitution,
        Optional<EpisodeState> episode,
        Coverage coverage,
        LineTotals all,
        LineTotals pooledLines,
        BenefitResult benefit) {

    boolean pooled() {
        return coverage instanceof Coverage.Pooled;
    }

    Money fundPay() {
        return benefit.fundPay();
    }

    /** Everything the fund does not pay: the prescription part's personal share plus every ordinary line. */
    Money personalShare() {
        return all.total().minus(benefit.fundPay());
    }
}
