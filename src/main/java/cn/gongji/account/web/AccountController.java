package cn.gongji.account.web;

import cn.gongji.account.db.AccountOperations;
import cn.gongji.account.db.AccountOperations.ContributionKind;
import cn.gongji.account.db.AccountQueries;
import cn.gongji.common.Money;
import cn.gongji.web.AgencyProblem;
import cn.gongji.web.Bodies;
import cn.gongji.web.FieldReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import java.util.regex.Pattern;
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
@RequestMapping("/api/admin/persons/{psn_no}/account")
@Tag(name = "Personal accounts", description = "个人账户：余额、明细、缴费、转移、一次性支付、更正 / personal accounts")
public class AccountController {

    private static final Pattern REF = Pattern.compile("[A-Za-z0-9_.:\\-]{1,64}");

    private final AccountOperations ops;
    private final AccountQueries queries;
    private final Clock clock;

    public AccountController(AccountOperations ops, AccountQueries queries, Clock clock) {
        this.ops = ops;
        this.queries = queries;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "Balance and every ledger entry, oldest first")
    @ApiResponse(responseCode = "200", description = "{balance, entries[]}")
    @ApiResponse(responseCode = "404", description = "not-found: no such person")
    public AccountViews.AccountView account(@PathVariable("psn_no") String psnNo) {
        AccountQueries.AccountHead h = queries.head(psnNo);
        return new AccountViews.AccountView(psnNo, h.balance().amount(), h.status(), h.closedReason(),
                queries.entries(psnNo).stream().map(e -> AccountViews.EntryView.of(e, clock.getZone())).toList());
    }

    @GetMapping("/statement")
    @Operation(summary = "Opening balance, the entries booked from `from` to `to` (inclusive), closing balance")
    public AccountViews.StatementView statement(@PathVariable("psn_no") String psnNo,
            @RequestParam("from") LocalDate from, @RequestParam("to") LocalDate to) {
        if (to.isBefore(from)) {
            throw AgencyProblem.invalid("to", "不能早于 from", "must not be before from");
        }
        AccountQueries.Statement s = queries.statement(psnNo, from, to);
        return new AccountViews.StatementView(psnNo, from, to, s.opening().amount(),
                s.entries().stream().map(e -> AccountViews.EntryView.of(e, clock.getZone())).toList(),
                s.closing().amount());
    }

    @GetMapping("/year")
    @Operation(summary = "A calendar year: credited, spent by the person, spent for family members, spent on the "
            + "person by family accounts, contributions, balance")
    public AccountViews.YearView year(@PathVariable("psn_no") String psnNo,
            @RequestParam(name = "year", required = false) Integer year) {
        int y = year != null ? year : LocalDate.now(clock).getYear();
        if (y < 2000 || y > 2100) {
            throw AgencyProblem.invalid("year", "应为 2000 到 2100 之间的年份", "must be a year from 2000 to 2100");
        }
        return AccountViews.YearView.of(queries.year(psnNo, y));
    }

    @PostMapping("/contributions")
    @Operation(summary = "Pay a bound family member's resident-insurance contribution (kind resident_insurance, "
            + "member_psn_no) or the holder's own large-amount insurance (kind large_amount) from the account")
    public AccountViews.PostingView contribute(@PathVariable("psn_no") String psnNo, @RequestBody JsonNode body,
            @RequestHeader(name = "X-Operator", required = false) String operator) {
        FieldReader r = Bodies.object(body);
        String kind = r.oneOf("kind", Set.of("resident_insurance", "large_amount"), true);
        String member = r.optionalText("member_psn_no", 30);
        Money amount = positive(r, "amount");
        Integer year = r.integer("year", 2000, 2100);
        String ref = ref(r);
        if (year == null && r.ok()) {
            r.problem("year", "必填", "is required");
        }
        if ("resident_insurance".equals(kind) && member == null) {
            r.problem("member_psn_no", "缴纳城乡居民医保时必填", "is required for resident_insurance");
        }
        if ("large_amount".equals(kind) && member != null) {
            r.problem("member_psn_no", "职工大额医疗保险只能为本人缴纳", "must be absent: large_amount is the holder's own");
        }
        if (member != null && member.equals(psnNo)) {
            r.problem("member_psn_no", "应为家庭成员而非本人", "must be a family member, not the holder");
        }
        r.refuseIfInvalid();
        ContributionKind k = "resident_insurance".equals(kind) ? ContributionKind.RESIDENT_INSURANCE : ContributionKind.LARGE_AMOUNT;
        return view(Refusals.mapped(() -> ops.contribute(psnNo, k, member, amount, year, ref, actor(operator))));
    }

