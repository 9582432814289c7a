package cn.gongji.settlement;

import cn.gongji.benefit.EpisodeState;
import cn.gongji.common.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** SQL of settlements, their lines and the year accumulator. */
@Component
public class SettlementStore {

    private final JdbcClient db;

    public SettlementStore(JdbcClient db) {
        this.db = db;
    }

    /**
     * Locks the person's accumulator row for the year in one round trip (creating it at zero) and
     * returns what the fund already paid: every settlement of the person waits here, so the annual
     * limit is re-checked under the lock (ARCHITECTURE.md invariant 2).
     */
    public Money lockAccumulator(String psnNo, int year) {
        return Money.of(db.sql("""
                insert into year_accumulator (psn_no, year) values (:p, :y)
                on conflict (psn_no, year) do update set pool_paid = year_accumulator.pool_paid
                returning pool_paid
                """).param("p", psnNo).param("y", year).query(BigDecimal.class).single());
    }

    /** Without a lock, for pre-settlement and queries. */
    public Money accumulator(String psnNo, int year) {
        return Money.of(db.sql("select coalesce(max(pool_paid), 0) from year_accumulator where psn_no = :p and year = :y")
                .param("p", psnNo).param("y", year).query(BigDecimal.class).single());
    }

    public void addToAccumulator(String psnNo, int year, Money amount) {
        db.sql("update year_accumulator set pool_paid = pool_paid + :a where psn_no = :p and year = :y")
                .param("a", amount.amount()).param("p", psnNo).param("y", year).update();
    }

    public Optional<SettlementRow> find(String setlId) {
        return db.sql("select " + SettlementRow.COLUMNS + " from settlement where setl_id = :id")
                .param("id", setlId).query(SettlementRow::map).optional();
    }

    public Optional<SettlementRow> liveFor(String mdtrtId) {
        return db.sql("select " + SettlementRow.COLUMNS
                        + " from settlement where mdtrt_id = :id and refd_setl_id is null and cancelled_at is null")
                .param("id", mdtrtId).query(SettlementRow::map).optional();
    }

    public Optional<SettlementRow> reversalOf(String setlId) {
        return db.sql("select " + SettlementRow.COLUMNS + " from settlement where refd_setl_id = :id")
                .param("id", setlId).query(SettlementRow::map).optional();
    }

    public void insert(SettlementRow s) {
        db.sql("insert into settlement (" + SettlementRow.COLUMNS + """
                ) values (:setl_id, :refd, :mdtrt, :psn, :inst, :clr, :episode, :time, :care, :year, :policy, :psn_type,
                  :level, :med, :medfee, :ownpay, :over, :prepay, :inscp, :dedc, :hifp, :ratio, :fund, :psn_part, :acct,
                  :mulaid, :cash, :hosp, :balc, :lmt, :trace, :msgid, null)
                """)
                .param("setl_id", s.setlId()).param("refd", s.refdSetlId()).param("mdtrt", s.mdtrtId())
                .param("psn", s.psnNo()).param("inst", s.fixmedinsCode()).param("clr", s.clrType())
                .param("episode", s.episodeId()).param("time", s.setlTime()).param("care", s.careDate())
                .param("year", s.year()).param("policy", s.policyVersion()).param("psn_type", s.psnType())
                .param("level", s.level()).param("med", s.medType()).param("medfee", s.medfeeSumamt().amount())
                .param("ownpay", s.fulamtOwnpayAmt().amount()).param("over", s.overlmtSelfpay().amount())
                .param("prepay", s.preselfpayAmt().amount()).param("inscp", s.inscpScpAmt().amount())
                .param("dedc", s.actPayDedc().amount()).param("hifp", s.hifpPay().amount())
                .param("ratio", s.poolPropSelfpay()).param("fund", s.fundPaySumamt().amount())
                .param("psn_part", s.psnPartAmt().amount()).param("acct", s.acctPay().amount())
                .param("mulaid", s.acctMulaidPay().amount()).param("cash", s.psnCashPay().amount())
                .param("hosp", s.hospPartAmt().amount()).param("balc", s.balc().amount())
                .param("lmt", s.crtPaybLmtAmt().amount()).param("trace", s.trace()).param("msgid", s.msgid())
                .update();
    }

    /** Records which lines the settlement covered and marks them settled (the visit row is locked by the caller). */
    public void settleLines(String setlId, String mdtrtId) {
        db.sql("""
                insert into settlement_line (setl_id, line_id, psn_no, det_item_fee_sumamt, fulamt_ownpay_amt,
                    overlmt_amt, preselfpay_amt, inscp_scp_amt)
                select :s, line_id, psn_no, det_item_fee_sumamt, fulamt_ownpay_amt, overlmt_amt, preselfpay_amt,
                       inscp_scp_amt
                from fee_line where mdtrt_id = :m and cancelled_at is null and setl_id is null
                """).param("s", setlId).param("m", mdtrtId).update();
        db.sql("update fee_line set setl_id = :s where mdtrt_id = :m and cancelled_at is null and setl_id is null")
                .param("s", setlId).param("m", mdtrtId).update();
    }

    public void releaseLines(String setlId) {
        db.sql("update fee_line set setl_id = null where setl_id = :s").param("s", setlId).update();
    }

    public void stampCancelled(String setlId, OffsetDateTime at) {
        db.sql("update settlement set cancelled_at = :at where setl_id = :s").param("at", at).param("s", setlId).update();
    }

    public long newEpisode(String psnNo, String fixmedinsCode, LocalDateTime startedAt) {
        return db.sql("insert into episode (psn_no, fixmedins_code, started_at) values (:p, :i, :t) returning episode_id")
                .param("p", psnNo).param("i", fixmedinsCode).param("t", startedAt).query(Long.class).single();
    }

    public void addToEpisode(long episodeId, Money deductible) {
        db.sql("update episode set deductible_met = deductible_met + :d where episode_id = :e")
                .param("d", deductible.amount()).param("e", episodeId).update();
    }

    /** Episodes of the person at the institution that could cover a visit at {@code at} (started within the window before it). */
    public List<EpisodeState> episodes(String psnNo, String fixmedinsCode,
            LocalDateTime at, Duration window) {
        return db.sql("""
                select episode_id, started_at, deductible_met from episode
                where psn_no = :p and fixmedins_code = :i and started_at > :from and started_at <= :at
                """).param("p", psnNo).param("i", fixmedinsCode).param("from", at.minus(window)).param("at", at)
                .query((rs, i) -> new EpisodeState(rs.getLong(1),
                        rs.getObject(2, LocalDateTime.class), Money.of(rs.getBigDecimal(3))))
                .list();
    }
}
