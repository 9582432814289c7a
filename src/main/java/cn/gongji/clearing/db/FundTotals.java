package cn.gongji.clearing.db;

import cn.gongji.clearing.PeriodKey;
import cn.gongji.common.Money;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** A month's statements across institutions and the fund's total, with each score scheme's remainder. */
@Service
public class FundTotals {

    public record Row(@JsonProperty("fixmedins_code") String fixmedinsCode, @JsonProperty("clr_type") String clrType,
            String status, @JsonProperty("fund_share") BigDecimal fundShare,
            @JsonProperty("method_effect") BigDecimal methodEffect, BigDecimal recovered,
            @JsonProperty("acct_share") BigDecimal acctShare, BigDecimal payable) {}

    public record SchemeRemainder(@JsonProperty("scheme_code") String schemeCode, BigDecimal budget,
            @JsonProperty("point_value") BigDecimal pointValue, BigDecimal paid, BigDecimal remainder) {}

    public record Total(String month, int statements, int closed, @JsonProperty("fund_share") BigDecimal fundShare,
            @JsonProperty("method_effect") BigDecimal methodEffect, BigDecimal recovered,
            @JsonProperty("acct_share") BigDecimal acctShare, BigDecimal payable, List<SchemeRemainder> schemes,
            List<Row> rows) {}

    private final PeriodCloser closer;
    private final StatementService statements;
    private final MethodStore methods;
    private final ObjectMapper json;

    public FundTotals(PeriodCloser closer, StatementService statements, MethodStore methods, ObjectMapper json) {
        this.closer = closer;
        this.statements = statements;
        this.methods = methods;
        this.json = json;
    }

    /** Every statement of the month (closed ones as frozen); open ones with nothing in them are left out. */
    public List<JsonNode> statementsOf(YearMonth month, String onlyInstitution) {
        List<JsonNode> out = new ArrayList<>();
        for (PeriodKey p : closer.periodsOf(month, onlyInstitution)) {
            JsonNode s = json.readTree(statements.json(p));
            boolean empty = s.path("items").isEmpty() && s.path("recoveries").isEmpty();
            if (s.path("status").asString().equals("closed") || !empty) {
                out.add(s);
            }
        }
        return out;
    }

    public Total total(YearMonth month) {
        List<Row> rows = new ArrayList<>();
        Money fund = Money.ZERO, effect = Money.ZERO, recovered = Money.ZERO, acct = Money.ZERO, payable = Money.ZERO;
        int closed = 0;
        java.util.Map<String, Money> paidByScheme = new java.util.HashMap<>();
        for (JsonNode s : statementsOf(month, null)) {
            Row r = new Row(s.path("fixmedins_code").asString(), s.path("clr_type").asString(), s.path("status").asString(),
                    s.path("fund_share").decimalValue(), s.path("method_effect").decimalValue(),
                    s.path("recovered").decimalValue(), acctShare(s), s.path("payable").decimalValue());
            rows.add(r);
            closed += r.status().equals("closed") ? 1 : 0;
            fund = fund.plus(Money.of(r.fundShare()));
            effect = effect.plus(Money.of(r.methodEffect()));
            recovered = recovered.plus(Money.of(r.recovered()));
            acct = acct.plus(Money.of(r.acctShare()));
            payable = payable.plus(Money.of(r.payable()));
            for (JsonNode e : s.path("method_effects")) {
                if (e.path("method").asString().equals("disease_score")) {
                    String scheme = e.path("scheme_code").asString();
                    paidByScheme.merge(scheme, Money.of(e.path("payment").decimalValue()), Money::plus);
                }
            }
        }
        List<SchemeRemainder> schemes = new ArrayList<>();
        for (String scheme : methods.schemes()) {
            Optional<Money> budget = methods.budget(scheme, month);
            if (budget.isEmpty()) {
                continue;
            }
            Money paid = paidByScheme.getOrDefault(scheme, Money.ZERO);
            BigDecimal pv = methods.fixedPointValue(scheme, month).map(MethodStore.FixedValue::pointValue).orElse(null);
            schemes.add(new SchemeRemainder(scheme, budget.get().amount(), pv, paid.amount(),
                    budget.get().minus(paid).amount()));
        }
        return new Total(month.toString(), rows.size(), closed, fund.amount(), effect.amount(), recovered.amount(),
                acct.amount(), payable.amount(), schemes, rows);
    }

    /** A statement's personal-account share; 0 in one frozen before statements carried it (its payable was the pool's alone). */
    static BigDecimal acctShare(JsonNode statement) {
        return statement.has("acct_share") ? statement.path("acct_share").decimalValue() : BigDecimal.ZERO;
    }
}
