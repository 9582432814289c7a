package cn.gongji.pricing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What pricing needs to know of a catalog item.
 *
 * @param selfpayProp  the class-B pre-pay share {@code s} (0 for A and C)
 * @param payStd       the payment standard (医保支付标准) per unit, or null where none is set
 * @param acctPayable  false for items the personal account may not pay (Art. 10)
 */
public record CatalogEntry(
        String code,
        String name,
        ItemClass itemClass,
        BigDecimal selfpayProp,
        BigDecimal payStd,
        String medChrgitmType,
        boolean acctPayable) {

    public CatalogEntry {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(itemClass, "itemClass");
        selfpayProp = selfpayProp == null ? BigDecimal.ZERO : selfpayProp;
        if (selfpayProp.signum() < 0 || selfpayProp.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("selfpay_prop must lie within 0..1: " + selfpayProp);
        }
        if (payStd != null && payStd.signum() < 0) {
            throw new IllegalArgumentException("pay_std must not be negative: " + payStd);
        }
    }
}
