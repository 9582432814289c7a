package cn.gongji.clearing;

import cn.gongji.common.Money;
import java.util.ArrayList;
import java.util.List;

/** 3201 对总账: the institution's count and sums against ours for the same range. */
public final class TotalsCheck {

    private TotalsCheck() {}

    /** One figure that differs. */
    public record Difference(String field, String ours, String theirs) {}

    /** {@code theirs}: any figure the institution did not send is null and not compared. */
    public record Theirs(Long count, Money medfeeSumamt, Money fundPaySumamt, Money acctPay, Money cashPayamt) {}

    public record Verdict(boolean agrees, List<Difference> differences, String description) {}

    public static Verdict compare(Totals ours, Theirs theirs) {
        List<Difference> d = new ArrayList<>();
        if (theirs.count() != null && theirs.count() != ours.count()) {
            d.add(new Difference("fixmedins_setl_cnt", String.valueOf(ours.count()), String.valueOf(theirs.count())));
        }
        money(d, "medfee_sumamt", ours.medfeeSumamt(), theirs.medfeeSumamt());
        money(d, "fund_pay_sumamt", ours.fundPaySumamt(), theirs.fundPaySumamt());
        money(d, "acct_pay", ours.acctPay(), theirs.acctPay());
        money(d, "cash_payamt", ours.psnCashPay(), theirs.cashPayamt());
        return new Verdict(d.isEmpty(), List.copyOf(d), describe(ours, d));
    }

    private static void money(List<Difference> d, String field, Money ours, Money theirs) {
        if (theirs != null && theirs.compareTo(ours) != 0) {
            d.add(new Difference(field, ours.toString(), theirs.toString()));
        }
    }

    static String describe(Totals ours, List<Difference> d) {
        if (d.isEmpty()) {
            return "对账一致：" + ours.count() + " 笔，医疗费总额 " + ours.medfeeSumamt() + "，基金支付 " + ours.fundPaySumamt()
                    + "，个人账户 " + ours.acctPay() + " / totals agree";
        }
        StringBuilder zh = new StringBuilder("对账不一致：");
        StringBuilder en = new StringBuilder("totals differ: ");
        for (int i = 0; i < d.size(); i++) {
            Difference x = d.get(i);
            String sep = i == 0 ? "" : "；";
            zh.append(sep).append(x.field()).append(" 中心 ").append(x.ours()).append("，机构 ").append(x.theirs());
            if (!x.field().equals("fixmedins_setl_cnt")) {
                zh.append("，差额 ").append(Money.of(x.theirs()).minus(Money.of(x.ours())));
            }
            en.append(i == 0 ? "" : "; ").append(x.field()).append(" ours ").append(x.ours()).append(" theirs ").append(x.theirs());
        }
        return zh + "（可用 3202 对明细账查出差异的结算） / " + en + " (use 3202 to find the settlements)";
    }
}
