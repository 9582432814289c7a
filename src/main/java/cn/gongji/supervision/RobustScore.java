package cn.gongji.supervision;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The robust z-score of a value against a reference set: 0.6745 × (x − median) / MAD, MAD the median
 * absolute deviation (Iglewicz and Hoaglin). When more than half the references are equal (MAD 0)
 * the mean absolute deviation × 1.2533 stands in; when every reference is equal there is no score.
 */
public record RobustScore(BigDecimal median, BigDecimal spread, BigDecimal z) {

    private static final MathContext MC = MathContext.DECIMAL64;
    private static final BigDecimal K = new BigDecimal("0.6745");
    private static final BigDecimal MEAN_AD_FACTOR = new BigDecimal("1.2533");

    /** At least {@code minReferences} references are needed for a score. */
    public static Optional<RobustScore> of(BigDecimal x, List<BigDecimal> references, int minReferences) {
        return of(x, references, minReferences, BigDecimal.ZERO);
    }

    /**
     * @param minSpread the least spread the score divides by: references that hardly differ (a share
     *                  that is 0 almost everywhere) must not make a small difference look extreme
     */
    public static Optional<RobustScore> of(BigDecimal x, List<BigDecimal> references, int minReferences, BigDecimal minSpread) {
        if (references.size() < minReferences) {
            return Optional.empty();
        }
        BigDecimal med = median(references);
        List<BigDecimal> dev = new ArrayList<>();
        BigDecimal sumDev = BigDecimal.ZERO;
        for (BigDecimal r : references) {
            BigDecimal d = r.subtract(med).abs();
            dev.add(d);
            sumDev = sumDev.add(d);
        }
        BigDecimal mad = median(dev);
        BigDecimal diff = x.subtract(med);
        BigDecimal floor = minSpread.multiply(K);
        if (mad.signum() > 0 || floor.signum() > 0) {
            BigDecimal spread = mad.max(floor);
            return Optional.of(new RobustScore(med, spread, K.multiply(diff).divide(spread, MC).setScale(2, RoundingMode.HALF_UP)));
        }
        BigDecimal meanAd = sumDev.divide(BigDecimal.valueOf(references.size()), MC);
        if (meanAd.signum() > 0) {
            BigDecimal scale = MEAN_AD_FACTOR.multiply(meanAd);
            return Optional.of(new RobustScore(med, scale, diff.divide(scale, MC).setScale(2, RoundingMode.HALF_UP)));
        }
        return Optional.empty();
    }

    static BigDecimal median(List<BigDecimal> values) {
        List<BigDecimal> s = new ArrayList<>(values);
        s.sort(null);
        int n = s.size();
        if (n % 2 == 1) {
            return s.get(n / 2);
        }
        return s.get(n / 2 - 1).add(s.get(n / 2)).divide(BigDecimal.valueOf(2), MC);
    }
}
