package cn.gongji.supervision.web;

import cn.gongji.catalog.CatalogChanged;
import cn.gongji.common.Money;
import cn.gongji.registry.PersonStore;
import cn.gongji.supervision.ReviewAction;
import cn.gongji.supervision.ReviewFlow;
import cn.gongji.supervision.RuleDef;
import cn.gongji.supervision.RuleSettings;
import cn.gongji.supervision.Rules;
import cn.gongji.supervision.db.IndicatorRun;
import cn.gongji.supervision.db.ReviewService;
import cn.gongji.supervision.db.RuleStore;
import cn.gongji.supervision.db.Scanner;
import cn.gongji.supervision.db.Warning;
import cn.gongji.supervision.db.WarningStore;
import cn.gongji.web.AgencyProblem;
import cn.gongji.web.Bodies;
import cn.gongji.web.FieldProblem;
import cn.gongji.web.FieldReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The agency's supervision API: rules and parameters, the warning queue and its transitions, scans, indicators. */
@RestController
@Tag(name = "Fund supervision")
public class SupervisionController {

    private static final Logger log = LoggerFactory.getLogger(SupervisionController.class);
    private static final Pattern MONTH = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");
    private static final Set<String> STATUSES = Set.of("first_review", "second_review", "appeal", "verification", "confirmed",
            "dismissed");

    private final RuleStore rules;
    private final WarningStore warnings;
    private final ReviewService review;
    private final Scanner scanner;
    private final IndicatorRun indicators;
    private final JdbcClient db;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final PersonStore persons;

    public SupervisionController(RuleStore rules, WarningStore warnings, ReviewService review, Scanner scanner,
            IndicatorRun indicators, JdbcClient db, Clock clock, ApplicationEventPublisher events, PersonStore persons) {
        this.events = events;
        this.persons = persons;
        this.rules = rules;
        this.warnings = warnings;
        this.review = review;
        this.scanner = scanner;
        this.indicators = indicators;
        this.db = db;
        this.clock = clock;
    }

    @GetMapping("/api/admin/supervision/rules")
    @Operation(summary = "The rules with their category, result type, window, scenes, stages, severity and parameters")
    public List<Map<String, Object>> rules() {
        RuleSettings s = rules.settings();
        return Rules.ALL.stream().map(d -> SupervisionViews.rule(d, s)).toList();
    }

