package cn.gongji.clearing.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvExportTest {

    @Test
    void a_text_a_spreadsheet_would_run_as_a_formula_is_written_as_text_and_numbers_stay_numbers() {
        Table t = new Table("x", List.of("name", "amount"), List.of(
                List.of("=HYPERLINK(\"http://x\",\"y\")", new BigDecimal("-12.50")),
                List.of("+1", BigDecimal.ZERO), List.of("@SUM(A1)", BigDecimal.ONE), List.of("人民医院", BigDecimal.TEN)));
        String csv = CsvExport.write(t);
        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-12.50\r\n")
                .contains("'+1,0\r\n").contains("'@SUM(A1),1\r\n").contains("人民医院,10\r\n");
    }
}
