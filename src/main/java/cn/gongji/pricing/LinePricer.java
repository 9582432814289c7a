package cn.gongji.pricing;

import cn.gongji.common.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Prices one fee line against the catalog (POLICY.md §2). The steps run in the order the policy
 * gives, each rounded HALF_UP to the fen; {@code inScope} is what is left, so the parts always add
 * back to the total exactly.
 */
public final class LinePricer {

    private LinePricer() {}

    public static LinePricing price(FeeLine line, Optional<CatalogEntry> catalogItem) {
        Money total = Money.rounded(line.price().multiply(line.qty()), RoundingMode.HALF_UP);
        if (catalogItem.isEmpty()) {
            return new LinePricing(line.feedetlSn(), line.itemCode(), false, ItemClass.C, BigDecimal.ZERO, null,
                    true, total, total, Money.ZERO, Money.ZERO, Money.ZERO);
        }
        CatalogEntry item = catalogItem.get();
        if (item.itemClass() == ItemClass.C) {
            return new LinePricing(line.feedetlSn(), line.itemCode(), true, ItemClass.C, BigDecimal.ZERO,
                    item.payStd(), item.acctPayable(), total, total, Money.ZERO, Money.ZERO, Money.ZERO);
        }
        Money over = Money.ZERO;
        if (item.payStd() != null && line.price().compareTo(item.payStd()) > 0) {
            over = Money.rounded(line.price().subtract(item.payStd()).multiply(line.qty()), RoundingMode.HALF_UP);
        }
        Money prepay = Money.ZERO;
        BigDecimal share = BigDecimal.ZERO;
        if (item.itemClass() == ItemClass.B) {
            share = item.selfpayProp();
            prepay = total.minus(over).times(share, RoundingMode.HALF_UP);
        }
        Money inScope = total.minus(over).minus(prepay);
        return new LinePricing(line.feedetlSn(), line.itemCode(), true, item.itemClass(), share, item.payStd(),
                item.acctPayable(), total, Money.ZERO, over, prepay, inScope);
    }
}
