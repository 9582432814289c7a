package cn.gongji.settlement;

import java.time.LocalDate;
import java.time.Period;

/** An insured person as settlement sees it. */
public record Person(
        String psnNo,
        String certno,
        String psnCertType,
        String psnName,
        String gend,
        String naty,
        LocalDate brdy,
        String insuplcAdmdvs,
        String empName,
        String insutype,
        LocalDate insuDate,
        LocalDate pausInsuDate,
        String cardNo,
        String cardSn) {

    public int ageOn(LocalDate date) {
        return Period.between(brdy, date).getYears();
    }
}
