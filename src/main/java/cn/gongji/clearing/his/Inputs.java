package cn.gongji.clearing.his;

import cn.gongji.settlement.HisBusinessException;
import cn.gongji.settlement.his.Fields;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;

/** Field readers the clearing transactions share. */
final class Inputs {

    static final int MAX_RANGE_DAYS = 366;

    private Inputs() {}

    static LocalDate date(Fields d, String name) {
        LocalDate v = d.optDate(name);
        if (v == null) {
            throw HisBusinessException.field(d.path(name), "缺失", "is missing");
        }
        return v;
    }

    /** stmt_begndate .. stmt_enddate (or begndate .. enddate): ordered, at most a year. */
    static LocalDate[] range(Fields d, String begin, String end) {
        LocalDate from = date(d, begin);
        LocalDate to = date(d, end);
        if (to.isBefore(from)) {
            throw HisBusinessException.field(d.path(end), "早于 " + begin + " " + from, "is before " + begin);
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_RANGE_DAYS) {
            throw HisBusinessException.field(d.path(end), "对账区间不能超过 " + MAX_RANGE_DAYS + " 天",
                    "the range may span at most " + MAX_RANGE_DAYS + " days");
        }
        return new LocalDate[] {from, to};
    }

    /** yyyyMM or yyyy-MM. */
    static YearMonth month(Fields d, String name) {
        YearMonth m = d.optMonth(name);
        if (m == null) {
            throw HisBusinessException.field(d.path(name), "缺失或为空", "is missing or empty");
        }
        return m;
    }

    static Long count(Fields d, String name) {
        java.math.BigDecimal c = d.optDecimal(name, 0);
        if (c == null) {
            return null;
        }
        if (c.signum() < 0) {
            throw HisBusinessException.field(d.path(name), "不能为负数", "must not be negative");
        }
        return c.longValueExact();
    }
}
