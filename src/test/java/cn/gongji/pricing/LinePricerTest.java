package cn.gongji.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gongji.common.Money;
import cn.gongji.fixture.Line;
import cn.gongji.fixture.Lines;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** POLICY.md §2: one fee line → own pay, over the payment standard, class-B pre-pay, in scope. */
class LinePricerTest {

    @Nested
    class Outside_scope {

        @Test
        void a_class_c_item_is_wholly_paid_by_the_person() {
            LinePricing p = Lines.classC("88.88").priced();

            assertSplit(p, "88.88", "88.88", "0.00", "0.00", "0.00");
            assertThat(p.inCatalog()).isTrue();
            assertThat(p.itemClass()).isEqualTo(ItemClass.C);
        }

        @Test
        void an_item_not_in_the_catalog_is_wholly_paid_by_the_person() {
            LinePricing p = Lines.unknown("12.34").priced();

            assertSplit(p, "12.34", "12.34", "0.00", "0.00", "0.00");
            assertThat(p.inCatalog()).isFalse();
            assertThat(p.itemClass()).isEqualTo(ItemClass.C);
            assertThat(p.payStd()).isNull();
        }

        @Test
        void a_class_c_item_priced_above_a_payment_standard_is_own_pay_not_over() {
            LinePricing p = Lines.line("12.00", "10", Lines.entry(ItemClass.C, null, "9.50")).priced();

            assertSplit(p, "120.00", "120.00", "0.00", "0.00", "0.00");
        }
    }

    @Nested
    class Payment_standard {

        @ParameterizedTest(name = "price {0} × {1}, standard {2} → over {3}, in scope {4}")
        @CsvSource({
                "9.50,  10, 9.50, 0.00,  95.00",   // equal: nothing over
                "9.00,  10, 9.50, 0.00,  90.00",   // below: nothing over
                "12.00, 10, 9.50, 25.00, 95.00",   // above: the difference × qty
                "12.00, 10, 0,    120.00, 0.00"})  // a zero standard puts the whole price over
        void only_the_part_of_the_price_above_the_standard_is_over(String price, String qty, String std, String over, String inScope) {
            LinePricing p = Lines.drug(price, qty, std).priced();

            assertThat(p.over()).isEqualTo(Money.of(over));
            assertThat(p.inScope()).isEqualTo(Money.of(inScope));
            assertThat(p.ownpay()).isEqualTo(Money.ZERO);
        }

        @Test
        void without_a_standard_nothing_is_over() {
            LinePricing p = Lines.drug("1234.56", "2", null).priced();

            assertSplit(p, "2469.12", "0.00", "0.00", "0.00", "2469.12");
        }

        @Test
        void a_class_b_share_applies_to_what_is_left_below_the_standard() {
            LinePricing p = Lines.line("12.00", "10", Lines.entry(ItemClass.B, "0.10", "9.50")).priced();

            assertSplit(p, "120.00", "0.00", "25.00", "9.50", "85.50");
        }
    }

    @Nested
    class Rounding_half_up_at_each_step {

        @Test
        void total_is_rounded_from_a_six_decimal_price() {
            assertThat(Lines.drug("0.333333", "3", null).priced().total()).isEqualTo(Money.of("1.00"));
        }

        @Test
        void a_half_fen_total_from_a_half_quantity_rounds_up() {
            // 0.25 × 0.5 = 0.125: HALF_UP gives 0.13 where HALF_EVEN would give 0.12
            LinePricing p = Lines.drug("0.25", "0.5", null).priced();

            assertSplit(p, "0.13", "0.00", "0.00", "0.00", "0.13");
        }

        @Test
        void a_fifteen_percent_share_of_33_33_prepays_5_00() {
            // 33.33 × 0.15 = 4.9995
            LinePricing p = Lines.classB("33.33", "0.15").priced();

            assertSplit(p, "33.33", "0.00", "0.00", "5.00", "28.33");
        }

        @Test
        void a_half_fen_prepay_rounds_up_not_to_even() {
            // 30.30 × 0.15 = 4.545: HALF_UP 4.55, HALF_EVEN would be 4.54
            LinePricing p = Lines.classB("30.30", "0.15").priced();

            assertSplit(p, "30.30", "0.00", "0.00", "4.55", "25.75");
        }

        @Test
        void a_half_fen_over_rounds_up() {
            // 10.005 − 10.00 = 0.005 → 0.01; the total 10.005 → 10.01
            LinePricing p = Lines.drug("10.005", "1", "10.00").priced();

            assertSplit(p, "10.01", "0.00", "0.01", "0.00", "10.00");
        }

