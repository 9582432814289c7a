package cn.gongji.clearing.export;

import java.math.BigDecimal;
import java.util.List;

/** RFC 4180 CSV, UTF-8 with a byte-order mark so spreadsheet programs read the Chinese correctly. */
public final class CsvExport {

    private CsvExport() {}

    public static String write(Table t) {
        StringBuilder sb = new StringBuilder("\uFEFF");
        line(sb, List.copyOf(t.headers()));
        for (List<Object> r : t.rows()) {
            line(sb, r);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object c = cells.get(i);
            String s = c instanceof BigDecimal d ? d.toPlainString() : String.valueOf(c);
            if (!(c instanceof BigDecimal) && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
                // a text a spreadsheet would run as a formula (an institution named "=HYPERLINK(...)"): kept as text
                s = "'" + s;
            }
            if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
                s = '"' + s.replace("\"", "\"\"") + '"';
            }
            sb.append(s);
        }
        sb.append("\r\n");
    }
}
