package cn.gongji.supervision.gen;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scores the warnings on the plan's institutions against its truth. Recall per rule: injected
 * anomalies named by at least one warning of that rule. Precision per rule: warnings of the target
 * month that name an injected anomaly of their rule. The baseline: warnings per settlement over the
 * three ordinary months before, where nothing was injected.
 */
public record Evaluation(YearMonth month, Map<String, Score> byRule, int baselineSettlements, int baselineClaimWarnings,
        int baselineInstitutionMonths, int baselineIndicatorWarnings, List<String> falsePositives) {

    public record Score(int injected, int detected, int warnings, int trueWarnings) {

        Score plus(Score o) {
            return new Score(injected + o.injected, detected + o.detected, warnings + o.warnings, trueWarnings + o.trueWarnings);
        }
    }

    record W(String rule, String setlId, String inst, LocalDate care, String content) {}

    static Evaluation of(Plan plan, JdbcTemplate jdbc) {
        YearMonth m = plan.month();
        Set<String> insts = plan.institutions().stream().map(Plan.Inst::code).collect(Collectors.toSet());
        List<W> all = jdbc.query("""
                select rule_id, setl_id, fixmedins_code, care_date, content from supervision_warning
                where fixmedins_code = any(?) and care_date >= ? and care_date <= ?""", (rs, i) -> new W(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class), rs.getString(5)),
                insts.toArray(String[]::new), m.minusMonths(3).atDay(1), m.atEndOfMonth());
        List<W> target = all.stream().filter(w -> YearMonth.from(w.care()).equals(m)).toList();
        Map<String, Score> scores = new TreeMap<>();
        for (Plan.Truth t : plan.truth()) {
            boolean found = target.stream().anyMatch(w -> matches(w, t));
            scores.merge(t.ruleId(), new Score(1, found ? 1 : 0, 0, 0), Score::plus);
        }
        List<String> fps = new ArrayList<>();
        for (W w : target) {
            boolean ok = plan.truth().stream().anyMatch(t -> matches(w, t));
            scores.merge(w.rule(), new Score(0, 0, 1, ok ? 1 : 0), Score::plus);
            if (!ok) {
                fps.add(w.rule() + " " + w.content());
            }
        }
        List<W> before = all.stream().filter(w -> !YearMonth.from(w.care()).equals(m)).toList();
        Integer settlements = jdbc.queryForObject("""
                select count(*) from settlement where fixmedins_code = any(?) and care_date >= ? and care_date < ?""",
                Integer.class, insts.toArray(String[]::new), m.minusMonths(3).atDay(1), m.atDay(1));
        Integer instMonths = jdbc.queryForObject("""
                select count(*) from supervision_indicator_month where fixmedins_code = any(?) and month = ?""", Integer.class,
                insts.toArray(String[]::new), m.minusMonths(1).atDay(1));
        int claimBefore = (int) before.stream().filter(w -> w.rule().startsWith("R")).count();
        int indBefore = (int) before.stream().filter(w -> w.rule().startsWith("I")).count();
        return new Evaluation(m, scores, settlements == null ? 0 : settlements, claimBefore, instMonths == null ? 0 : instMonths,
                indBefore, fps);
    }

    private static boolean matches(W w, Plan.Truth t) {
        if (!w.rule().equals(t.ruleId())) {
            return false;
        }
        return t.setlIds().isEmpty() ? t.fixmedinsCode().equals(w.inst()) : t.setlIds().contains(w.setlId());
    }

    public Score total() {
        return byRule.values().stream().reduce(new Score(0, 0, 0, 0), Score::plus);
    }

    public String describe() {
        StringBuilder sb = new StringBuilder("| rule | injected | detected | recall | warnings | true | precision |\n"
                + "| --- | --- | --- | --- | --- | --- | --- |\n");
        byRule.forEach((r, s) -> sb.append(row(r, s)));
        sb.append(row("all", total()));
        sb.append("\nordinary months before ").append(month).append(": ").append(baselineClaimWarnings)
                .append(" rule warnings on ").append(baselineSettlements).append(" settlements (")
                .append(pct(baselineClaimWarnings, baselineSettlements)).append("); ").append(baselineIndicatorWarnings)
                .append(" indicator warnings on ").append(baselineInstitutionMonths).append(" institution-months of ")
                .append(month.minusMonths(1)).append('\n');
        if (!falsePositives.isEmpty()) {
            sb.append("warnings of ").append(month).append(" naming no injected anomaly:\n");
            falsePositives.forEach(f -> sb.append("  ").append(f).append('\n'));
        }
        return sb.toString();
    }

    private static String row(String r, Score s) {
        return "| " + r + " | " + s.injected() + " | " + s.detected() + " | " + pct(s.detected(), s.injected()) + " | "
                + s.warnings() + " | " + s.trueWarnings() + " | " + pct(s.trueWarnings(), s.warnings()) + " |\n";
    }

    private static String pct(int a, int b) {
        return b == 0 ? "—" : String.format("%.1f %%", 100.0 * a / b);
    }
}
