package cn.gongji.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskTest {

    @Test
    void an_id_number_keeps_its_first_four_and_last_four_characters() {
        assertThat(Mask.certno("410102198001011234")).isEqualTo("4101**********1234");
        assertThat(Mask.certno("41010219800101123X")).isEqualTo("4101**********123X");
    }

    @Test
    void a_name_keeps_its_first_character_and_the_last_of_three_or_more() {
        assertThat(Mask.name("张小明")).isEqualTo("张*明");
        assertThat(Mask.name("李四")).isEqualTo("李*");
        assertThat(Mask.name("欧阳小峰")).isEqualTo("欧**峰");
        assertThat(Mask.name("王")).isEqualTo("*");
        assertThat(Mask.name("𠀀𠀁𠀂")).as("characters outside the BMP count once").isEqualTo("𠀀*𠀂");
        assertThat(Mask.name(null)).isEmpty();
    }

    @Test
    void a_short_or_missing_value_shows_nothing_of_itself() {
        assertThat(Mask.certno("12345678")).isEqualTo("********");
        assertThat(Mask.certno(null)).isEmpty();
    }

    @Test
    void the_used_share_of_the_limit_is_a_whole_percentage_within_zero_and_a_hundred() {
        assertThat(UsedShare.percent(new java.math.BigDecimal("75.00"), new java.math.BigDecimal("1500.00"))).isEqualTo(5);
        assertThat(UsedShare.percent(new java.math.BigDecimal("1600.00"), new java.math.BigDecimal("1500.00"))).isEqualTo(100);
        assertThat(UsedShare.percent(new java.math.BigDecimal("10.00"), java.math.BigDecimal.ZERO)).isZero();
    }
}
