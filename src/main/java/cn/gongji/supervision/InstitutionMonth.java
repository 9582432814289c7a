package cn.gongji.supervision;

import cn.gongji.common.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.Map;

/** One institution's live settlements of one month, summed (the inputs of the indicators). */
public record InstitutionMonth(String code, String kind, String level, YearMonth month, int visits, Money total,
        Money selfpay, Money examTest, Money outsideCatalog) {

    static final MathContext MC = MathContext.DECIMAL64;

    /** Peers: institutions of the same kind and level. */
    public String peerGroup() {
        return kind + "/" + (level == null ? "-" : level);
    }

    /**
     * The values of the indicators this month allows: shares and the average need visits; growth
     * needs the earlier month with a positive total.
     */
    public Map<Indicator, BigDecimal> values(InstitutionMonth previous, InstitutionMonth lastYear) {
        Map<Indicator, BigDecimal> v = new EnumMap<>(Indicator.class);
        if (visits > 0 && total.isPositive()) {
            v.put(Indicator.AVG_COST, total.amount().divide(BigDecimal.valueOf(visits), 2, RoundingMode.HALF_UP));
            v.put(Indicator.SELFPAY_SHARE, share(selfpay));
            v.put(Indicator.EXAM_TEST_SHARE, share(examTest));
            v.put(Indicator.OUTSIDE_CATALOG_SHARE, share(outsideCatalog));
        }
        if (previous != null && previous.total.isPositive()) {
            v.put(Indicator.GROWTH_MOM, growth(previous.total));
        }
        if (lastYear != null && lastYear.total.isPositive()) {
            v.put(Indicator.GROWTH_YOY, growth(lastYear.total));
        }
        return v;
    }

    private BigDecimal share(Money part) {
        return part.amount().divide(total.amount(), 4, RoundingMode.HALF_UP);
    }

    private BigDecimal growth(Money before) {
        return total.amount().subtract(before.amount()).divide(before.amount(), 4, RoundingMode.HALF_UP);
    }
}
