package cn.gongji.supervision;

import static cn.gongji.supervision.Stage.AFTER;
import static cn.gongji.supervision.Stage.DURING;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Rules over a person's visits in a window: many visits, several institutions in one day, visits
 * just past the 24-hour episode. Only visits before this one count ("prior"), so the visit that
 * crosses a threshold is the one flagged, during settlement and in the scan alike.
 */
final class HistoryRules {

    private HistoryRules() {}

    static final RuleDef FREQUENT_DEF = new RuleDef("R07", "短期内频繁就诊", Category.MANAGEMENT, ResultType.SUSPICIOUS,
            "window_days 天", EnumSet.of(Scene.OUTPATIENT, Scene.INTERNET, Scene.OFFSITE), EnumSet.of(DURING, AFTER), 2, "4",
            "同一参保人 window_days 天内结算就诊超过 max_visits 次",
            Map.of("window_days", new BigDecimal("7"), "max_visits", new BigDecimal("4")));

    static final RuleDef SAME_DAY_DEF = new RuleDef("R08", "同日多机构就诊", Category.MANAGEMENT, ResultType.SUSPICIOUS,
            "单日", EnumSet.of(Scene.OUTPATIENT, Scene.INTERNET, Scene.OFFSITE), EnumSet.of(DURING, AFTER), 2, "4",
            "同一参保人同一自然日在超过 max_institutions 家定点医疗机构就诊", Map.of("max_institutions", new BigDecimal("2")));

    static final RuleDef SPLIT_DEF = new RuleDef("R09", "分解就诊（刚过24小时再次就诊）", Category.MANAGEMENT,
            ResultType.SUSPICIOUS, "24 小时 + margin_hours", EnumSet.of(Scene.OUTPATIENT, Scene.INTERNET),
            EnumSet.of(DURING, AFTER), 2, "4",
            "同一机构就诊周期为24小时（细则第5条）；距上次在同一机构就诊 24 至 24 + margin_hours 小时之间再次就诊",
            Map.of("margin_hours", new BigDecimal("2")));

    static final ClaimRule FREQUENT = ClaimRule.of(FREQUENT_DEF, (c, p) -> {
        int days = p.whole("window_days");
        int max = p.whole("max_visits");
        LocalDateTime from = c.encounter().begntime().minusDays(days);
        int count = 1;
        for (Claim.PriorVisit v : c.history()) {
            if (isPrior(c, v) && !v.begntime().isBefore(from)) {
                count++;
            }
        }
        if (count <= max) {
            return List.of();
        }
        List<Claim.PriorVisit> in = prior(c).stream().filter(v -> !v.begntime().isBefore(from)).toList();
        return ItemRules.found(c, FREQUENT_DEF, List.of(days + " 天内第 " + count + " 次结算就诊（上限 " + max + " 次）"),
                c.total(), List.of(), () -> "window_days=" + days + "，max_visits=" + max + "；此前就诊 " + ids(in));
    });

    static final ClaimRule SAME_DAY = ClaimRule.of(SAME_DAY_DEF, (c, p) -> {
        int max = p.whole("max_institutions");
        if (max >= 1 && !anyOtherInstitutionSameDay(c)) {
            return List.of();
        }
        List<Claim.PriorVisit> sameDay = prior(c).stream()
                .filter(v -> v.begntime().toLocalDate().equals(c.careDate())).toList();
        TreeSet<String> institutions = new TreeSet<>();
        sameDay.forEach(v -> institutions.add(v.fixmedinsCode()));
        institutions.add(c.provider().code());
        if (institutions.size() <= max) {
            return List.of();
        }
        return ItemRules.found(c, SAME_DAY_DEF, List.of(c.careDate() + " 当日在 " + institutions.size() + " 家机构就诊："
                        + String.join("、", institutions)), c.total(), List.of(),
                () -> "max_institutions=" + max + "；当日此前就诊 " + ids(sameDay));
    });

    static final ClaimRule SPLIT = ClaimRule.of(SPLIT_DEF, (c, p) -> {
        LocalDateTime t = c.encounter().begntime();
        Duration margin = Duration.ofMinutes(p.get("margin_hours").multiply(BigDecimal.valueOf(60)).longValue());
        // the gap from a prior visit to this one is at least 24 h and less than 24 h + margin
        LocalDateTime latest = t.minusHours(24);
        LocalDateTime after = latest.minus(margin);
        Claim.PriorVisit v = null;
        for (Claim.PriorVisit h : c.history()) {
            if (isPrior(c, h) && h.episodeInstitution().equals(c.encounter().episodeInstitution())
                    && !h.begntime().isAfter(latest) && h.begntime().isAfter(after)
                    && (v == null || h.begntime().isBefore(v.begntime()))) {
                v = h; // the oldest hit, the first of the history on a tie (as the stable sort of prior() gives)
            }
        }
        if (v == null) {
            return List.of();
        }
        long minutes = Duration.between(v.begntime(), t).toMinutes();
        return ItemRules.found(c, SPLIT_DEF, List.of("距上次在同一机构就诊（" + v.mdtrtId() + "，" + v.begntime() + "）" + minutes / 60
                        + " 小时 " + minutes % 60 + " 分，刚过24小时就诊周期"), c.total(), List.of(),
                () -> "margin_hours=" + ItemRules.plain(p.get("margin_hours")));
    });

    /** The person's visits before this one (ties on begntime broken by mdtrt_id), oldest first. */
    static List<Claim.PriorVisit> prior(Claim c) {
        List<Claim.PriorVisit> out = new ArrayList<>();
        for (Claim.PriorVisit v : c.history()) {
            if (isPrior(c, v)) {
                out.add(v);
            }
        }
        out.sort(Comparator.comparing(Claim.PriorVisit::begntime));
        return out;
    }

    /** Whether {@code v} counts as before this visit (the rules run for every settlement: no list is built to ask). */
    static boolean isPrior(Claim c, Claim.PriorVisit v) {
        LocalDateTime t = c.encounter().begntime();
        String id = c.encounter().mdtrtId();
        if (v.mdtrtId().equals(id)) {
            return false;
        }
        return v.begntime().isBefore(t) || (v.begntime().equals(t) && v.mdtrtId().compareTo(id) < 0);
    }

    /** A prior visit on this visit's day at another institution (without one, this day counts one institution). */
    private static boolean anyOtherInstitutionSameDay(Claim c) {
        for (Claim.PriorVisit v : c.history()) {
            if (isPrior(c, v) && v.begntime().toLocalDate().equals(c.careDate()) && !v.fixmedinsCode().equals(c.provider().code())) {
                return true;
            }
        }
        return false;
    }

    private static String ids(List<Claim.PriorVisit> vs) {
        List<String> s = new ArrayList<>();
        for (Claim.PriorVisit v : vs) {
            s.add(v.mdtrtId() + "@" + v.fixmedinsCode());
        }
        return s.isEmpty() ? "无" : String.join("、", s);
    }
}
