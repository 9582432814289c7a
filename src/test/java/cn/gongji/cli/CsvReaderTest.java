package cn.gongji.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static List<CsvReader.Row> rows(String text) throws IOException {
        List<CsvReader.Row> out = new ArrayList<>();
        try (CsvReader r = new CsvReader(new StringReader(text))) {
            for (CsvReader.Row row = r.next(); row != null; row = r.next()) {
                out.add(row);
            }
        }
        return out;
    }

    @Test
    void plain_fields_are_split_on_commas() throws IOException {
        var rows = rows("a,b,c\n1,2,3\n");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).fields()).containsExactly("1", "2", "3");
        assertThat(rows.get(1).line()).isEqualTo(2);
    }

    @Test
    void quoted_fields_may_hold_commas_quotes_and_line_breaks() throws IOException {
        var rows = rows("name,x\n\"一次性输液器, 带针\",\"说 \"\"好\"\"\"\n\"两\n行\",z\nlast,1");
        assertThat(rows.get(1).fields()).containsExactly("一次性输液器, 带针", "说 \"好\"");
        assertThat(rows.get(2).fields()).containsExactly("两\n行", "z");
        assertThat(rows.get(3).line()).isEqualTo(5);
        assertThat(rows.get(3).fields()).containsExactly("last", "1");
    }

    @Test
    void a_byte_order_mark_and_crlf_line_ends_are_accepted() throws IOException {
        var rows = rows("\uFEFFcertno,psn_name\r\n1,张三\r\n");
        assertThat(rows.get(0).fields()).containsExactly("certno", "psn_name");
        assertThat(rows.get(1).fields()).containsExactly("1", "张三");
    }

    @Test
    void blank_lines_are_skipped_but_counted_in_line_numbers() throws IOException {
        var rows = rows("a,b\n\n1,2\n\n\n3,4\n\n");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(2).line()).isEqualTo(6);
    }

    @Test
    void empty_fields_are_kept() throws IOException {
        assertThat(rows("a,,c,\n").get(0).fields()).containsExactly("a", "", "c", "");
        assertThat(rows("\"\",x\n").get(0).fields()).containsExactly("", "x");
    }

    @Test
    void an_unterminated_quote_is_an_error_naming_the_line() {
        assertThatThrownBy(() -> rows("a\n\"open,1\n2\n"))
                .isInstanceOf(CsvReader.CsvException.class)
                .satisfies(e -> assertThat(((CsvReader.CsvException) e).line).isEqualTo(2));
    }
}
