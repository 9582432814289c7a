package cn.gongji.pricing;

import java.math.BigDecimal;
import java.util.Objects;

/** One uploaded fee line: a catalog item code, a unit price (up to 6 decimals) and a quantity (up to 4). */
public record FeeLine(String feedetlSn, String itemCode, BigDecimal price, BigDecimal qty) {
    public FeeLine {
        Objects.requireNonNull(feedetlSn, "feedetlSn");
        Objects.requireNonNull(itemCode, "itemCode");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(qty, "qty");
        if (price.signum() < 0) {
            throw new IllegalArgumentException("price must not be negative");
        }
        if (qty.signum() <= 0) {
            throw new IllegalArgumentException("quantity must be positive");
        }
    }
}
