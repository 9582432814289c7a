package cn.gongji.clearing.web;

import static cn.gongji.clearing.web.Refusals.refusing;

import cn.gongji.clearing.PaymentMethod;
import cn.gongji.clearing.db.AgreementService;
import cn.gongji.common.Money;
import cn.gongji.web.AgencyProblem;
import cn.gongji.web.Bodies;
import cn.gongji.web.FieldReader;
import cn.gongji.web.Input;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/admin/clearing")
@Tag(name = "Clearing", description = "支付方式协议、签约、病种分值 / payment-method agreements, enrolments, score schemes")
public class MethodController {

    private final AgreementService agreements;

    public MethodController(AgreementService agreements) {
        this.agreements = agreements;
    }

    public record Created(long id) {}

    @PostMapping("/agreements")
    @Operation(summary = "A dated payment-method agreement: fee_for_service | capitation | disease_score")
    public Map<String, Object> agreement(@RequestBody JsonNode body,
            @RequestHeader(name = "X-Operator", required = false) String operator) {
        FieldReader r = Bodies.object(body);
        String inst = r.text("fixmedins_code", 30);
        String method = r.oneOf("method", Set.of("fee_for_service", "capitation", "disease_score"), true);
        YearMonth from = month(r, "valid_from", true);
        YearMonth to = month(r, "valid_to", false);
        if (from != null && to != null && to.isBefore(from)) {
            r.problem("valid_to", "不能早于 valid_from", "must not be before valid_from");
        }
        PaymentMethod m = null;
        if ("capitation".equals(method)) {
            Money amount = r.money("capita_amount", true);
            BigDecimal keep = rate(r, "surplus_keep_rate");
            BigDecimal share = rate(r, "overspend_share_rate");
            m = amount == null || keep == null || share == null ? null : new PaymentMethod.Capitation(amount, keep, share);
        } else if ("disease_score".equals(method)) {
            String scheme = r.text("scheme_code", 40);
            m = scheme == null ? null : new PaymentMethod.DiseaseScore(scheme);
        } else if (method != null) {
            m = new PaymentMethod.FeeForService();
        }
        r.refuseIfInvalid();
        PaymentMethod pm = m;
        long id = refusing(() -> agreements.createAgreement(inst, pm, from, to, Refusals.actor(operator)));
        return Map.of("agreement_id", id);
    }

    @PostMapping("/enrolments")
    @Operation(summary = "Enrol a person with a primary-care institution for capitation, from a month (to a month)")
    public Map<String, Object> enrol(@RequestBody JsonNode body) {
        FieldReader r = Bodies.object(body);
        String psn = r.text("psn_no", 30);
        String inst = r.text("fixmedins_code", 30);
        YearMonth from = month(r, "begin_month", true);
        YearMonth to = month(r, "end_month", false);
        if (from != null && to != null && to.isBefore(from)) {
            r.problem("end_month", "不能早于 begin_month", "must not be before begin_month");
        }
        r.refuseIfInvalid();
        long id = refusing(() -> agreements.enrol(psn, inst, from, to));
        return Map.of("enrolment_id", id);
    }

    @PostMapping("/score-schemes")
    @Operation(summary = "A per-disease score scheme: {scheme_code, name, diseases: [{dise_codg, score}]}")
    public Map<String, Object> scheme(@RequestBody JsonNode body) {
        FieldReader r = Bodies.object(body);
        String code = r.text("scheme_code", 40);
        String name = r.text("name", 100);
        Map<String, BigDecimal> scores = new LinkedHashMap<>();
        JsonNode list = body.get("diseases");
        if (list == null || !list.isArray() || list.isEmpty()) {
            r.problem("diseases", "应为非空数组", "must be a non-empty array");
        } else {
            for (int i = 0; i < list.size(); i++) {
                JsonNode d = list.get(i);
                if (!d.isObject()) {
                    r.problem("diseases[" + i + "]", "应为对象", "must be an object");
                    continue;
                }
                FieldReader dr = new FieldReader(Input.of(d), "diseases[" + i + "].", r.problems());
                String dise = dr.text("dise_codg", 30);
                BigDecimal score = dr.decimal("score", true);
                if (score != null && (score.signum() <= 0 || score.stripTrailingZeros().scale() > 2)) {
                    dr.problem("score", "应为大于 0、最多两位小数的分值", "must be positive with at most 2 decimals");
                    score = null;
                }
                if (dise != null && score != null && scores.put(dise, score) != null) {
                    dr.problem("dise_codg", "重复", "appears twice");
                }
            }
        }
        r.refuseIfInvalid();
        refusing(() -> {
            agreements.createScheme(code, name, scores);
            return null;
        });
        return Map.of("scheme_code", code, "diseases", scores.size());
    }

    @PostMapping("/score-schemes/{code}/budgets")
    @Operation(summary = "The scheme's budget for a month: {month, budget}")
    public Map<String, Object> budget(@PathVariable("code") String code, @RequestBody JsonNode body) {
        FieldReader r = Bodies.object(body);
        YearMonth m = month(r, "month", true);
        Money budget = r.money("budget", true);
        r.refuseIfInvalid();
        refusing(() -> {
            agreements.setBudget(code, m, budget);
            return null;
        });
        return Map.of("scheme_code", code, "month", m.toString(), "budget", budget.amount());
    }

    static YearMonth month(FieldReader r, String field, boolean required) {
        String s = r.matching(field, ClearingController.MONTH, "月份 yyyy-MM", "a month yyyy-MM", required);
        return s == null ? null : YearMonth.parse(s);
    }

    static BigDecimal rate(FieldReader r, String field) {
        BigDecimal d = r.decimal(field, true);
        if (d != null && (d.signum() < 0 || d.compareTo(BigDecimal.ONE) > 0 || d.stripTrailingZeros().scale() > 4)) {
            r.problem(field, "应为 0 到 1 之间、最多四位小数的比例", "must be a rate from 0 to 1 with at most 4 decimals");
            return null;
        }
        return d;
    }
}
