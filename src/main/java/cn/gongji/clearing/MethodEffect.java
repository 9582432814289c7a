package cn.gongji.clearing;

import cn.gongji.common.Money;

/**
 * What a payment method does to the amount owed: {@code basis} is the fee-for-service amount it
 * replaces (schemeCode: the score scheme, else null), {@code payment} what the method pays instead, {@code amount = payment − basis}.
 */
public record MethodEffect(String method, String schemeCode, Money basis, Money payment, Money amount, String explanation) {

    public static MethodEffect of(String method, String schemeCode, Money basis, Money payment, String explanation) {
        return new MethodEffect(method, schemeCode, basis, payment, payment.minus(basis), explanation);
    }
}
