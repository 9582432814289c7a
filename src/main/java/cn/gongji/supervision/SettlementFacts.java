package cn.gongji.supervision;

import cn.gongji.common.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * What a settler (outpatient 2206/2207, pharmacy 2101/2102) or the fee upload (2204) already has in
 * hand when it asks supervision to check: the person, the institution, the visit and its lines.
 * The checks load the rest (catalog limits, the person's recent visits, a recorded death) themselves,
 * unless the caller read the person's history in its own statement ({@link #history()}).
 *
 * @param setlId    the settlement being made (2207/2102); null for a pre-settlement or an upload
 * @param kind      institution kind: hospital | pharmacy
 * @param level     L1/L2/L3 of the institution whose level applies (the physical one of an internet hospital); null for a pharmacy
 * @param internetOf the physical institution of an internet hospital, else null
 * @param episodeInstitution whose 24-hour episode applies (the physical institution, the prescriber for an external prescription)
 * @param areaAdmvs place of care (异地就医 when it differs from the person's insuplc_admdvs)
 * @param history   the person's recorded death and settled visits in the window the checks ask for
 *                  ({@link SettlementChecks#historyDays()}), when the caller read them; null: the checks read them
 */
public record SettlementFacts(
        String setlId,
        String psnNo, String gend, LocalDate brdy, LocalDate insuDate, LocalDate pausInsuDate, String insuplcAdmdvs,
        String fixmedinsCode, String kind, String level, String internetOf,
        String mdtrtId, LocalDateTime begntime, String medType, String areaAdmvs, String episodeInstitution,
        List<Line> lines, History history) {

    public SettlementFacts {
        lines = List.copyOf(lines);
    }

    /** Facts without the person's history: the checks read it. */
    public SettlementFacts(String setlId, String psnNo, String gend, LocalDate brdy, LocalDate insuDate,
            LocalDate pausInsuDate, String insuplcAdmdvs, String fixmedinsCode, String kind, String level,
            String internetOf, String mdtrtId, LocalDateTime begntime, String medType, String areaAdmvs,
            String episodeInstitution, List<Line> lines) {
        this(setlId, psnNo, gend, brdy, insuDate, pausInsuDate, insuplcAdmdvs, fixmedinsCode, kind, level, internetOf,
                mdtrtId, begntime, medType, areaAdmvs, episodeInstitution, lines, null);
    }

    /**
     * The person's recorded death (null: none) and their live settled visits, other than this one,
     * with care from {@code days} days before this visit to the end of its day.
     */
    public record History(LocalDate diedOn, List<Claim.PriorVisit> visits) {
        public History {
            visits = List.copyOf(visits);
        }
    }

    /** A fee line: serial, catalog code, unit price, quantity, total, charge type, in the catalog or not. */
    public record Line(String feedetlSn, String medListCodg, BigDecimal pric, BigDecimal cnt, Money total,
            String medChrgitmType, boolean inCatalog) {}
}
