package cn.gongji.clearing;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Settlement rows written with SQL, for volumes and for past months the protocol cannot reach (its
 * settlements happen now). Each row keeps the amount identities and the year accumulator the
 * whole-database invariants check: medfee = 2 × fund, the other half paid in cash.
 */
final class ClearingFixture {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final AtomicLong SEQ = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private final JdbcClient db;

    ClearingFixture(JdbcClient db) {
        this.db = db;
    }

    static Instant at(YearMonth m, int day) {
        return m.atDay(day).atTime(10, 0).atZone(ZONE).toInstant();
    }

    /** A settled visit at {@code inst} with fund share {@code fund} and diagnosis {@code dise} (may be null). */
    String settle(String inst, String psn, Instant when, String fund, String dise) {
        long n = SEQ.incrementAndGet();
        String mdtrt = "MFX" + n;
        String setl = "SFX" + n;
        LocalDateTime local = LocalDateTime.ofInstant(when, ZONE);
        db.sql("""
                insert into visit (mdtrt_id, psn_no, fixmedins_code, episode_fixmedins, insutype, med_type, begntime, dise_codg)
                values (:m, :p, :i, :i, '310', '11', :t, :d)
                """).param("m", mdtrt).param("p", psn).param("i", inst).param("t", local).param("d", dise).update();
        insert(setl, null, mdtrt, psn, inst, when, new BigDecimal(fund), LocalDateTime.ofInstant(when, ZONE).getYear());
        return setl;
    }

    /** The reversal row of {@code setlId} at {@code when}, as 2208 writes it. */
    String cancel(String setlId, Instant when) {
        var o = db.sql("select mdtrt_id, psn_no, fixmedins_code, fund_pay_sumamt, year from settlement where setl_id = :s")
                .param("s", setlId).query().singleRow();
        String rev = "SFX" + SEQ.incrementAndGet();
        insert(rev, setlId, (String) o.get("mdtrt_id"), (String) o.get("psn_no"), (String) o.get("fixmedins_code"), when,
                ((BigDecimal) o.get("fund_pay_sumamt")).negate(), (Integer) o.get("year"));
        db.sql("update settlement set cancelled_at = :t where setl_id = :s").param("t", Timestamp.from(when))
                .param("s", setlId).update();
        return rev;
    }

    private void insert(String setl, String refd, String mdtrt, String psn, String inst, Instant when, BigDecimal fund,
            int year) {
        BigDecimal medfee = fund.add(fund);
        db.sql("""
                insert into settlement (setl_id, refd_setl_id, mdtrt_id, psn_no, fixmedins_code, clr_type, setl_time,
                    care_date, year, policy_version, psn_type, level, med_type, medfee_sumamt, fulamt_ownpay_amt,
                    overlmt_selfpay, preselfpay_amt, inscp_scp_amt, act_pay_dedc, hifp_pay, pool_prop_selfpay,
                    fund_pay_sumamt, psn_part_amt, acct_pay, acct_mulaid_pay, psn_cash_pay, hosp_part_amt, balc,
                    crt_payb_lmt_amt, trace, msgid)
                values (:s, :r, :m, :p, :i, '11', :t, :d, :y, 'NY-2022-07', '1101', 'L1', '11', :medfee, 0, 0, 0, :medfee,
                    0, :fund, 0.5000, :fund, :fund, 0, 0, :fund, 0, 0, 0, 'fixture', 'fixture')
                """).param("s", setl).param("r", refd).param("m", mdtrt).param("p", psn).param("i", inst)
                .param("t", Timestamp.from(when)).param("d", LocalDateTime.ofInstant(when, ZONE).toLocalDate())
                .param("y", year).param("medfee", medfee).param("fund", fund).update();
        db.sql("""
                insert into year_accumulator (psn_no, year) values (:p, :y) on conflict (psn_no, year) do nothing
                """).param("p", psn).param("y", year).update();
        db.sql("update year_accumulator set pool_paid = pool_paid + :f where psn_no = :p and year = :y")
                .param("p", psn).param("y", year).param("f", fund).update();
    }

    /** Moves a settlement (made through the protocol, now) into the past. */
    void backdate(String setlId, Instant when) {
        db.sql("update settlement set setl_time = :t where setl_id = :s").param("t", Timestamp.from(when))
                .param("s", setlId).update();
    }
}
