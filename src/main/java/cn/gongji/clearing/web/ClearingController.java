package cn.gongji.clearing.web;

import static cn.gongji.clearing.web.Refusals.refusing;

import cn.gongji.clearing.PeriodKey;
import cn.gongji.clearing.db.FundTotals;
import cn.gongji.clearing.db.PeriodCloser;
import cn.gongji.clearing.db.StatementService;
import cn.gongji.clearing.export.CsvExport;
import cn.gongji.clearing.export.Table;
import cn.gongji.clearing.export.XlsxExport;
import cn.gongji.web.AgencyProblem;
import cn.gongji.web.Bodies;
import cn.gongji.web.FieldReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/admin/clearing")
@Tag(name = "Clearing", description = "清算：清算期、结算单、基金合计、导出 / periods, statements, fund totals, exports")
public class ClearingController {

    private static final Logger log = LoggerFactory.getLogger(ClearingController.class);
    static final Pattern MONTH = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");

    private final PeriodCloser closer;
    private final StatementService statements;
    private final FundTotals totals;

    public ClearingController(PeriodCloser closer, StatementService statements, FundTotals totals) {
        this.closer = closer;
        this.statements = statements;
        this.totals = totals;
    }

    @PostMapping("/periods/close")
    @Operation(summary = "Close a month's periods (every institution, or one): freezes their statements")
    public PeriodCloser.Summary close(@RequestBody JsonNode body,
            @RequestHeader(name = "X-Operator", required = false) String operator) {
        FieldReader r = Bodies.object(body);
        String month = r.matching("month", MONTH, "月份 yyyy-MM", "a month yyyy-MM", true);
        String inst = r.optionalText("fixmedins_code", 30);
        r.refuseIfInvalid();
        PeriodCloser.Summary s = refusing(() -> closer.closeMonth(YearMonth.parse(month), inst,
                Refusals.actor(operator), log::info));
        log.info(s.describe());
        return s;
    }

    @GetMapping(value = "/statements/{code}/{clrType}/{month}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "One statement: frozen as closed, or computed now while the period is open")
    public ResponseEntity<String> statement(@PathVariable("code") String code, @PathVariable("clrType") String clrType,
            @PathVariable("month") String month) {
        YearMonth m = month(month);
        if (!clrType.equals("11") && !clrType.equals("41")) {
            throw AgencyProblem.invalid("clr_type", "应为 11 或 41", "must be 11 or 41");
        }
        if (statements.name(code) == null) {
            throw AgencyProblem.notFound("institution", code);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(statements.json(new PeriodKey(code, clrType, m)));
    }

    @GetMapping("/statements")
    @Operation(summary = "The month's statements (open ones with nothing in them are left out)")
    public List<JsonNode> statements(@RequestParam("month") String month,
            @RequestParam(name = "fixmedins_code", required = false) String inst) {
        return totals.statementsOf(month(month), inst);
    }

    @GetMapping("/fund-totals")
    @Operation(summary = "The fund's total for a month across institutions, with score-scheme remainders")
    public FundTotals.Total fundTotal(@RequestParam("month") String month) {
        return totals.total(month(month));
    }

    @GetMapping("/export")
    @Operation(summary = "The month's statements as CSV (format=csv: summary; csv-detail: detail) or .xlsx (both sheets)")
    public ResponseEntity<byte[]> export(@RequestParam("month") String month, @RequestParam("format") String format,
            @RequestParam(name = "fixmedins_code", required = false) String inst) {
        YearMonth m = month(month);
        List<JsonNode> s = totals.statementsOf(m, inst);
        return switch (format) {
            case "csv" -> file(CsvExport.write(Table.summary(s)).getBytes(StandardCharsets.UTF_8), "clearing-" + m + ".csv",
                    "text/csv;charset=utf-8");
            case "csv-detail" -> file(CsvExport.write(Table.detail(s)).getBytes(StandardCharsets.UTF_8),
                    "clearing-" + m + "-detail.csv", "text/csv;charset=utf-8");
            case "xlsx" -> file(XlsxExport.write(List.of(Table.summary(s), Table.detail(s))), "clearing-" + m + ".xlsx",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            default -> throw AgencyProblem.invalid("format", "应为 csv、csv-detail 或 xlsx", "must be csv, csv-detail or xlsx");
        };
    }

    private static ResponseEntity<byte[]> file(byte[] body, String name, String type) {
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .contentType(MediaType.parseMediaType(type)).body(body);
    }

    static YearMonth month(String s) {
        if (s == null || !MONTH.matcher(s).matches()) {
            throw AgencyProblem.invalid("month", "应为月份 yyyy-MM", "must be a month yyyy-MM");
        }
        return YearMonth.parse(s);
    }
}
