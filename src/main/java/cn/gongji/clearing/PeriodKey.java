package cn.gongji.clearing;

import java.time.YearMonth;

/** A clearing period: one institution, one clearing type (11 outpatient, 41 pharmacy), one month. */
public record PeriodKey(String fixmedinsCode, String clrType, YearMonth month) {

    @Override
    public String toString() {
        return fixmedinsCode + "/" + clrType + "/" + month;
    }
}
