package cn.gongji.supervision.db;

import cn.gongji.common.Money;
import cn.gongji.store.PersonShards;
import cn.gongji.supervision.IndicatorJudge;
import cn.gongji.supervision.InstitutionMonth;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Art. 22(2): sums each institution's live settlements per month (the month and the 24 before it,
 * recomputed each run) and raises graded warnings for the month's outliers. Idempotent per
 * (indicator, institution, month).
 */
@Service
public class IndicatorRun {

    public record Summary(YearMonth month, int institutions, int judged, int newWarnings, List<IndicatorJudge.Judged> warnings) {

        public String describe() {
            return "indicators " + month + ": " + institutions + " institutions, " + judged + " graded warnings, " + newWarnings + " new";
        }
    }

    private final JdbcClient db;
    private final JdbcTemplate jdbc;
    private final PersonShards shards;
    private final RuleStore rules;
    private final WarningStore warnings;
    private final ReviewService review;
    private final Clock clock;

    public IndicatorRun(JdbcClient db, JdbcTemplate jdbc, PersonShards shards, RuleStore rules, WarningStore warnings, ReviewService review, Clock clock) {
        this.db = db;
        this.shards = shards;
        this.jdbc = jdbc;
        this.rules = rules;
        this.warnings = warnings;
        this.review = review;
        this.clock = clock;
    }

    @Transactional
    public Summary run(YearMonth month) {
        LocalDate from = month.minusMonths(24).atDay(1);
        LocalDate to = month.plusMonths(1).atDay(1);
        store(sums(from, to));
        List<InstitutionMonth> rows = months(from, month);
        List<IndicatorJudge.Judged> judged = IndicatorJudge.judge(month, rows, rules.settings());
        OffsetDateTime now = OffsetDateTime.now(clock);
        int fresh = 0;
        for (IndicatorJudge.Judged j : judged) {
            if (warnings.record(j.finding(), new WarningStore.Subject("indicator", null, null, null, j.at().code(),
                    month.atDay(1), j.grade()), now, review.firstDue(now))) {
                fresh++;
            }
        }
        int institutions = (int) rows.stream().filter(r -> r.month().equals(month)).count();
        return new Summary(month, institutions, judged.size(), fresh, judged);
    }

    /** One institution-month's sums (kind and level are the institution's, so they do not split it). */
    record Sums(String inst, LocalDate month, String kind, String level, long visits, BigDecimal total, BigDecimal selfpay,
            BigDecimal examTest, BigDecimal outsideCatalog) {

        Sums plus(Sums o) {
            return new Sums(inst, month, kind, level, visits + o.visits, total.add(o.total), selfpay.add(o.selfpay),
                    examTest.add(o.examTest), outsideCatalog.add(o.outsideCatalog));
        }
    }

    /**
     * The live settlements' sums per institution and month of care. Each node that holds persons sums
     * its own (institution is reference data, on every node); the nodes' sums are added here.
     */
    Collection<Sums> sums(LocalDate from, LocalDate to) {
        Map<List<Object>, Sums> out = new TreeMap<>(Comparator.comparing((List<Object> k) -> (String) k.get(0))
                .thenComparing(k -> (LocalDate) k.get(1)));
        shards.query("""
                select s.fixmedins_code, date_trunc('month', s.care_date)::date, i.kind, coalesce(pi.level, i.level), count(*),
                       sum(s.medfee_sumamt), sum(s.fulamt_ownpay_amt + s.overlmt_selfpay), coalesce(sum(l.exam), 0),
                       coalesce(sum(l.outside), 0)
                from settlement s
                join institution i on i.fixmedins_code = s.fixmedins_code
                left join institution pi on pi.fixmedins_code = i.internet_of
                left join lateral (
                    select sum(case when f.med_chrgitm_type in ('03', '04') then sl.det_item_fee_sumamt else 0 end) exam,
                           sum(case when f.memo = '目录外项目' then sl.det_item_fee_sumamt else 0 end) outside
                    from settlement_line sl join fee_line f on f.line_id = sl.line_id where sl.setl_id = s.setl_id) l on true
                where s.refd_setl_id is null and s.cancelled_at is null and s.care_date >= :from and s.care_date < :to
                group by 1, 2, 3, 4
                """, Map.of("from", from, "to", to), (rs, i) -> new Sums(rs.getString(1), rs.getObject(2, LocalDate.class),
                rs.getString(3), rs.getString(4), rs.getLong(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8),
                rs.getBigDecimal(9))).forEach(p -> out.merge(List.of(p.inst(), p.month()), p, Sums::plus));
        return out.values();
    }

    /** Upserts the sums on the home node, one JDBC batch (ShardingSphere cannot bind insert … select from unnest(…) as x (…)). */
    private void store(Collection<Sums> sums) {
        jdbc.batchUpdate("""
                insert into supervision_indicator_month (fixmedins_code, month, kind, level, visits, total, selfpay, exam_test,
                    outside_catalog, computed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, now())
                on conflict (fixmedins_code, month) do update set kind = excluded.kind, level = excluded.level,
                    visits = excluded.visits, total = excluded.total, selfpay = excluded.selfpay,
                    exam_test = excluded.exam_test, outside_catalog = excluded.outside_catalog, computed_at = now()
                """, sums.stream().map(x -> new Object[] {x.inst(), java.sql.Date.valueOf(x.month()), x.kind(), x.level(),
                        (int) x.visits(), x.total(), x.selfpay(), x.examTest(), x.outsideCatalog()}).toList());
    }

    public List<InstitutionMonth> months(LocalDate from, YearMonth upTo) {
        return db.sql("""
                select fixmedins_code, kind, level, month, visits, total, selfpay, exam_test, outside_catalog
                from supervision_indicator_month where month >= :from and month <= :to order by fixmedins_code, month
                """).param("from", from).param("to", upTo.atDay(1)).query((rs, i) -> new InstitutionMonth(rs.getString(1),
                rs.getString(2), rs.getString(3), YearMonth.from(rs.getObject(4, LocalDate.class)), rs.getInt(5),
                Money.of(rs.getBigDecimal(6)), Money.of(rs.getBigDecimal(7)), Money.of(rs.getBigDecimal(8)),
                Money.of(rs.getBigDecimal(9)))).list();
    }
}
