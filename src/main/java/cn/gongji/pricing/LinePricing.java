package cn.gongji.pricing;

import cn.gongji.common.Money;
import java.math.BigDecimal;

/**
 * The split of one fee line (POLICY.md §2): {@code total = ownpay + over + prepay + inScope}.
 *
 * @param ownpay  全自费: class C or unknown items
 * @param over    超限价自付: the part of the price above the payment standard
 * @param prepay  先行自付: class B pre-pay share
 * @param inScope 政策范围内
 * @param payStd  the payment standard applied, or null
 */
public record LinePricing(
        String feedetlSn,
        String itemCode,
        boolean inCatalog,
        ItemClass itemClass,
        BigDecimal selfpayProp,
        BigDecimal payStd,
        boolean acctPayable,
        Money total,
        Money ownpay,
        Money over,
        Money prepay,
        Money inScope) {

    public LinePricing {
        if (!ownpay.plus(over).plus(prepay).plus(inScope).equals(total)) {
            throw new IllegalStateException("line " + feedetlSn + " does not add up");
        }
    }
}
