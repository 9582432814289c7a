package cn.gongji.clearing.db;

import cn.gongji.common.Money;
import cn.gongji.settlement.CancelListener;
import cn.gongji.settlement.HisBusinessException;
import cn.gongji.settlement.Institution;
import cn.gongji.settlement.SettlementRow;
import org.springframework.stereotype.Component;

/**
 * A settlement whose fund share was recovered is not cancelled (2208, 2103, or a 2601 of the
 * settlement): the recovery is deducted from the institution's statement, and the cancel's reversal
 * would put the whole fund share into a later statement as well, so the fund would take its share
 * back twice. The cancel holds the settlement's row ({@code SettlementStore.lockForCancel}), which a
 * recovery locks too ({@link RecoveryService#record}), so what is read here stays true; throwing
 * rolls the cancel back ({@link CancelListener}). The agency can still correct the account by hand.
 */
@Component
class RecoveredCancelGuard implements CancelListener {

    private final RecoveryService recoveries;

    RecoveredCancelGuard(RecoveryService recoveries) {
        this.recoveries = recoveries;
    }

    @Override
    public void cancelled(Institution inst, SettlementRow original, SettlementRow reversal) {
        Money recovered = recoveries.recovered(original.setlId());
        if (recovered.isPositive()) {
            throw new HisBusinessException("RECOVERED", "结算 " + original.setlId() + " 的统筹基金已被经办机构追回 " + recovered
                    + " 元，不能撤销；请联系医保经办机构处理 / the agency recovered " + recovered
                    + " of this settlement's fund share: it cannot be cancelled; contact the agency");
        }
    }
}
