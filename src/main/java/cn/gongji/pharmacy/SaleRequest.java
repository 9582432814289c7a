package cn.gongji.pharmacy;

import cn.gongji.common.Money;
import cn.gongji.settlement.LineInput;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A 2101/2102 request: {@code druginfo} and its {@code drugdetail[]} lines. The optional sums (null
 * when not sent) are checked against the priced lines like {@code medfeeSumamt}.
 *
 * @param begntime       the date of care (PROTOCOL.md §3)
 * @param mdtrtareaAdmvs the place of care: the envelope's, else the pharmacy's area (never null)
 */
public record SaleRequest(
        String psnNo,
        String mdtrtCertType,
        String mdtrtCertNo,
        LocalDateTime begntime,
        Money medfeeSumamt,
        Money fulamtOwnpayAmt,
        Money overlmtSelfpay,
        Money preselfpayAmt,
        Money inscpScpAmt,
        boolean useAccount,
        String mdtrtareaAdmvs,
        String msgid,
        List<LineInput> lines) {}
