package cn.gongji.supervision;

import cn.gongji.common.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * R11 个账套现: one account paying, at pharmacies within a sliding window, for more persons, more
 * purchases or more money than is plausible. The payment that crosses a threshold is flagged; the
 * window then starts afresh after it, so one pattern gives one finding, not one per purchase.
 */
public final class CashOutRule {

    private CashOutRule() {}

    public static final RuleDef DEF = new RuleDef("R11", "个人账户药店异常支付（疑似套现）", Category.MANAGEMENT,
            ResultType.SUSPICIOUS, "window_days 天", EnumSet.of(Scene.PHARMACY), EnumSet.of(Stage.AFTER), 2, "7",
            "同一个人账户 window_days 天内在定点药店为超过 max_persons 人支付，或支付超过 max_count 笔，或金额超过 max_amount",
            Map.of("window_days", new BigDecimal("30"), "max_persons", new BigDecimal("3"), "max_amount",
                    new BigDecimal("3000"), "max_count", new BigDecimal("15")));

    /** @param from only payments at or after this instant may trigger (earlier ones fill the window) */
    public static List<Finding> check(AccountActivity a, Params p, LocalDateTime from) {
        int days = p.whole("window_days");
        int maxPersons = p.whole("max_persons");
        int maxCount = p.whole("max_count");
        Money maxAmount = Money.rounded(p.get("max_amount"), RoundingMode.HALF_UP);
        Deque<AccountActivity.Payment> window = new ArrayDeque<>();
        List<Finding> out = new ArrayList<>();
        for (AccountActivity.Payment pay : a.payments()) {
            window.addLast(pay);
            while (window.getFirst().at().isBefore(pay.at().minusDays(days))) {
                window.removeFirst();
            }
            TreeSet<String> persons = new TreeSet<>();
            Money sum = Money.ZERO;
            for (AccountActivity.Payment w : window) {
                persons.add(w.beneficiary());
                sum = sum.plus(w.amount());
            }
            List<String> parts = new ArrayList<>();
            if (persons.size() > maxPersons) {
                parts.add("为 " + persons.size() + " 人支付（" + String.join("、", persons) + "）");
            }
            if (window.size() > maxCount) {
                parts.add("支付 " + window.size() + " 笔");
            }
            if (sum.compareTo(maxAmount) > 0) {
                parts.add("支付金额 " + sum);
            }
            if (parts.isEmpty()) {
                continue;
            }
            if (!pay.at().isBefore(from)) {
                List<String> setls = window.stream().map(AccountActivity.Payment::setlId).toList();
                out.add(new Finding(DEF, a.payerPsnNo() + ":" + pay.setlId(), "个人账户 " + a.payerPsnNo() + " " + days + " 天内在定点药店"
                        + String.join("，", parts), sum, DEF.basis() + "；window_days=" + days + "，max_persons=" + maxPersons
                        + "，max_count=" + maxCount + "，max_amount=" + maxAmount + "；结算 " + String.join("、", setls), setls));
            }
            window.clear();
        }
        return out;
    }
}
