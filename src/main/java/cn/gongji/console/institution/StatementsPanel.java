package cn.gongji.console.institution;

import cn.gongji.clearing.db.FundTotals;
import cn.gongji.registry.InstitutionService.Institution;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The institution's clearing statements of the last {@link #MONTHS} months, from the clearing
 * service the agency API answers with ({@link FundTotals#statementsOf}: closed ones as frozen, open
 * ones computed from the rows now), the latest one's figures in full, and export links.
 */
@Component
class StatementsPanel implements InstitutionPanel {

    static final int MONTHS = 6;

    /** One statement's headline figures. */
    public record Period(String month, String clrType, String status, String closedAt, String method, long settlements,
            BigDecimal settlementFund, long cancellations, BigDecimal cancellationFund, long adjustments,
            BigDecimal adjustmentFund, BigDecimal fundShare, BigDecimal methodEffect, BigDecimal recovered,
            BigDecimal acctShare, BigDecimal payable, int recoveries) {

        static Period of(JsonNode s) {
            return new Period(s.path("month").asString(), s.path("clr_type").asString(), s.path("status").asString(),
                    s.path("closed_at").isNull() ? null : s.path("closed_at").asString(null), s.path("method").asString(),
                    s.path("settlements").path("count").asLong(), yuan(s.path("settlements").path("fund_pay_sumamt")),
                    s.path("cancellations").path("count").asLong(), yuan(s.path("cancellations").path("fund_pay_sumamt")),
                    s.path("adjustments").path("count").asLong(), yuan(s.path("adjustments").path("fund_pay_sumamt")),
                    yuan(s.path("fund_share")), yuan(s.path("method_effect")),
                    yuan(s.path("recovered")), yuan(s.path("acct_share")), yuan(s.path("payable")), s.path("recoveries").size());
        }

        /** Amounts in yuan with two decimals, as everywhere in the console (JSON numbers lose trailing zeros). */
        private static BigDecimal yuan(JsonNode n) {
            return (n.isMissingNode() ? java.math.BigDecimal.ZERO : n.decimalValue()).setScale(2, java.math.RoundingMode.UNNECESSARY);
        }
    }

    private final FundTotals totals;
    private final Clock clock;

    StatementsPanel(FundTotals totals, Clock clock) {
        this.totals = totals;
        this.clock = clock;
    }

    @Override
    public String fragment() {
        return "console/panels :: statements";
    }

    @Override
    public String title() {
        return "inst.panel.statements";
    }

    @Override
    public int order() {
        return 26;
    }

    @Override
    public Map<String, Object> model(Institution inst) {
        List<Period> periods = periods(inst.code());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", inst.code());
        m.put("periods", periods.reversed());
        m.put("latest", periods.isEmpty() ? null : periods.getLast());
        return m;
    }

    /** Oldest first; months with nothing to clear are left out (as the agency API does). */
    List<Period> periods(String code) {
        YearMonth last = YearMonth.now(clock);
        List<Period> out = new ArrayList<>();
        for (YearMonth m = last.minusMonths(MONTHS - 1L); !m.isAfter(last); m = m.plusMonths(1)) {
            totals.statementsOf(m, code).forEach(s -> out.add(Period.of(s)));
        }
        return out;
    }
}
