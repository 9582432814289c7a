package cn.gongji.clearing;

import cn.gongji.common.Money;

/** One row of the institution's 3202 detail file (docs/clearing.md "The 3202 detail file"). */
public record DetailRow(int lineNo, String setlId, String mdtrtId, String psnNo, Money medfeeSumamt,
        Money fundPaySumamt, Money acctPay, boolean refdSetlFlag) {}
