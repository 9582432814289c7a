package cn.gongji.benefit;

import cn.gongji.common.Money;
import java.math.BigDecimal;
import java.util.List;

/**
 * The outcome of POLICY.md §3 for one settlement, with the trace of how each amount was reached.
 *
 * @param deductible      the deductible applied in this settlement (act_pay_dedc)
 * @param eligible        in-scope amount after the deductible
 * @param ratio           the ratio applied (pool_prop_selfpay)
 * @param raw             eligible × ratio, HALF_UP to the fen
 * @param limit           the annual limit for the status in force
 * @param remainingBefore what the fund could still pay this year before this settlement (crt_payb_lmt_amt)
 * @param fundPay         what the pooling fund pays (hifp_pay)
 * @param personalShare   total − fundPay
 */
public record BenefitResult(
        Money deductible,
        Money eligible,
        BigDecimal ratio,
        Money raw,
        Money limit,
        Money remainingBefore,
        Money fundPay,
        Money personalShare,
        List<TraceStep> trace) {

    public Money remainingAfter() {
        return remainingBefore.minus(fundPay);
    }
}
