package cn.gongji.console.institution;

import cn.gongji.registry.InstitutionService.Institution;
import cn.gongji.supervision.Indicator;
import cn.gongji.supervision.IndicatorJudge;
import cn.gongji.supervision.InstitutionMonth;
import cn.gongji.supervision.Params;
import cn.gongji.supervision.RobustScore;
import cn.gongji.supervision.RuleSettings;
import cn.gongji.supervision.db.IndicatorRun;
import cn.gongji.supervision.db.RuleStore;
import cn.gongji.supervision.db.Warning;
import cn.gongji.supervision.db.WarningStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Supervision's six indicators (Art. 22(2)) of the institution for the last 12 months, from the
 * monthly sums the indicator run keeps ({@link IndicatorRun#months}), each with the median of its
 * peers that month (same kind and level, at least {@code min_visits}) and the grade of the month's
 * indicator warning, if one was raised. Values and peer medians come from the supervision core
 * ({@link InstitutionMonth#values}, {@link RobustScore}); nothing is computed twice in SQL.
 */
@Component
class IndicatorsPanel implements InstitutionPanel {

    static final int MONTHS = 12;

    /** One indicator in one month: the institution's value, its peers' median (null: too few) and the grade. */
    public record Cell(String indicator, BigDecimal value, BigDecimal peerMedian, int peers, String grade) {

        /** As read: the average cost in yuan, the others (growth and shares) in per cent with one decimal. */
        public String shown() {
            return show(value);
        }

        public String peerShown() {
            return show(peerMedian);
        }

        private String show(BigDecimal v) {
            if (v == null) {
                return "—";
            }
            return indicator.equals("I03") ? v.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()
                    : v.movePointRight(2).setScale(1, java.math.RoundingMode.HALF_UP).toPlainString() + "%";
        }
    }

    public record Month(String month, int visits, BigDecimal total, List<Cell> cells) {}

    private final IndicatorRun run;
    private final RuleStore rules;
    private final WarningStore warnings;
    private final Clock clock;

    IndicatorsPanel(IndicatorRun run, RuleStore rules, WarningStore warnings, Clock clock) {
        this.run = run;
        this.rules = rules;
        this.warnings = warnings;
        this.clock = clock;
    }

    @Override
    public String fragment() {
        return "console/panels :: indicators";
    }

    @Override
    public String title() {
        return "inst.panel.indicators";
    }

    @Override
    public int order() {
        return 24;
    }

    @Override
    public Map<String, Object> model(Institution inst) {
        return Map.of("months", months(inst.code()), "code", inst.code(),
                "indicators", List.of(Indicator.values()).stream().map(Indicator::id).toList());
    }

    /** The institution's months that have indicator sums, oldest first. */
    List<Month> months(String code) {
        YearMonth last = YearMonth.now(clock);
        YearMonth first = last.minusMonths(MONTHS - 1L);
        List<InstitutionMonth> rows = run.months(first.minusMonths(12).atDay(1), last);
        Map<String, InstitutionMonth> byKey = new HashMap<>();
        rows.forEach(r -> byKey.put(r.code() + "@" + r.month(), r));
        Map<String, String> grades = new HashMap<>();
        for (Warning w : warnings.list(null, code, null, first.atDay(1), last.atDay(1), null, 1000)) {
            if ("indicator".equals(w.source()) && w.grade() != null) {
                grades.put(w.ruleId() + "@" + YearMonth.from(w.careDate()), w.grade());
            }
        }
        RuleSettings settings = rules.settings();
        List<Month> out = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            InstitutionMonth im = byKey.get(code + "@" + m);
            if (im == null) {
                continue;
            }
            Map<Indicator, BigDecimal> values = values(im, byKey);
            List<Cell> cells = new ArrayList<>();
            for (Indicator ind : Indicator.values()) {
                BigDecimal v = values.get(ind);
                Params p = settings.paramsOf(ind.def());
                List<BigDecimal> peers = peerValues(im, ind, rows, byKey, p.whole("min_visits"));
                Optional<RobustScore> score = v == null ? Optional.empty()
                        : RobustScore.of(v, peers, IndicatorJudge.MIN_PEERS, p.get("min_spread"));
                cells.add(new Cell(ind.id(), v, score.map(RobustScore::median).orElse(null), peers.size(),
                        grades.get(ind.id() + "@" + m)));
            }
            out.add(new Month(m.toString(), im.visits(), im.total().amount(), cells));
        }
        return out;
    }

    private static List<BigDecimal> peerValues(InstitutionMonth im, Indicator ind, List<InstitutionMonth> rows,
            Map<String, InstitutionMonth> byKey, int minVisits) {
        List<BigDecimal> out = new ArrayList<>();
        for (InstitutionMonth other : rows) {
            if (other.month().equals(im.month()) && !other.code().equals(im.code())
                    && other.peerGroup().equals(im.peerGroup()) && other.visits() >= minVisits) {
                BigDecimal v = values(other, byKey).get(ind);
                if (v != null) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    private static Map<Indicator, BigDecimal> values(InstitutionMonth im, Map<String, InstitutionMonth> byKey) {
        return im.values(byKey.get(im.code() + "@" + im.month().minusMonths(1)), byKey.get(im.code() + "@" + im.month().minusYears(1)));
    }
}
