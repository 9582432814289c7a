package cn.gongji.supervision;

import cn.gongji.common.Money;
import java.time.LocalDateTime;
import java.util.List;

/** What one personal account paid at pharmacies over a period, oldest first (rule R11). */
public record AccountActivity(String payerPsnNo, List<Payment> payments) {

    public AccountActivity {
        payments = List.copyOf(payments);
    }

    /** @param beneficiary whose purchase it paid (the payer, or a bound family member) */
    public record Payment(String setlId, String beneficiary, String fixmedinsCode, LocalDateTime at, Money amount) {}
}
