package cn.gongji.console;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The share of the annual limit used, as a whole percentage for a bar (0..100). */
public final class UsedShare {

    private UsedShare() {}

    public static int percent(BigDecimal used, BigDecimal limit) {
        if (limit == null || limit.signum() <= 0) {
            return 0;
        }
        int p = used.multiply(BigDecimal.valueOf(100)).divide(limit, 0, RoundingMode.HALF_UP).intValue();
        return Math.max(0, Math.min(100, p));
    }
}
