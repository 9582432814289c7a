package cn.gongji.common;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An amount of yuan with exactly two decimals (fen).
 *
 * <p>Every operation that could lose a fen names its {@link RoundingMode}; the others are exact and
 * refuse inputs with more than two decimals instead of silently rounding them. POLICY.md fixes
 * HALF_UP at the points where rounding happens, so callers pass {@code RoundingMode.HALF_UP}
 * explicitly: the mode is visible where the rule applies.
 */
public record Money(BigDecimal amount) implements Comparable<Money> {

    public static final Money ZERO = new Money(BigDecimal.ZERO.setScale(2));

    public Money {
        Objects.requireNonNull(amount, "amount");
        if (amount.scale() != 2) {
            try {
                amount = amount.setScale(2, RoundingMode.UNNECESSARY);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("amount has more than 2 decimals: " + amount.toPlainString());
            }
        }
    }

    /** Exact: "12.3" and "12.30" are fine, "12.345" is refused. */
    public static Money of(String yuan) {
        return new Money(new BigDecimal(yuan));
    }

    /** Exact: refuses more than two decimals. */
    public static Money of(BigDecimal yuan) {
        return new Money(yuan);
    }

    public static Money ofFen(long fen) {
        return new Money(BigDecimal.valueOf(fen, 2));
    }

    /** Rounds an arbitrary-precision amount to fen with the named mode. */
    public static Money rounded(BigDecimal yuan, RoundingMode mode) {
        return new Money(yuan.setScale(2, mode));
    }

    public Money plus(Money other) {
        return new Money(amount.add(other.amount));
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(other.amount));
    }

    public Money negate() {
        return new Money(amount.negate());
    }

    /** Multiplies by a factor (a ratio, a share) and rounds to fen with the named mode. */
    public Money times(BigDecimal factor, RoundingMode mode) {
        return rounded(amount.multiply(factor), mode);
    }

    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public Money max(Money other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /** {@code max(this, 0)}. */
    public Money atLeastZero() {
        return max(ZERO);
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public long fen() {
        return amount.movePointRight(2).longValueExact();
    }

    @Override
    public int compareTo(Money o) {
        return amount.compareTo(o.amount);
    }

    @Override
    public String toString() {
        return amount.toPlainString();
    }
}
