package cn.gongji.clearing;

import cn.gongji.common.Money;
import java.math.BigDecimal;

/** The payment method of an institution's agreement for a month (Art. 17). */
public sealed interface PaymentMethod {

    String code();

    /** 按项目: the fund's share as settled. The default without an agreement. */
    record FeeForService() implements PaymentMethod {
        public String code() {
            return "fee_for_service";
        }
    }

    /**
     * 按人头: {@code perPersonMonthly} × persons enrolled, against the fund share of their settlements;
     * a surplus is kept up to {@code surplusKeepRate} of the budget, an overspend is borne by the
     * fund at {@code overspendShareRate}.
     */
    record Capitation(Money perPersonMonthly, BigDecimal surplusKeepRate, BigDecimal overspendShareRate)
            implements PaymentMethod {
        public String code() {
            return "capitation";
        }
    }

    /** 按病种分值: visits whose diagnosis is in the scheme's table are paid score × point value. */
    record DiseaseScore(String schemeCode) implements PaymentMethod {
        public String code() {
            return "disease_score";
        }
    }
}
