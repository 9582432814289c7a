package cn.gongji.ops;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.ops.pii.Pii;
import org.junit.jupiter.api.Test;

class PiiTest {

    @Test
    void an_id_number_keeps_its_first_and_last_four_characters() {
        assertThat(Pii.certno("41010219900101123X")).isEqualTo("4101**********123X");
    }

    @Test
    void a_mobile_number_keeps_its_first_three_and_last_four_digits() {
        assertThat(Pii.phone("13812345678")).isEqualTo("138****5678");
    }

    @Test
    void a_name_keeps_its_first_character() {
        assertThat(Pii.name("张三丰")).isEqualTo("张**");
        assertThat(Pii.name("李")).isEqualTo("李*");
    }

    @Test
    void id_and_mobile_numbers_inside_text_are_masked_and_longer_identifiers_are_left_alone() {
        String s = "未找到凭证号 410102199001011234 (tel 13812345678) psn 41130000000000000001 msgid "
                + "H00000000001202611290101010001 mdtrt M20261129010101000000001 Key (certno)=(410102199001011234)";
        assertThat(Pii.text(s)).isEqualTo("未找到凭证号 4101**********1234 (tel 138****5678) psn 41130000000000000001 msgid "
                + "H00000000001202611290101010001 mdtrt M20261129010101000000001 Key (certno)=(4101**********1234)");
        assertThat(Pii.hasIdNumber(Pii.text(s))).isFalse();
    }
}
