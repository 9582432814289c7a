package cn.gongji.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.common.Money;
import cn.gongji.fixture.Gen;
import cn.gongji.fixture.Line;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** POLICY.md §2 for any line: the parts add up to the total and none is negative. */
class LinePricingProperties {

    @Property(tries = 2000)
    void the_parts_of_a_line_add_up_to_its_total_and_none_is_negative(@ForAll("lines") Line line) {
        LinePricing p = line.priced();

        assertThat(p.ownpay().plus(p.over()).plus(p.prepay()).plus(p.inScope())).isEqualTo(p.total());
        for (Money part : List.of(p.total(), p.ownpay(), p.over(), p.prepay(), p.inScope())) {
            assertThat(part.isNegative()).as("negative part in %s", p).isFalse();
        }
    }

    @Property(tries = 2000)
    void the_total_is_price_times_quantity_rounded_half_up(@ForAll("lines") Line line) {
        BigDecimal exact = line.fee().price().multiply(line.fee().qty());

        assertThat(line.priced().total().amount()).isEqualTo(exact.setScale(2, RoundingMode.HALF_UP));
    }

    @Property(tries = 1000)
    void outside_the_catalog_or_class_c_nothing_is_in_scope(@ForAll("lines") Line line) {
        LinePricing p = line.priced();
        boolean outside = line.item().map(e -> e.itemClass() == ItemClass.C).orElse(true);

        assertThat(p.ownpay().equals(p.total()) || !outside).isTrue();
        if (outside) {
            assertThat(p.inScope()).isEqualTo(Money.ZERO);
        } else {
            assertThat(p.ownpay()).isEqualTo(Money.ZERO);
        }
    }

    @Property(tries = 1000)
    void only_class_b_prepays_and_nothing_is_over_at_or_below_the_standard(@ForAll("lines") Line line) {
        LinePricing p = line.priced();

        if (p.itemClass() != ItemClass.B) {
            assertThat(p.prepay()).isEqualTo(Money.ZERO);
        }
        BigDecimal std = line.item().map(e -> e.payStd()).orElse(null);
        if (std == null || line.fee().price().compareTo(std) <= 0) {
            assertThat(p.over()).isEqualTo(Money.ZERO);
        }
    }

    @Property(tries = 1000)
    void trailing_zeros_in_price_or_quantity_change_nothing(@ForAll("lines") Line line) {
        FeeLine f = line.fee();
        FeeLine padded = new FeeLine(f.feedetlSn(), f.itemCode(), f.price().setScale(6), f.qty().setScale(4));

        assertThat(LinePricer.price(padded, line.item())).isEqualTo(line.priced());
    }

    @Provide
    Arbitrary<Line> lines() {
        return Gen.line();
    }
}
