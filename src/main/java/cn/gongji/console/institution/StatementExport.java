package cn.gongji.console.institution;

import cn.gongji.clearing.db.FundTotals;
import cn.gongji.clearing.export.CsvExport;
import cn.gongji.clearing.export.Table;
import cn.gongji.clearing.export.XlsxExport;
import cn.gongji.console.ConsoleAudit;
import cn.gongji.ops.pii.Pii;
import cn.gongji.registry.InstitutionService;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;

/**
 * One institution's statements of a month as a file, built by the clearing export
 * ({@link Table}, {@link CsvExport}, {@link XlsxExport}) from the same statements the agency API
 * exports, with personal data masked: the person number of every detail line
 * ({@link Pii#certno}, first and last four kept) and any ID or mobile number in a memo. Finance and
 * admin only (ConsoleSecurity); each export is an audit-log read.
 */
@Controller
class StatementExport {

    static final Pattern MONTH = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");

    private final FundTotals totals;
    private final InstitutionService institutions;
    private final ConsoleAudit audit;

    StatementExport(FundTotals totals, InstitutionService institutions, ConsoleAudit audit) {
        this.totals = totals;
        this.institutions = institutions;
        this.audit = audit;
    }

    @GetMapping("/console/institutions/{code}/statements/{month}/export")
    ResponseEntity<byte[]> export(@PathVariable String code, @PathVariable String month,
            @RequestParam("format") String format, HttpServletRequest req) {
        if (!MONTH.matcher(month).matches() || !List.of("csv", "csv-detail", "xlsx").contains(format)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        institutions.find(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        List<JsonNode> s = totals.statementsOf(YearMonth.parse(month), code);
        audit.read(req, null);
        String name = "clearing-" + month + "-" + code;
        return switch (format) {
            case "csv" -> file(CsvExport.write(Table.summary(s)).getBytes(StandardCharsets.UTF_8), name + ".csv", "text/csv;charset=utf-8");
            case "csv-detail" -> file(CsvExport.write(masked(Table.detail(s))).getBytes(StandardCharsets.UTF_8),
                    name + "-detail.csv", "text/csv;charset=utf-8");
            default -> file(XlsxExport.write(List.of(Table.summary(s), masked(Table.detail(s)))), name + ".xlsx",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        };
    }

    /** The detail table with the person number masked and ID or mobile numbers in memos masked. */
    static Table masked(Table t) {
        int psn = t.headers().indexOf("psn_no");
        int memo = t.headers().indexOf("memo");
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> r : t.rows()) {
            List<Object> copy = new ArrayList<>(r);
            if (psn >= 0 && copy.get(psn) instanceof String p && !p.isEmpty()) {
                copy.set(psn, Pii.certno(p));
            }
            if (memo >= 0 && copy.get(memo) instanceof String m) {
                copy.set(memo, Pii.text(m));
            }
            rows.add(copy);
        }
        return new Table(t.name(), t.headers(), rows);
    }

    private static ResponseEntity<byte[]> file(byte[] body, String name, String type) {
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .contentType(MediaType.parseMediaType(type)).body(body);
    }
}
