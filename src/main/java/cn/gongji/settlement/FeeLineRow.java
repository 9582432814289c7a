package cn.gongji.settlement;

import cn.gongji.common.Money;
import cn.gongji.pricing.ItemClass;
import cn.gongji.pricing.LinePricing;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;

/** A stored fee line with the split it was priced at when uploaded (POLICY.md §2). */
public record FeeLineRow(
        long lineId,
        String mdtrtId,
        String psnNo,
        String feedetlSn,
        String chrgBchno,
        String medListCodg,
        String medinsListCodg,
        BigDecimal pric,
        BigDecimal cnt,
        Money detItemFeeSumamt,
        String chrgitmLv,
        String medChrgitmType,
        BigDecimal selfpayProp,
        BigDecimal pricUplmtAmt,
        Money fulamtOwnpayAmt,
        Money overlmtAmt,
        Money preselfpayAmt,
        Money inscpScpAmt,
        boolean acctPayable,
        String memo,
        String setlId) {

    static final String MEMO_NOT_IN_CATALOG = "目录外项目";

    static final String COLUMNS = """
            line_id, mdtrt_id, psn_no, feedetl_sn, chrg_bchno, med_list_codg, medins_list_codg, pric, cnt,
            det_item_fee_sumamt, chrgitm_lv, med_chrgitm_type, selfpay_prop, pric_uplmt_amt, fulamt_ownpay_amt,
            overlmt_amt, preselfpay_amt, inscp_scp_amt, acct_payable, memo, setl_id""";

    /** The pure core's view of the line, rebuilt from what was stored at upload. */
    public LinePricing pricing() {
        return new LinePricing(feedetlSn, medListCodg, !MEMO_NOT_IN_CATALOG.equals(memo), ItemClass.fromChrgitmLv(chrgitmLv),
                selfpayProp, pricUplmtAmt, acctPayable, detItemFeeSumamt, fulamtOwnpayAmt, overlmtAmt, preselfpayAmt,
                inscpScpAmt);
    }

    public static FeeLineRow map(ResultSet rs, int i) throws SQLException {
        return new FeeLineRow(rs.getLong("line_id"), rs.getString("mdtrt_id"), rs.getString("psn_no"),
                rs.getString("feedetl_sn"), rs.getString("chrg_bchno"), rs.getString("med_list_codg"),
                rs.getString("medins_list_codg"), rs.getBigDecimal("pric"), rs.getBigDecimal("cnt"),
                Money.of(rs.getBigDecimal("det_item_fee_sumamt")), rs.getString("chrgitm_lv"),
                rs.getString("med_chrgitm_type"), rs.getBigDecimal("selfpay_prop"), rs.getBigDecimal("pric_uplmt_amt"),
                Money.of(rs.getBigDecimal("fulamt_ownpay_amt")), Money.of(rs.getBigDecimal("overlmt_amt")),
                Money.of(rs.getBigDecimal("preselfpay_amt")), Money.of(rs.getBigDecimal("inscp_scp_amt")),
                rs.getBoolean("acct_payable"), rs.getString("memo"), rs.getString("setl_id"));
    }
}
