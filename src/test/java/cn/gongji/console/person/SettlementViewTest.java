package cn.gongji.console.person;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class SettlementViewTest {

    private static SettlementView.Line line(String pric, String cnt) {
        return new SettlementView.Line("XY000001", "阿莫西林", "1", new BigDecimal(pric), new BigDecimal(cnt),
                BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE);
    }

    @Test
    void a_fee_lines_price_and_quantity_are_shown_as_a_reader_writes_them_not_with_the_columns_scale() {
        // review finding: the person page showed 20.000000 and 1.0000 (numeric(16,6) and numeric(16,4))
        assertThat(line("20.000000", "1.0000").pricText()).isEqualTo("20.00");
        assertThat(line("20.000000", "1.0000").cntText()).isEqualTo("1");
        assertThat(line("0.125000", "2.5000").pricText()).isEqualTo("0.125");
        assertThat(line("0.125000", "2.5000").cntText()).isEqualTo("2.5");
        assertThat(line("1200.000000", "10.0000").pricText()).as("no exponent").isEqualTo("1200.00");
        assertThat(line("1200.000000", "10.0000").cntText()).as("no exponent").isEqualTo("10");
    }
}
