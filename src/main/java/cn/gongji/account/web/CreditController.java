package cn.gongji.account.web;

import cn.gongji.account.db.CreditRun;
import cn.gongji.account.db.CreditSummary;
import cn.gongji.policy.PolicyBook;
import cn.gongji.web.AgencyProblem;
import cn.gongji.web.Bodies;
import cn.gongji.web.FieldReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.YearMonth;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@Tag(name = "Personal accounts")
public class CreditController {

    private static final Logger log = LoggerFactory.getLogger(CreditController.class);
    private static final Pattern MONTH = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");

    private final CreditRun run;

    public CreditController(CreditRun run) {
        this.run = run;
    }

    @PostMapping("/api/admin/accounts/credits")
    @Operation(summary = "Credit every personal account for a month (yyyy-MM), exactly once per person-month")
    public CreditSummary credit(@RequestBody JsonNode body,
            @RequestHeader(name = "X-Operator", required = false) String operator) {
        FieldReader r = Bodies.object(body);
        String month = r.matching("month", MONTH, "月份 yyyy-MM", "a month yyyy-MM", true);
        r.refuseIfInvalid();
        YearMonth m = YearMonth.parse(month);
        try {
            CreditSummary s = run.run(m, AccountController.actor(operator), log::info);
            log.info(s.describe());
            return s;
        } catch (CreditRun.MonthNotBegun e) {
            throw AgencyProblem.invalid("month", "该月尚未开始，不能预先划入（当前月份 " + e.current() + "）",
                    "the month has not begun and cannot be credited in advance (the current month is " + e.current() + ")");
        } catch (PolicyBook.NoPolicyInForce e) {
            throw AgencyProblem.invalid("month", "该月没有生效的门诊共济政策（最早 " + e.earliest() + "）",
                    "no outpatient mutual-aid policy is in force for this month (the first starts " + e.earliest() + ")");
        }
    }
}
