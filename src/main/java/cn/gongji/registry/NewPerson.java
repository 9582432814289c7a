package cn.gongji.registry;

import cn.gongji.policy.PersonStatus;

import cn.gongji.common.Money;
import cn.gongji.web.FieldReader;
import java.time.LocalDate;

/** A person as registered by the agency (API body or CSV row), validated. */
public record NewPerson(
        CertNo certno,
        String psnName,
        String gend,
        LocalDate brdy,
        String insuplcAdmdvs,
        String empName,
        PersonStatus status,
        LocalDate insuDate,
        Money contributionBase,
        String cardNo,
        String evoucherToken) {

    /** The month from which the registered contribution base applies. */
    public LocalDate baseMonth() {
        return insuDate.withDayOfMonth(1);
    }

    /**
     * Reads and validates; returns null when anything is wrong (the reader holds the problems).
     * gend and brdy may be omitted: they are then taken from the certno. Given, brdy must agree
     * with the certno's birth date, which may not lie after {@code today}.
     */
    public static NewPerson read(FieldReader r, LocalDate today) {
        String rawCert = r.text("certno");
        CertNo certno = null;
        if (rawCert != null) {
            var defect = CertNo.defect(rawCert);
            if (defect.isPresent()) {
                r.problem("certno", defect.get().zh, defect.get().en);
            } else {
                certno = CertNo.parse(rawCert);
            }
        }
        String name = r.text("psn_name", 50);
        String gend = r.oneOf("gend", java.util.Set.of("1", "2", "9"), false);
        LocalDate brdy = r.date("brdy", false);
        String admdvs = r.admdvs("insuplc_admdvs", true);
        String emp = r.optionalText("emp_name", 200);
        String statusCode = r.oneOf("status", PersonStatus.codes(), true);
        LocalDate insuDate = r.date("insu_date", true);
        Money base = r.money("contribution_base", false);
        String card = r.optionalText("card_no", 40);
        String token = r.optionalText("evoucher_token", 200);
        if (certno != null) {
            if (certno.birthDate().isAfter(today)) {
                r.problem("certno", "身份证号中的出生日期 " + certno.birthDate() + " 晚于今天",
                        "the birth date " + certno.birthDate() + " in certno is after today");
            }
            if (brdy != null && !brdy.equals(certno.birthDate())) {
                r.problem("brdy", "与身份证号中的出生日期 " + certno.birthDate() + " 不一致",
                        "does not match the birth date " + certno.birthDate() + " in certno");
            }
            if (insuDate != null && insuDate.isBefore(certno.birthDate())) {
                r.problem("insu_date", "不能早于出生日期", "must not be before the birth date");
            }
        }
        if (base != null && base.compareTo(Money.of("1000000")) > 0) {
            r.problem("contribution_base", "超出合理范围（最大 1000000）", "is out of range (at most 1000000)");
        }
        if (!r.ok()) {
            return null;
        }
        return new NewPerson(certno, name, gend != null ? gend : certno.gender(), certno.birthDate(), admdvs, emp,
                PersonStatus.ofCode(statusCode).orElseThrow(), insuDate, base, card, token);
    }
}
