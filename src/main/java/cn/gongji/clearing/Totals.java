package cn.gongji.clearing;

import cn.gongji.common.Money;
import java.util.Collection;

/** Count and sums of settlement rows (reversals count as rows, with their negative amounts). */
public record Totals(long count, Money medfeeSumamt, Money fundPaySumamt, Money acctPay, Money psnCashPay) {

    public static final Totals ZERO = new Totals(0, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO);

    public Totals plus(Item i) {
        return new Totals(count + 1, medfeeSumamt.plus(i.medfeeSumamt()), fundPaySumamt.plus(i.fundPaySumamt()),
                acctPay.plus(i.acctPay()), psnCashPay.plus(i.psnCashPay()));
    }

    public Totals plus(Totals o) {
        return new Totals(count + o.count, medfeeSumamt.plus(o.medfeeSumamt), fundPaySumamt.plus(o.fundPaySumamt),
                acctPay.plus(o.acctPay), psnCashPay.plus(o.psnCashPay));
    }

    public static Totals of(Collection<Item> items) {
        Totals t = ZERO;
        for (Item i : items) {
            t = t.plus(i);
        }
        return t;
    }
}
