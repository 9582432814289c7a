package cn.gongji.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Money is exact: adding and subtracting agree with integer fen, and rounding happens only where named. */
class MoneyProperties {

    private static final long BIG = 1_000_000_000_000L; // ten billion yuan in fen

    @Property
    void plus_and_minus_agree_with_integer_fen(@ForAll @LongRange(min = -BIG, max = BIG) long a,
                                               @ForAll @LongRange(min = -BIG, max = BIG) long b) {
        assertThat(Money.ofFen(a).plus(Money.ofFen(b)).fen()).isEqualTo(a + b);
        assertThat(Money.ofFen(a).minus(Money.ofFen(b)).fen()).isEqualTo(a - b);
        assertThat(Money.ofFen(a).plus(Money.ofFen(b)).minus(Money.ofFen(b))).isEqualTo(Money.ofFen(a));
        assertThat(Money.ofFen(a).negate().negate()).isEqualTo(Money.ofFen(a));
    }

    @Property
    void every_amount_has_scale_two_and_equality_ignores_how_it_was_written(@ForAll @LongRange(min = -BIG, max = BIG) long fen) {
        Money m = Money.ofFen(fen);
        BigDecimal padded = m.amount().setScale(6);

        assertThat(m.amount().scale()).isEqualTo(2);
        assertThat(Money.of(padded)).isEqualTo(m);
        assertThat(Money.of(m.toString())).isEqualTo(m);
    }

    @Property
    void more_than_two_decimals_is_refused_not_rounded(@ForAll @LongRange(min = -BIG, max = BIG) long fen,
                                                       @ForAll @IntRange(min = 1, max = 9) int thousandths) {
        BigDecimal withThirdDecimal = BigDecimal.valueOf(fen, 2).add(BigDecimal.valueOf(thousandths, 3));

        assertThatThrownBy(() -> Money.of(withThirdDecimal)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void times_rounds_half_up_once_from_the_exact_product(@ForAll @LongRange(min = 0, max = BIG) long fen,
                                                          @ForAll @IntRange(min = 0, max = 10_000) int basisPoints) {
        BigDecimal factor = BigDecimal.valueOf(basisPoints, 4);
        BigDecimal exact = BigDecimal.valueOf(fen, 2).multiply(factor);

        Money product = Money.ofFen(fen).times(factor, RoundingMode.HALF_UP);

        assertThat(product.amount()).isEqualTo(exact.setScale(2, RoundingMode.HALF_UP));
        assertThat(product.amount().subtract(exact).abs()).isLessThanOrEqualTo(new BigDecimal("0.005"));
    }

    @Property
    void min_max_and_at_least_zero_pick_one_of_the_inputs(@ForAll @LongRange(min = -BIG, max = BIG) long a,
                                                          @ForAll @LongRange(min = -BIG, max = BIG) long b) {
        Money x = Money.ofFen(a), y = Money.ofFen(b);

        assertThat(x.min(y).fen()).isEqualTo(Math.min(a, b));
        assertThat(x.max(y).fen()).isEqualTo(Math.max(a, b));
        assertThat(x.atLeastZero().fen()).isEqualTo(Math.max(a, 0));
        assertThat(Integer.signum(x.compareTo(y))).isEqualTo(Long.signum(a - b));
    }
}
