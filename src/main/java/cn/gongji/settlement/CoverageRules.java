package cn.gongji.settlement;

import cn.gongji.common.Admdvs;
import cn.gongji.benefit.Coverage;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether the pooling fund takes part in a settlement (hospital visit or pharmacy sale): the
 * insurance must not be suspended or ended on the date of care (issue 4 item 6), and off-site care
 * needs a registration covering the date and place, unless it is an emergency (POLICY.md §4). Off-site
 * means another city than the insured place ({@link Admdvs#sameCity}): the city is the pooling region.
 * Either refusal leaves the personal account usable: only the fund stays out.
 */
@Component
public class CoverageRules {

    public static final String INSURANCE_SUSPENDED = "INSURANCE_SUSPENDED";
    public static final String OFFSITE_NOT_REGISTERED = "OFFSITE_NOT_REGISTERED";

    private final JdbcClient db;
    private final ReferenceData ref;

    public CoverageRules(JdbcClient db, ReferenceData ref) {
        this.db = db;
        this.ref = ref;
    }

    /**
     * @param area    the place of care (null: the insured place)
     * @param medType the visit's med_type (13 = emergency)
     */
    public Coverage coverage(Person person, String area, String medType, LocalDate careDate) {
        return coverage(person, area, medType, careDate, lastChange(person.psnNo(), careDate));
    }

    /**
     * As {@link #coverage(Person, String, String, LocalDate)}, with the latest insurance status change
     * in force on the date already read by the caller (empty: none recorded).
     */
    public Coverage coverage(Person person, String area, String medType, LocalDate careDate,
            Optional<InsuranceChange> lastChange) {
        Optional<String> suspended = suspension(person, careDate, lastChange);
        if (suspended.isPresent()) {
            return new Coverage.NotPooled(INSURANCE_SUSPENDED, suspended.get());
        }
        if (area == null || Admdvs.sameCity(area, person.insuplcAdmdvs())) {
            return Coverage.POOLED;
        }
        String where = "（就医地 " + area + "，参保地 " + person.insuplcAdmdvs() + "）";
        if (ref.offsiteRegistered(person.psnNo(), area, careDate)) {
            return new Coverage.Pooled("异地就医" + where + "：异地就医备案覆盖就医地和就诊日期 " + careDate + "，按参保地政策支付");
        }
        if ("13".equals(medType)) {
            return new Coverage.Pooled("异地急诊" + where + "：急诊（med_type 13）无需异地就医备案，按参保地政策支付（细则第15条）");
        }
        return new Coverage.NotPooled(OFFSITE_NOT_REGISTERED, "异地就医" + where
                + "未办理覆盖就诊日期的异地就医备案，普通门诊统筹基金不予支付（细则第15条）");
    }

    /**
     * Coverage of care at an institution registered in {@code instArea} whose message names {@code area}:
     * off-site when either lies outside the insured city. The envelope's area alone cannot be believed (a
     * hospital registered in Zhengzhou naming Nanyang would be pooled without a registration), nor the
     * institution's alone (a HIS that names the other city it treats in stays off-site, as it always did).
     * A note of either side's coverage is kept; the institution's side decides when it is not pooled.
     */
    public Coverage coverageAt(Person person, String area, String instArea, String medType, LocalDate careDate) {
        return coverageAt(person, area, instArea, medType, careDate, lastChange(person.psnNo(), careDate));
    }

    /** As {@link #coverageAt(Person, String, String, String, LocalDate)}, with the status change already read. */
    public Coverage coverageAt(Person person, String area, String instArea, String medType, LocalDate careDate,
            Optional<InsuranceChange> lastChange) {
        Coverage here = coverage(person, area, medType, careDate, lastChange);
        if (!(here instanceof Coverage.Pooled) || instArea == null || (area != null && Admdvs.sameCity(area, instArea))) {
            return here;
        }
        Coverage there = coverage(person, instArea, medType, careDate, lastChange);
        return there instanceof Coverage.Pooled(String note) && note == null ? here : there;
    }

    /**
     * The insurance status on the date: the latest status change in force on it (suspended, ended
     * or active again); without any change recorded, person.paus_insu_date (e.g. from an import).
     */
    Optional<String> suspension(Person person, LocalDate date, Optional<InsuranceChange> last) {
        if (last.isPresent()) {
            InsuranceChange c = last.get();
            return c.status().equals("active") ? Optional.empty() : Optional.of(text(c.status(), c.from(), date));
        }
        LocalDate paus = person.pausInsuDate();
        if (paus != null && !paus.isAfter(date)) {
            return Optional.of(text("suspended", paus, date));
        }
        return Optional.empty();
    }

    /** A recorded insurance status change: active, suspended or ended from a date. */
    public record InsuranceChange(String status, LocalDate from) {}

    private Optional<InsuranceChange> lastChange(String psnNo, LocalDate date) {
        return db.sql("""
                select status, effective_date from insurance_status_change
                where psn_no = :p and effective_date <= :d
                order by effective_date desc, change_id desc limit 1
                """).param("p", psnNo).param("d", date)
                .query((rs, i) -> new InsuranceChange(rs.getString(1), rs.getObject(2, LocalDate.class))).optional();
    }

    private static String text(String status, LocalDate from, LocalDate date) {
        String what = status.equals("ended") ? "终止参保" : "暂停参保";
        return "参保人自 " + from + " 起" + what + "，就诊日期 " + date + " 不享受统筹基金支付（个人账户仍可使用） / insurance "
                + status + " from " + from + ": no pooling payment";
    }
}
