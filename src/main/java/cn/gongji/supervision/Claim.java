package cn.gongji.supervision;

import cn.gongji.common.Admdvs;
import cn.gongji.common.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.List;

/**
 * Everything the claim rules look at for one visit (settled, being settled, or asked about by 3101):
 * who, where, when, which charges with their catalog limits, and the person's other settled visits
 * around it. Built by the adapters; the rules only read it.
 *
 * @param history the person's other live settled visits from {@link #HISTORY_DAYS} days before this
 *                visit to the end of its day (never this visit itself)
 */
public record Claim(Patient patient, Provider provider, Encounter encounter, List<Charge> charges, List<PriorVisit> history) {

    /** How far back the history reaches: enough for every window parameter that ships (R07 ≤ 30 days). */
    public static final int HISTORY_DAYS = 31;

    public Claim {
        charges = List.copyOf(charges);
        history = List.copyOf(history);
    }

    public record Patient(String psnNo, String gend, LocalDate brdy, LocalDate insuDate, LocalDate pausInsuDate,
            LocalDate diedOn, String insuplcAdmdvs) {

        public int ageOn(LocalDate d) {
            return Period.between(brdy, d).getYears();
        }
    }

    /** @param level L1/L2/L3, null for a pharmacy */
    public record Provider(String code, String kind, String level, String internetOf) {}

    /** @param setlId null before the settlement exists (3101, 2204, 2206) */
    public record Encounter(String mdtrtId, String setlId, LocalDateTime begntime, String medType, String areaAdmvs,
            String episodeInstitution) {}

    /** The catalog's limits on an item (null fields: no limit). */
    public record ItemLimits(String name, String listType, String genderLimit, Integer minAge, Integer maxAge,
            BigDecimal maxQtyPerVisit, String minLevel, BigDecimal payStd) {

        public static final ItemLimits NONE = new ItemLimits(null, null, null, null, null, null, null, null);
    }

    /** One fee line. {@code inCatalog} false: not a catalog item (priced 全自费). */
    public record Charge(String sn, String code, BigDecimal pric, BigDecimal cnt, Money total, String medChrgitmType,
            boolean inCatalog, ItemLimits limits) {

        public String name() {
            return limits.name() != null ? limits.name() : code;
        }

        /** Drugs: western and Chinese patent medicine, herbal pieces (list types 101/102, charge types 09–11). */
        public boolean drug() {
            String lt = limits.listType();
            if (lt != null) {
                return lt.startsWith("10");
            }
            return "09".equals(medChrgitmType) || "10".equals(medChrgitmType) || "11".equals(medChrgitmType);
        }
    }

    public record PriorVisit(String mdtrtId, String fixmedinsCode, String episodeInstitution, LocalDateTime begntime,
            Money total) {}

    public LocalDate careDate() {
        return encounter.begntime().toLocalDate();
    }

    public Money total() {
        return charges.stream().map(Charge::total).reduce(Money.ZERO, Money::plus);
    }

    /** The one scene of this claim: a pharmacy sale, internet care, off-site care, else outpatient care. */
    public Scene scene() {
        if ("pharmacy".equals(provider.kind())) {
            return Scene.PHARMACY;
        }
        if (provider.internetOf() != null) {
            return Scene.INTERNET;
        }
        String area = encounter.areaAdmvs();
        if (area != null && patient.insuplcAdmdvs() != null && !Admdvs.sameCity(area, patient.insuplcAdmdvs())) {
            return Scene.OFFSITE;
        }
        return Scene.OUTPATIENT;
    }

    /** What a finding names: the settlement when there is one, else the visit. */
    public String subject() {
        return encounter.setlId() != null ? encounter.setlId() : encounter.mdtrtId();
    }
}
