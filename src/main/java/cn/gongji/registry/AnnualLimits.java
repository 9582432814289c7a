package cn.gongji.registry;

import cn.gongji.common.Money;
import java.time.LocalDate;

/**
 * The outpatient pooling annual limit for a status on a date. Temporary seam: the policy data
 * ({@code cn.gongji.policy.PolicyBook}) is being written elsewhere; once merged, the bean behind
 * this interface delegates to it.
 */
public interface AnnualLimits {

    Money annualLimit(Status status, LocalDate on);
}
