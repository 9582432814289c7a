package cn.gongji.clearing;

import cn.gongji.common.Money;
import java.util.Optional;

/** Whether an amount may be recovered from a settlement's fund share. */
public final class RecoveryRule {

    private RecoveryRule() {}

    /** A refusal with a stable code and a "中文 / English" message. */
    public record Refusal(String code, String field, String zh, String en) {}

    /**
     * @param fundShare       the settlement's fund_pay_sumamt
     * @param alreadyRecovered what earlier recoveries of it took
     */
    public static Optional<Refusal> check(boolean reversal, boolean cancelled, Money fundShare, Money alreadyRecovered,
            Money amount) {
        if (reversal) {
            return Optional.of(new Refusal("reversal", "setl_id", "撤销记录不能追回，请指定原结算",
                    "a reversal row cannot be recovered from: name the original settlement"));
        }
        if (cancelled) {
            return Optional.of(new Refusal("cancelled", "setl_id", "该结算已撤销，基金支付已退回，无需追回",
                    "the settlement was cancelled: its fund share was already returned"));
        }
        if (!amount.isPositive()) {
            return Optional.of(new Refusal("amount", "amount", "追回金额应大于 0", "the amount must be greater than 0"));
        }
        Money left = fundShare.minus(alreadyRecovered);
        if (amount.compareTo(left) > 0) {
            return Optional.of(new Refusal("exceeds", "amount", "追回金额 " + amount + " 超过该结算尚可追回的基金支付 " + left
                    + "（基金支付 " + fundShare + "，已追回 " + alreadyRecovered + "）", "the amount " + amount
                    + " exceeds what is left of the fund share (" + left + ")"));
        }
        return Optional.empty();
    }
}
