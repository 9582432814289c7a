package cn.gongji.settlement;

import cn.gongji.common.Money;

/**
 * A 2206/2207 request. The optional sums (null when not sent) are checked against the uploaded
 * lines like {@code medfeeSumamt}.
 *
 * @param mdtrtareaAdmvs the envelope's place of care (null: the visit's)
 */
public record SettleRequest(
        String psnNo,
        String mdtrtId,
        String medType,
        Money medfeeSumamt,
        Money fulamtOwnpayAmt,
        Money overlmtSelfpay,
        Money preselfpayAmt,
        Money inscpScpAmt,
        boolean useAccount,
        String mdtrtareaAdmvs,
        String msgid) {}
