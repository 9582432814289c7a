package cn.gongji.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void the_sequence_part_of_an_id_is_eight_digits_zero_padded_as_string_format_made_it() {
        for (long v : new long[] {0, 7, 42, 1234567, 12345678, 99_999_999, -5}) {
            assertThat(Ids.eightDigits(v)).as("%d", v).isEqualTo(String.format("%08d", v));
        }
    }
}