    @PostMapping("/transfer-out")
    @Operation(summary = "Transfer the insurance relationship out: the whole balance leaves, the account closes")
    public AccountViews.PostingView transferOut(@PathVariable("psn_no") String psnNo, @RequestBody JsonNode body,
            @RequestHeader(name = "X-Operator", required = false) String operator) {
        FieldReader r = Bodies.object(body);
        String ref = ref(r);
        String to = r.admdvs("to_admdvs", true);
        r.refuseIfInvalid();
        return view(Refusals.mapped(() -> ops.transferOut(psnNo, ref, to, actor(operator))));
    }

    @PostMapping("/transfer-in")
    @Operation(summary = "Transfer a balance in from another region: opens or reopens the account")
    public AccountViews.PostingView transferIn(@PathVariable("psn_no") String psnNo, @RequestBody JsonNode body,
            @RequestHeader(name = "X-Operator", required = false) String operator) {
        FieldReader r = Bodies.object(body);
        Money amount = r.money("amount", true);
        String ref = ref(r);
        String from = r.admdvs("from_admdvs", true);
        r.refuseIfInvalid();
        return view(Refusals.mapped(() -> ops.transferIn(psnNo, amount, ref, from, actor(operator))));
    }

    @PostMapping("/payout")
    @Operation(summary = "One-time payout of the whole balance (death, emigration, withdrawal); the account closes. "
            + "A payout on death records the death (died_on, required unless one is on record): later charges are refused (rule R12)")
    public AccountViews.PostingView payout(@PathVariable("psn_no") String psnNo, @RequestBody JsonNode body,
            @RequestHeader(name = "X-Operator", required = false) String operator) {
        FieldReader r = Bodies.object(body);
        String reason = r.oneOf("reason", AccountOperations.PAYOUT_REASONS, true);
        String payeeName = r.text("payee_name", 100);
        String payeeAccount = r.text("payee_account", 64);
        String ref = ref(r);
        LocalDate diedOn = r.date("died_on", false);
        if (diedOn != null && !"death".equals(reason) && reason != null) {
            r.problem("died_on", "仅用于因死亡的一次性支付（reason death）", "is given only with reason death");
        } else if (diedOn != null && diedOn.isAfter(LocalDate.now(clock))) {
            r.problem("died_on", "不能晚于今天", "must not lie in the future");
        }
        r.refuseIfInvalid();
        return view(Refusals.mapped(() -> ops.payout(psnNo, reason, diedOn, payeeName, payeeAccount, ref, actor(operator))));
    }

    @PostMapping("/corrections")
    @Operation(summary = "A correcting entry (signed amount); history is never edited")
    public AccountViews.PostingView correct(@PathVariable("psn_no") String psnNo, @RequestBody JsonNode body,
            @RequestHeader(name = "X-Operator", required = false) String operator) {
        FieldReader r = Bodies.object(body);
        BigDecimal d = r.decimal("amount", true);
        String reason = r.text("reason", 200);
        String ref = ref(r);
        Money amount = null;
        if (d != null) {
            if (d.stripTrailingZeros().scale() > 2) {
                r.problem("amount", "最多两位小数", "must have at most 2 decimals");
            } else if (d.signum() == 0) {
                r.problem("amount", "不能为零", "must not be zero");
            } else {
                amount = Money.of(d.setScale(2));
            }
        }
        r.refuseIfInvalid();
        Money a = amount;
        return view(Refusals.mapped(() -> ops.correct(psnNo, a, reason, ref, actor(operator))));
    }

    private static Money positive(FieldReader r, String field) {
        Money m = r.money(field, true);
        if (m != null && !m.isPositive()) {
            r.problem(field, "应大于零", "must be greater than zero");
            return null;
        }
        return m;
    }

    private static String ref(FieldReader r) {
        return r.matching("ref", REF, "1–64 位字母、数字或 _ . : -", "1–64 letters, digits or _ . : -", true);
    }

    static String actor(String operator) {
        return cn.gongji.web.Actors.of("agency-api", operator);
    }

    private AccountViews.PostingView view(cn.gongji.account.db.Ledger.Result r) {
        return AccountViews.PostingView.of(r, clock.getZone());
    }
}
