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
        return settle(inst, psn, when, fund, "0.00", dise);
    }

    /** As {@link #settle(String, String, Instant, String, String)}, the person's part {@code acct} from the account, the rest cash. */
    String settle(String inst, String psn, Instant when, String fund, String acct, String dise) {
        long n = SEQ.incrementAndGet();
        String mdtrt = "MFX" + n;
        String setl = "SFX" + n;
        LocalDateTime local = LocalDateTime.ofInstant(when, ZONE);
        db.sql("""
                insert into visit (mdtrt_id, psn_no, fixmedins_code, episode_fixmedins, insutype, med_type, begntime, dise_codg)
                values (:m, :p, :i, :i, '310', '11', :t, :d)
                """).param("m", mdtrt).param("p", psn).param("i", inst).param("t", local).param("d", dise).update();
        insert(setl, null, mdtrt, psn, inst, when, new BigDecimal(fund), new BigDecimal(acct),
                LocalDateTime.ofInstant(when, ZONE).getYear());
        return setl;
    }

    /** The reversal row of {@code setlId} at {@code when}, as 2208 writes it. */
    String cancel(String setlId, Instant when) {
        var o = db.sql("select mdtrt_id, psn_no, fixmedins_code, fund_pay_sumamt, acct_pay, year from settlement where setl_id = :s")
                .param("s", setlId).query().singleRow();
        String rev = "SFX" + SEQ.incrementAndGet();
        insert(rev, setlId, (String) o.get("mdtrt_id"), (String) o.get("psn_no"), (String) o.get("fixmedins_code"), when,
                ((BigDecimal) o.get("fund_pay_sumamt")).negate(), ((BigDecimal) o.get("acct_pay")).negate(), (Integer) o.get("year"));
        db.sql("update settlement set cancelled_at = :t where setl_id = :s").param("t", Timestamp.from(when))
                .param("s", setlId).update();
        return rev;
    }

    private void insert(String setl, String refd, String mdtrt, String psn, String inst, Instant when, BigDecimal fund,
            BigDecimal acct, int year) {
        // medfee = fund + the person's part (= fund): the account pays acct of it, cash the rest
        BigDecimal medfee = fund.add(fund);
        db.sql("""
                insert into settlement (setl_id, refd_setl_id, mdtrt_id, psn_no, fixmedins_code, clr_type, setl_time,
                    care_date, year, policy_version, psn_type, level, med_type, medfee_sumamt, fulamt_ownpay_amt,
                    overlmt_selfpay, preselfpay_amt, inscp_scp_amt, act_pay_dedc, hifp_pay, pool_prop_selfpay,
                    fund_pay_sumamt, psn_part_amt, acct_pay, acct_mulaid_pay, psn_cash_pay, hosp_part_amt, balc,
                    crt_payb_lmt_amt, trace, msgid)
                values (:s, :r, :m, :p, :i, '11', :t, :d, :y, 'NY-2022-07', '1101', 'L1', '11', :medfee, 0, 0, 0, :medfee,
                    0, :fund, 0.5000, :fund, :fund, :acct, 0, :cash, 0, 0, 0, 'fixture', 'fixture')
                """).param("s", setl).param("r", refd).param("m", mdtrt).param("p", psn).param("i", inst)
                .param("t", Timestamp.from(when)).param("d", LocalDateTime.ofInstant(when, ZONE).toLocalDate())
                .param("y", year).param("medfee", medfee).param("fund", fund).param("acct", acct)
                .param("cash", fund.subtract(acct)).update();
        if (acct.signum() > 0) {      // what the account paid: credited first, then paid (the ledger's invariants hold)
            entry(psn, acct, "credit", "T-" + setl);
            entry(psn, acct.negate(), "payment", setl);
        } else if (acct.signum() < 0) {
            entry(psn, acct.negate(), "refund", setl);
        }
        db.sql("""
                insert into year_accumulator (psn_no, year) values (:p, :y) on conflict (psn_no, year) do nothing
                """).param("p", psn).param("y", year).update();
        db.sql("update year_accumulator set pool_paid = pool_paid + :f where psn_no = :p and year = :y")
                .param("p", psn).param("y", year).param("f", fund).update();
    }

    private void entry(String psn, BigDecimal amount, String kind, String ref) {
        BigDecimal after = db.sql("update account set balance = balance + :a where psn_no = :p returning balance")
                .param("a", amount).param("p", psn).query(BigDecimal.class).single();
        db.sql("""
                insert into account_entry (psn_no, amount, kind, ref, balance_after, actor)
                values (:p, :a, :k, :r, :after, 'fixture')
                """).param("p", psn).param("a", amount).param("k", kind).param("r", ref).param("after", after).update();
    }

    /** Moves a settlement (made through the protocol, now) into the past. */
    void backdate(String setlId, Instant when) {
        db.sql("update settlement set setl_time = :t where setl_id = :s").param("t", Timestamp.from(when))
                .param("s", setlId).update();
    }
}
