package cn.gongji.settlement;

import cn.gongji.common.Money;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * One 2204 fee line as read from the message; {@code path} names it in refusals
 * (e.g. {@code input.feedetail[2]}).
 */
public record LineInput(
        String path,
        String feedetlSn,
        String mdtrtId,
        String psnNo,
        String chrgBchno,
        String rxno,
        String rxCircFlag,
        String rxFixmedinsCode,
        LocalDateTime feeOcurTime,
        String medListCodg,
        String medinsListCodg,
        BigDecimal pric,
        BigDecimal cnt,
        Money detItemFeeSumamt,
        String bilgDeptCodg,
        String bilgDeptName,
        String bilgDrCodg,
        String bilgDrName,
        String hospApprFlag) {}
