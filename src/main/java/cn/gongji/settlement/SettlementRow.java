package cn.gongji.settlement;

import cn.gongji.common.Money;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A settlement or its reversal as stored (and, with a null setlId, a pre-settlement that was never
 * stored). Amount identities of PROTOCOL.md §3 hold by construction in {@link Settler}.
 */
public record SettlementRow(
        String setlId,
        String refdSetlId,
        String mdtrtId,
        String psnNo,
        String fixmedinsCode,
        String clrType,
        Long episodeId,
        OffsetDateTime setlTime,
        LocalDate careDate,
        int year,
        String policyVersion,
        String psnType,
        String level,
        String medType,
        Money medfeeSumamt,
        Money fulamtOwnpayAmt,
        Money overlmtSelfpay,
        Money preselfpayAmt,
        Money inscpScpAmt,
        Money actPayDedc,
        Money hifpPay,
        BigDecimal poolPropSelfpay,
        Money fundPaySumamt,
        Money psnPartAmt,
        Money acctPay,
        Money acctMulaidPay,
        Money psnCashPay,
        Money hospPartAmt,
        Money balc,
        Money crtPaybLmtAmt,
        String trace,
        String msgid,
        OffsetDateTime cancelledAt) {

    static final String COLUMNS = """
            setl_id, refd_setl_id, mdtrt_id, psn_no, fixmedins_code, clr_type, episode_id, setl_time, care_date, year,
            policy_version, psn_type, level, med_type, medfee_sumamt, fulamt_ownpay_amt, overlmt_selfpay,
            preselfpay_amt, inscp_scp_amt, act_pay_dedc, hifp_pay, pool_prop_selfpay, fund_pay_sumamt, psn_part_amt,
            acct_pay, acct_mulaid_pay, psn_cash_pay, hosp_part_amt, balc, crt_payb_lmt_amt, trace, msgid, cancelled_at""";

    public boolean reversal() {
        return refdSetlId != null;
    }

    /** The same settlement with lines appended to its explanation (e.g. supervision's findings). */
    public SettlementRow withTraceLines(java.util.List<String> lines) {
        if (lines.isEmpty()) {
            return this;
        }
        return new SettlementRow(setlId, refdSetlId, mdtrtId, psnNo, fixmedinsCode, clrType, episodeId, setlTime, careDate,
                year, policyVersion, psnType, level, medType, medfeeSumamt, fulamtOwnpayAmt, overlmtSelfpay, preselfpayAmt,
                inscpScpAmt, actPayDedc, hifpPay, poolPropSelfpay, fundPaySumamt, psnPartAmt, acctPay, acctMulaidPay,
                psnCashPay, hospPartAmt, balc, crtPaybLmtAmt, trace + "\n" + String.join("\n", lines), msgid, cancelledAt);
    }

    /** The reversal of this settlement: every amount negated (the ratio is a rate, not an amount). */
    SettlementRow reversedAs(String reversalId, OffsetDateTime at, Money balcAfter, Money remainingBefore, String msgid,
            String trace) {
        return new SettlementRow(reversalId, setlId, mdtrtId, psnNo, fixmedinsCode, clrType, episodeId, at, careDate, year,
                policyVersion, psnType, level, medType, medfeeSumamt.negate(), fulamtOwnpayAmt.negate(),
                overlmtSelfpay.negate(), preselfpayAmt.negate(), inscpScpAmt.negate(), actPayDedc.negate(),
                hifpPay.negate(), poolPropSelfpay, fundPaySumamt.negate(), psnPartAmt.negate(), acctPay.negate(),
                acctMulaidPay.negate(), psnCashPay.negate(), hospPartAmt.negate(), balcAfter, remainingBefore, trace,
                msgid, null);
    }

    /** The same settlement counted in the given episode (null: not pooled). */
    SettlementRow withEpisode(Long id) {
        return new SettlementRow(setlId, refdSetlId, mdtrtId, psnNo, fixmedinsCode, clrType, id, setlTime, careDate,
                year, policyVersion, psnType, level, medType, medfeeSumamt, fulamtOwnpayAmt, overlmtSelfpay, preselfpayAmt,
                inscpScpAmt, actPayDedc, hifpPay, poolPropSelfpay, fundPaySumamt, psnPartAmt, acctPay, acctMulaidPay,
                psnCashPay, hospPartAmt, balc, crtPaybLmtAmt, trace, msgid, cancelledAt);
    }

    SettlementRow withBalc(Money b) {
        return new SettlementRow(setlId, refdSetlId, mdtrtId, psnNo, fixmedinsCode, clrType, episodeId, setlTime, careDate,
                year, policyVersion, psnType, level, medType, medfeeSumamt, fulamtOwnpayAmt, overlmtSelfpay, preselfpayAmt,
                inscpScpAmt, actPayDedc, hifpPay, poolPropSelfpay, fundPaySumamt, psnPartAmt, acctPay, acctMulaidPay,
                psnCashPay, hospPartAmt, b, crtPaybLmtAmt, trace, msgid, cancelledAt);
    }

    static SettlementRow map(ResultSet rs, int i) throws SQLException {
        // getObject, not getLong + wasNull: a settlement the pool did not cover has no episode (null, not 0)
        return new SettlementRow(rs.getString("setl_id"), rs.getString("refd_setl_id"), rs.getString("mdtrt_id"),
                rs.getString("psn_no"), rs.getString("fixmedins_code"), rs.getString("clr_type"),
                rs.getObject("episode_id", Long.class), rs.getObject("setl_time", OffsetDateTime.class),
                rs.getObject("care_date", LocalDate.class), rs.getInt("year"), rs.getString("policy_version"),
                rs.getString("psn_type"), rs.getString("level"), rs.getString("med_type"), m(rs, "medfee_sumamt"),
                m(rs, "fulamt_ownpay_amt"), m(rs, "overlmt_selfpay"), m(rs, "preselfpay_amt"), m(rs, "inscp_scp_amt"),
                m(rs, "act_pay_dedc"), m(rs, "hifp_pay"), rs.getBigDecimal("pool_prop_selfpay"),
                m(rs, "fund_pay_sumamt"), m(rs, "psn_part_amt"), m(rs, "acct_pay"), m(rs, "acct_mulaid_pay"),
                m(rs, "psn_cash_pay"), m(rs, "hosp_part_amt"), m(rs, "balc"), m(rs, "crt_payb_lmt_amt"),
                rs.getString("trace"), rs.getString("msgid"), rs.getObject("cancelled_at", OffsetDateTime.class));
    }

    private static Money m(ResultSet rs, String col) throws SQLException {
        return Money.of(rs.getBigDecimal(col));
    }
}
