package cn.gongji.console.institution;

import cn.gongji.registry.InstitutionService.Institution;
import cn.gongji.store.PersonShards;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Settlements of the institution by business-zone month over the last 12 months, net of
 * cancellations (a cancellation counts in the month it happened), with a chart. Each node that
 * holds persons sums its own rows ({@link PersonShards}); the sums are added here.
 */
@Component
class MonthlyTotalsPanel implements InstitutionPanel {

    static final int MONTHS = 12;

    public record Month(String month, long settlements, long cancellations, BigDecimal medfee, BigDecimal fundPay,
            BigDecimal acctPay, BigDecimal cash) {

        Month plus(Month o) {
            return new Month(month, settlements + o.settlements, cancellations + o.cancellations, medfee.add(o.medfee),
                    fundPay.add(o.fundPay), acctPay.add(o.acctPay), cash.add(o.cash));
        }
    }

    private final PersonShards shards;
    private final Clock clock;

    MonthlyTotalsPanel(PersonShards shards, Clock clock) {
        this.shards = shards;
        this.clock = clock;
    }

    @Override
    public String fragment() {
        return "console/panels :: monthly";
    }

    @Override
    public String title() {
        return "inst.panel.monthly";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public Map<String, Object> model(Institution inst) {
        return Map.of("months", months(inst.code()), "code", inst.code());
    }

    List<Month> months(String code) {
        YearMonth last = YearMonth.now(clock);
        YearMonth first = last.minusMonths(MONTHS - 1L);
        Map<String, Month> found = new LinkedHashMap<>();
        shards.query("""
                select to_char(setl_time at time zone :zone, 'YYYY-MM'),
                       count(*) filter (where refd_setl_id is null), count(*) filter (where refd_setl_id is not null),
                       sum(medfee_sumamt), sum(hifp_pay), sum(acct_pay), sum(psn_cash_pay)
                from settlement where fixmedins_code = :c and setl_time >= :a
                group by 1
                """, Map.of("zone", clock.getZone().getId(), "c", code,
                        "a", first.atDay(1).atStartOfDay(clock.getZone()).toOffsetDateTime()),
                (rs, i) -> new Month(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7)))
                .forEach(m -> found.merge(m.month(), m, Month::plus));
        List<Month> out = new ArrayList<>();
        BigDecimal zero = BigDecimal.ZERO.setScale(2);
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            out.add(found.getOrDefault(m.toString(), new Month(m.toString(), 0, 0, zero, zero, zero, zero)));
        }
        return out;
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }
}