        @Test
        void prepay_is_taken_from_the_rounded_total_minus_the_rounded_over() {
            // total 0.333333 × 0.3333 = 0.11110 → 0.11; over 0.033333 × 0.3333 = 0.01111 → 0.01;
            // prepay (0.11 − 0.01) × 0.15 = 0.015 → 0.02. Rounding only once at the end would give
            // 0.30 × 0.3333 × 0.15 = 0.0149985 → 0.01.
            LinePricing p = Lines.line("0.333333", "0.3333", Lines.entry(ItemClass.B, "0.15", "0.3")).priced();

            assertSplit(p, "0.11", "0.00", "0.01", "0.02", "0.08");
        }

        @Test
        void awkward_share_and_a_sub_fen_over() {
            // total 3.3335 × 0.5 = 1.66675 → 1.67; over 0.0035 × 0.5 = 0.00175 → 0.00; prepay 1.67 × 0.3333 = 0.556611 → 0.56
            LinePricing p = Lines.line("3.3335", "0.5", Lines.entry(ItemClass.B, "0.3333", "3.33")).priced();

            assertSplit(p, "1.67", "0.00", "0.00", "0.56", "1.11");
        }
    }

    @Nested
    class Class_b_share {

        @Test
        void a_zero_share_prepays_nothing() {
            assertSplit(Lines.classB("50.00", "0").priced(), "50.00", "0.00", "0.00", "0.00", "50.00");
        }

        @Test
        void a_full_share_prepays_everything() {
            assertSplit(Lines.classB("50.00", "1").priced(), "50.00", "0.00", "0.00", "50.00", "0.00");
        }

        @Test
        void a_class_a_item_ignores_a_share_set_in_the_catalog() {
            LinePricing p = Lines.line("50.00", "1", Lines.entry(ItemClass.A, "0.20", null)).priced();

            assertSplit(p, "50.00", "0.00", "0.00", "0.00", "50.00");
            assertThat(p.selfpayProp()).isEqualByComparingTo("0");
        }

        @Test
        void the_share_applied_is_recorded() {
            assertThat(Lines.classB("100.00", "0.10").priced().selfpayProp()).isEqualByComparingTo("0.10");
        }
    }

    @Nested
    class Account_flag {

        @Test
        void an_item_the_account_may_not_pay_keeps_the_flag_and_still_prices_normally() {
            LinePricing p = Lines.classA("40.00").notAcctPayable().priced();

            assertThat(p.acctPayable()).isFalse();
            assertSplit(p, "40.00", "0.00", "0.00", "0.00", "40.00");
        }

        @Test
        void line_totals_sum_the_lines_the_account_may_not_pay() {
            List<LinePricing> lines = List.of(
                    Lines.classA("40.00").notAcctPayable().priced(),
                    Lines.classC("10.00").notAcctPayable().priced(),
                    Lines.classA("25.00").priced(),
                    Lines.unknown("5.00").priced());

            LineTotals t = LineTotals.of(lines);

            assertThat(t.notAcctPayable()).isEqualTo(Money.of("50.00"));
            assertThat(t.total()).isEqualTo(Money.of("80.00"));
            assertThat(t.ownpay()).isEqualTo(Money.of("15.00"));
            assertThat(t.inScope()).isEqualTo(Money.of("65.00"));
            assertThat(t.lines()).isEqualTo(4);
        }

        @Test
        void an_unknown_item_is_treated_as_payable_by_the_account() {
            assertThat(Lines.unknown("5.00").priced().acctPayable()).isTrue();
        }
    }

    @Nested
    class Input_checks {

        @Test
        void a_free_line_prices_to_zero() {
            assertSplit(Lines.classA("0").priced(), "0.00", "0.00", "0.00", "0.00", "0.00");
        }

        @Test
        void a_negative_price_or_a_non_positive_quantity_is_refused() {
            assertThatThrownBy(() -> new FeeLine("1", "X", new BigDecimal("-1"), BigDecimal.ONE))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new FeeLine("1", "X", BigDecimal.ONE, BigDecimal.ZERO))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void a_share_outside_0_to_1_or_a_negative_standard_is_refused() {
            assertThatThrownBy(() -> Lines.entry(ItemClass.B, "1.01", null)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Lines.entry(ItemClass.B, "-0.01", null)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Lines.entry(ItemClass.A, null, "-0.01")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void pricing_the_same_line_twice_gives_the_same_split() {
            Line l = Lines.line("0.333333", "0.3333", Lines.entry(ItemClass.B, "0.15", "0.3"));

            assertThat(LinePricer.price(l.fee(), l.item())).isEqualTo(LinePricer.price(l.fee(), l.item()));
            assertThat(LinePricer.price(l.fee(), Optional.empty()).ownpay()).isEqualTo(Money.of("0.11"));
        }
    }

    static void assertSplit(LinePricing p, String total, String ownpay, String over, String prepay, String inScope) {
        assertThat(List.of(p.total(), p.ownpay(), p.over(), p.prepay(), p.inScope()))
                .as("total, ownpay, over, prepay, inScope")
                .containsExactly(Money.of(total), Money.of(ownpay), Money.of(over), Money.of(prepay), Money.of(inScope));
    }
}