    @PutMapping("/api/admin/supervision/rules/{ruleId}")
    @Operation(summary = "Switch a rule on or off and set its parameters {enabled, params: {name: value}}")
    public Map<String, Object> updateRule(@PathVariable String ruleId, @RequestBody JsonNode body,
            @RequestHeader(name = "X-Operator", required = false) String operator) {
        RuleDef def = Rules.find(ruleId).orElseThrow(() -> AgencyProblem.notFound("规则 rule", ruleId));
        FieldReader r = Bodies.object(body);
        Boolean enabled = body.has("enabled") ? r.bool("enabled", true) : null;
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        JsonNode params = body.get("params");
        List<FieldProblem> problems = new ArrayList<>(r.problems());
        if (params != null && !params.isNull()) {
            if (!params.isObject()) {
                problems.add(FieldProblem.of("params", "应为对象 {名称: 数值}", "must be an object {name: value}"));
            } else {
                for (var e : params.properties()) {
                    String name = e.getKey();
                    if (!def.defaults().containsKey(name)) {
                        problems.add(FieldProblem.of("params." + name, "规则 " + ruleId + " 没有该参数，可选 " + def.defaults().keySet(),
                                "rule " + ruleId + " has no such parameter; it has " + def.defaults().keySet()));
                        continue;
                    }
                    BigDecimal v = e.getValue().isNumber() ? e.getValue().decimalValue() : null;
                    if (v == null || v.signum() < 0 || v.stripTrailingZeros().scale() > 4 || v.compareTo(new BigDecimal("1000000")) >= 0) {
                        problems.add(FieldProblem.of("params." + name, "应为不小于 0、最多 4 位小数的数值",
                                "must be a number ≥ 0 with at most 4 decimals"));
                        continue;
                    }
                    values.put(name, v);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw AgencyProblem.invalid(problems);
        }
        rules.update(ruleId, enabled, values, actor(operator));
        return SupervisionViews.rule(def, rules.settings());
    }

    @GetMapping("/api/admin/supervision/warnings")
    @Operation(summary = "The warning queue, filtered; overdue=true lists open warnings past their deadline")
    public List<Map<String, Object>> warnings(@RequestParam(required = false) String status,
            @RequestParam(name = "fixmedins_code", required = false) String inst,
            @RequestParam(name = "rule_id", required = false) String ruleId,
            @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
            @RequestParam(required = false, defaultValue = "false") boolean overdue,
            @RequestParam(required = false, defaultValue = "200") int limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw AgencyProblem.invalid("status", "应为 " + String.join("|", STATUSES) + " 之一", "must be one of " + STATUSES);
        }
        if (limit < 1 || limit > 5000) {
            throw AgencyProblem.invalid("limit", "应为 1 到 5000", "must be from 1 to 5000");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        return warnings.list(status, inst, ruleId, from, to, overdue ? now : null, limit).stream()
                .map(w -> SupervisionViews.warning(w, clock.getZone(), now)).toList();
    }

    @GetMapping("/api/admin/supervision/warnings/{id}")
    @Operation(summary = "One warning with its evidence and audit trail")
    public Map<String, Object> warning(@PathVariable long id) {
        Warning w = warnings.find(id).orElseThrow(() -> AgencyProblem.notFound("预警 warning", String.valueOf(id)));
        Map<String, Object> m = SupervisionViews.warning(w, clock.getZone(), OffsetDateTime.now(clock));
        m.put("events", warnings.events(id).stream().map(e -> SupervisionViews.event(e, clock.getZone())).toList());
        return m;
    }

    @PostMapping("/api/admin/supervision/warnings/{id}/transitions")
    @Operation(summary = "Move a warning: {action: escalate|notify|lapse|confirm|dismiss, note, amount (confirm)}")
    public Map<String, Object> transition(@PathVariable long id, @RequestBody JsonNode body,
            @RequestHeader(name = "X-Operator", required = false) String operator) {
        FieldReader r = Bodies.object(body);
        String actionCode = r.oneOf("action", Set.of("escalate", "notify", "lapse", "confirm", "dismiss", "appeal"), true);
        String note = r.optionalText("note", 2000);
        Money amount = r.money("amount", false);
        r.refuseIfInvalid();
        ReviewAction action = ReviewAction.fromCode(actionCode).orElseThrow();
        try {
            review.transition(id, action, ReviewFlow.Actor.AGENCY, actor(operator), null, note, amount);
        } catch (ReviewService.Refused e) {
            throw switch (e.kind()) {
                case NOT_FOUND -> AgencyProblem.notFound("预警 warning", String.valueOf(id));
                // a confirm is refused for its amount (missing, above the fund share, or clearing's refusal), an appeal for its note
                case INVALID -> AgencyProblem.invalid("confirm".equals(actionCode) ? "amount" : "note", e.zh(), e.en());
                case ILLEGAL -> new AgencyProblem(HttpStatus.CONFLICT, "illegal-transition", "不允许的流转 / Illegal transition",
                        e.zh() + " / " + e.en(), List.of(FieldProblem.of("action", e.zh(), e.en())));
            };
        }
        return warning(id);
    }

    @PostMapping("/api/admin/supervision/scans")
    @Operation(summary = "Run the rules over the settlements of a period {from, to} (yyyy-MM-dd); a rescan adds only new warnings")
    public Map<String, Object> scan(@RequestBody JsonNode body) {
        FieldReader r = Bodies.object(body);
        LocalDate from = r.date("from", true);
        LocalDate to = r.date("to", true);
        if (from != null && to != null && to.isBefore(from)) {
            r.problem("to", "不能早于 from", "must not be before from");
        }
        if (from != null && to != null && to.isAfter(from.plusDays(366))) {
            r.problem("to", "一次最多扫描 366 天", "a scan covers at most 366 days");
        }
        r.refuseIfInvalid();
        Scanner.Summary s = scanner.scan(from, to, log::info);
        log.info(s.describe());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", s.from().toString());
        m.put("to", s.to().toString());
        m.put("settlements", s.settlements());
        m.put("findings", s.findings());
        m.put("new_warnings", s.newWarnings());
        m.put("by_rule", s.byRule());
        return m;
    }

    @PostMapping("/api/admin/supervision/indicators")
    @Operation(summary = "Compute the month's indicators per institution (yyyy-MM) and raise graded warnings")
    public Map<String, Object> indicators(@RequestBody JsonNode body) {
        FieldReader r = Bodies.object(body);
        String month = r.matching("month", MONTH, "月份 yyyy-MM", "a month yyyy-MM", true);
        r.refuseIfInvalid();
        IndicatorRun.Summary s = indicators.run(YearMonth.parse(month));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("month", month);
        m.put("institutions", s.institutions());
        m.put("warnings", s.judged());
        m.put("new_warnings", s.newWarnings());
        m.put("graded", s.warnings().stream().map(j -> Map.of("indicator", j.indicator().id(), "fixmedins_code", j.at().code(),
                "value", j.value(), "grade", j.grade().code())).toList());
        return m;
    }

    @PostMapping("/api/admin/supervision/deaths")
    @Operation(summary = "Record a person's death {psn_no, died_on, source}: later charges are refused (R12)")
    public Map<String, Object> death(@RequestBody JsonNode body) {
        FieldReader r = Bodies.object(body);
        String psnNo = r.text("psn_no", 40);
        LocalDate died = r.date("died_on", true);
        String source = r.optionalText("source", 100);
        r.refuseIfInvalid();
        if (died.isAfter(LocalDate.now(clock))) {
            throw AgencyProblem.invalid("died_on", "不能晚于今天", "must not lie in the future");
        }
        if (db.sql("select count(*) from person where psn_no = :p").param("p", psnNo).query(Long.class).single() == 0) {
            throw AgencyProblem.notFound("参保人 person", psnNo);
        }
        persons.recordDeath(psnNo, died, source == null ? "agency" : source);
        return Map.of("psn_no", psnNo, "died_on", died.toString());
    }

    @PutMapping("/api/admin/supervision/item-levels/{code}")
    @Operation(summary = "限医疗机构级别: the lowest institution level that may bill a catalog item {min_level: L1|L2|L3|null}")
    public Map<String, Object> itemLevel(@PathVariable String code, @RequestBody JsonNode body) {
        FieldReader r = Bodies.object(body);
        String level = r.oneOf("min_level", Set.of("L1", "L2", "L3"), false);
        r.refuseIfInvalid();
        int n = db.sql("update catalog_item set min_level = :l, updated_at = now() where med_list_codg = :c")
                .param("l", level).param("c", code).update();
        if (n == 0) {
            throw AgencyProblem.notFound("目录项目 catalog item", code);
        }
        events.publishEvent(new CatalogChanged(List.of(code)));   // cached catalog limits are read afresh
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("med_list_codg", code);
        m.put("min_level", level);
        return m;
    }

    @GetMapping("/api/admin/supervision/recoveries")
    @Operation(summary = "Recoveries of confirmed warnings, the handoff to clearing (cleared_in null: not yet deducted)")
    public List<Map<String, Object>> recoveries(@RequestParam(name = "fixmedins_code", required = false) String inst) {
        return warnings.recoveries(inst).stream().map(x -> SupervisionViews.recovery(x, clock.getZone())).toList();
    }

    private static String actor(String operator) {
        return cn.gongji.web.Actors.of("agency", operator);
    }
}
