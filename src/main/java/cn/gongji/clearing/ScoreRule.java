package cn.gongji.clearing;

import cn.gongji.common.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * 按病种分值付费 (docs/clearing.md "Per-disease score"). point value = the scheme's budget for the
 * month / the total points of all its institutions in the month, HALF_UP to 6 decimals; an
 * institution's payment = its points × point value, HALF_UP to the fen. What the rounding leaves of
 * the budget (budget − Σ payments, a few fen either way) is the fund's remainder, shown in the
 * month's fund total.
 */
public final class ScoreRule {

    public static final int POINT_VALUE_SCALE = 6;

    private ScoreRule() {}

    public static BigDecimal pointValue(Money budget, BigDecimal totalPoints) {
        if (totalPoints.signum() <= 0) {
            return BigDecimal.ZERO.setScale(POINT_VALUE_SCALE);
        }
        return budget.amount().divide(totalPoints, POINT_VALUE_SCALE, RoundingMode.HALF_UP);
    }

    public static Money payment(BigDecimal points, BigDecimal pointValue) {
        return Money.rounded(points.multiply(pointValue), RoundingMode.HALF_UP);
    }

    /** The effect on one statement: the scored visits' fund share is replaced by points × point value. */
    public static MethodEffect apply(String scheme, BigDecimal points, BigDecimal pointValue, Money scoredActual,
            long scoredRows) {
        Money payment = payment(points, pointValue);
        return MethodEffect.of("disease_score", scheme, scoredActual, payment, "按病种分值（" + scheme + "）：" + scoredRows
                + " 笔结算记录共 " + points.stripTrailingZeros().toPlainString() + " 分 × 点值 " + pointValue.toPlainString()
                + " = " + payment + "，替代按项目基金支付 " + scoredActual + " / " + points.stripTrailingZeros().toPlainString()
                + " points × " + pointValue.toPlainString() + " replaces fee-for-service " + scoredActual);
    }
}
