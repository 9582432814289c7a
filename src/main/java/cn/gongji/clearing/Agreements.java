package cn.gongji.clearing;

import java.time.YearMonth;

/** Dated agreements by month: [from, to], {@code to} null = open-ended. */
public final class Agreements {

    private Agreements() {}

    public static boolean overlap(YearMonth from1, YearMonth to1, YearMonth from2, YearMonth to2) {
        boolean firstEndsBefore = to1 != null && to1.isBefore(from2);
        boolean secondEndsBefore = to2 != null && to2.isBefore(from1);
        return !firstEndsBefore && !secondEndsBefore;
    }

    public static boolean covers(YearMonth from, YearMonth to, YearMonth month) {
        return !month.isBefore(from) && (to == null || !month.isAfter(to));
    }
}
