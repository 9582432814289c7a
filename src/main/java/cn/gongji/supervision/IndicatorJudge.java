package cn.gongji.supervision;

import cn.gongji.common.Money;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Grades each institution's indicators of a month against its peers (same kind and level, same
 * month) and against its own previous twelve months, with robust z-scores. Only a high value warns:
 * fast growth, high cost per visit, high shares.
 */
public final class IndicatorJudge {

    /** Fewer references than these give no score (a small peer group or a short history is not judged). */
    public static final int MIN_PEERS = 4;
    public static final int MIN_OWN_MONTHS = 6;

    private IndicatorJudge() {}

    public record Judged(Indicator indicator, InstitutionMonth at, BigDecimal value, Grade grade,
            Optional<RobustScore> peers, Optional<RobustScore> own, Finding finding) {}

    /** @param rows every institution-month from 24 months before {@code month} up to it */
    public static List<Judged> judge(YearMonth month, List<InstitutionMonth> rows, RuleSettings settings) {
        Map<String, InstitutionMonth> byKey = new HashMap<>();
        rows.forEach(r -> byKey.put(r.code() + "@" + r.month(), r));
        List<Judged> out = new ArrayList<>();
        List<InstitutionMonth> current = rows.stream().filter(r -> r.month().equals(month)).toList();
        for (InstitutionMonth im : current) {
            Map<Indicator, BigDecimal> values = values(im, byKey);
            for (var e : values.entrySet()) {
                Indicator ind = e.getKey();
                RuleDef def = ind.def();
                if (!settings.enabled(def.id())) {
                    continue;
                }
                Params p = settings.paramsOf(def);
                int minVisits = p.whole("min_visits");
                if (im.visits() < minVisits) {
                    continue;
                }
                List<BigDecimal> peerValues = new ArrayList<>();
                for (InstitutionMonth other : current) {
                    if (!other.code().equals(im.code()) && other.peerGroup().equals(im.peerGroup()) && other.visits() >= minVisits) {
                        BigDecimal v = values(other, byKey).get(ind);
                        if (v != null) {
                            peerValues.add(v);
                        }
                    }
                }
                List<BigDecimal> ownValues = new ArrayList<>();
                for (int k = 1; k <= 12; k++) {
                    InstitutionMonth before = byKey.get(im.code() + "@" + month.minusMonths(k));
                    if (before != null && before.visits() >= minVisits) {
                        BigDecimal v = values(before, byKey).get(ind);
                        if (v != null) {
                            ownValues.add(v);
                        }
                    }
                }
                BigDecimal floor = p.get("min_spread");
                Optional<RobustScore> peers = RobustScore.of(e.getValue(), peerValues, MIN_PEERS, floor);
                Optional<RobustScore> own = RobustScore.of(e.getValue(), ownValues, MIN_OWN_MONTHS, floor);
                grade(p, peers, own).ifPresent(g -> out.add(new Judged(ind, im, e.getValue(), g, peers, own,
                        finding(ind, im, e.getValue(), g, peers, own, p))));
            }
        }
        return out;
    }

    private static Map<Indicator, BigDecimal> values(InstitutionMonth im, Map<String, InstitutionMonth> byKey) {
        return im.values(byKey.get(im.code() + "@" + im.month().minusMonths(1)), byKey.get(im.code() + "@" + im.month().minusYears(1)));
    }

    static Optional<Grade> grade(Params p, Optional<RobustScore> peers, Optional<RobustScore> own) {
        BigDecimal z = null;
        for (Optional<RobustScore> s : List.of(peers, own)) {
            if (s.isPresent() && (z == null || s.get().z().compareTo(z) > 0)) {
                z = s.get().z();
            }
        }
        if (z == null) {
            return Optional.empty();
        }
        if (z.compareTo(p.get("z_red")) >= 0) {
            return Optional.of(Grade.RED);
        }
        if (z.compareTo(p.get("z_orange")) >= 0) {
            return Optional.of(Grade.ORANGE);
        }
        if (z.compareTo(p.get("z_yellow")) >= 0) {
            return Optional.of(Grade.YELLOW);
        }
        return Optional.empty();
    }

    private static Finding finding(Indicator ind, InstitutionMonth im, BigDecimal value, Grade g, Optional<RobustScore> peers,
            Optional<RobustScore> own, Params p) {
        String content = im.code() + " " + im.month() + " " + ind.def().name().replace("异常", "") + " " + ItemRules.plain(value)
                + "，" + g.label() + "预警";
        String evidence = "人次 " + im.visits() + "，医疗费用 " + im.total() + "；同级同类机构 " + describe(peers) + "；本机构近12个月 "
                + describe(own) + "；阈值 " + p;
        return new Finding(ind.def(), im.code() + ":" + im.month(), content, Money.ZERO, evidence, List.of());
    }

    private static String describe(Optional<RobustScore> s) {
        return s.map(r -> "中位数 " + ItemRules.plain(r.median()) + "，离散度 " + ItemRules.plain(r.spread()) + "，Z=" + r.z())
                .orElse("参照不足，未评分");
    }
}
