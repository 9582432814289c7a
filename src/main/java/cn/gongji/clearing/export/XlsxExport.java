package cn.gongji.clearing.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The export as an .xlsx workbook (Apache POI, streaming so a large month does not sit in memory):
 * one sheet per table, amounts as numeric cells formatted 0.00. POI stores a cell's number as a
 * double; every amount here has at most 12 digits before the point, which a double holds exactly
 * to the fen, and the text of the CSV export stays the reference.
 */
public final class XlsxExport {

    private XlsxExport() {}

    public static byte[] write(List<Table> tables) {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(500)) {
            CellStyle money = wb.createCellStyle();
            money.setDataFormat(wb.createDataFormat().getFormat("0.00"));
            for (Table t : tables) {
                Sheet sheet = wb.createSheet(t.name());
                Row h = sheet.createRow(0);
                for (int c = 0; c < t.headers().size(); c++) {
                    h.createCell(c).setCellValue(t.headers().get(c));
                }
                int r = 1;
                for (List<Object> row : t.rows()) {
                    Row x = sheet.createRow(r++);
                    for (int c = 0; c < row.size(); c++) {
                        Cell cell = x.createCell(c);
                        Object v = row.get(c);
                        if (v instanceof BigDecimal d) {
                            cell.setCellValue(d.doubleValue());
                            cell.setCellStyle(money);
                        } else if (v instanceof Long n) {
                            cell.setCellValue(n);
                        } else {
                            cell.setCellValue(String.valueOf(v));
                        }
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
