package cn.gongji.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CertNoTest {

    @Test
    void the_check_digit_follows_iso_7064_mod_11_2() {
        // the worked example of GB 11643-1999
        assertThat(CertNo.checkChar("11010519491231002")).isEqualTo('X');
        assertThat(CertNo.defect("11010519491231002X")).isEmpty();
        assertThat(CertNo.defect("11010519491231002x")).isEmpty();
    }

    @Test
    void a_wrong_check_digit_is_named_as_such() {
        assertThat(CertNo.defect("110105194912310021")).contains(CertNo.Defect.CHECK_DIGIT);
    }

    @Test
    void wrong_length_letters_and_impossible_birth_dates_are_refused() {
        assertThat(CertNo.defect("1101051949123100")).contains(CertNo.Defect.FORMAT);
        assertThat(CertNo.defect("11010519491231002Y")).contains(CertNo.Defect.FORMAT);
        assertThat(CertNo.defect(null)).contains(CertNo.Defect.FORMAT);
        String feb30 = "41130219800230123";
        assertThat(CertNo.defect(feb30 + CertNo.checkChar(feb30))).contains(CertNo.Defect.BIRTH_DATE);
    }

    @Test
    void birth_date_and_gender_are_read_from_the_number() {
        CertNo male = CertNo.complete("41130219800101123");
        assertThat(male.birthDate()).isEqualTo(LocalDate.of(1980, 1, 1));
        assertThat(male.gender()).isEqualTo("1");
        assertThat(CertNo.complete("41130219800101124").gender()).isEqualTo("2");
    }

    @Test
    void a_completed_number_is_always_valid() {
        for (int i = 0; i < 1000; i++) {
            String first17 = "41130219800101" + String.format("%03d", i);
            assertThat(CertNo.defect(CertNo.complete(first17).value())).isEmpty();
        }
    }
}
