package cn.gongji.supervision;

import cn.gongji.common.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** One-line claims for rule tests: a man born 1980 at a level-two hospital on 2024-03-10 10:00, unless changed. */
final class Claims {

    static final LocalDateTime AT = LocalDateTime.of(2024, 3, 10, 10, 0);

    private Claim.Patient patient = new Claim.Patient("P1", "1", LocalDate.of(1980, 1, 1), LocalDate.of(2000, 1, 1), null, null,
            "411300");
    private Claim.Provider provider = new Claim.Provider("H1", "hospital", "L2", null);
    private LocalDateTime at = AT;
    private String area = "411300";
    private final List<Claim.Charge> charges = new ArrayList<>();
    private final List<Claim.PriorVisit> history = new ArrayList<>();
    private int sn;

    static Claims claim() {
        return new Claims();
    }

    static Claim.ItemLimits limits() {
        return Claim.ItemLimits.NONE;
    }

    Claims woman() {
        patient = new Claim.Patient("P1", "2", patient.brdy(), patient.insuDate(), patient.pausInsuDate(), patient.diedOn(), "411300");
        return this;
    }

    Claims bornOn(LocalDate d) {
        patient = new Claim.Patient("P1", patient.gend(), d, patient.insuDate(), patient.pausInsuDate(), patient.diedOn(), "411300");
        return this;
    }

    Claims insured(LocalDate from, LocalDate suspended) {
        patient = new Claim.Patient("P1", patient.gend(), patient.brdy(), from, suspended, patient.diedOn(), "411300");
        return this;
    }

    Claims died(LocalDate d) {
        patient = new Claim.Patient("P1", patient.gend(), patient.brdy(), patient.insuDate(), patient.pausInsuDate(), d, "411300");
        return this;
    }

    Claims at(String level) {
        provider = new Claim.Provider("H1", "hospital", level, null);
        return this;
    }

    Claims pharmacy() {
        provider = new Claim.Provider("P9", "pharmacy", null, null);
        return this;
    }

    Claims offsite() {
        area = "110100";
        return this;
    }

    Claims on(LocalDateTime t) {
        at = t;
        return this;
    }

    Claims item(String code, String price, String cnt) {
        return item(code, price, cnt, limits(), "09");
    }

    Claims item(String code, String price, String cnt, Claim.ItemLimits l) {
        return item(code, price, cnt, l, "09");
    }

    Claims item(String code, String price, String cnt, Claim.ItemLimits l, String chrgType) {
        BigDecimal p = new BigDecimal(price);
        BigDecimal c = new BigDecimal(cnt);
        charges.add(new Claim.Charge("F" + (++sn), code, p, c, Money.rounded(p.multiply(c), RoundingMode.HALF_UP), chrgType, true, l));
        return this;
    }

    Claims visited(String mdtrtId, String inst, LocalDateTime t) {
        history.add(new Claim.PriorVisit(mdtrtId, inst, inst, t, Money.of("50.00")));
        return this;
    }

    Claim build() {
        return new Claim(patient, provider, new Claim.Encounter("M-THIS", "S-THIS", at, "11", area, provider.code()), charges, history);
    }

    static Claim.ItemLimits onlyFor(String gender) {
        return new Claim.ItemLimits("限性别项目", "201", gender, null, null, null, null, null);
    }

    static Claim.ItemLimits ages(Integer min, Integer max) {
        return new Claim.ItemLimits("限年龄项目", "101", null, min, max, null, null, null);
    }

    static Claim.ItemLimits maxQty(String q) {
        return new Claim.ItemLimits("限量项目", "301", null, null, null, new BigDecimal(q), null, null);
    }

    static Claim.ItemLimits minLevel(String level) {
        return new Claim.ItemLimits("限级别项目", "201", null, null, null, null, level, null);
    }

    static Claim.ItemLimits payStd(String std) {
        return new Claim.ItemLimits("集采药品", "101", null, null, null, null, null, new BigDecimal(std));
    }
}
