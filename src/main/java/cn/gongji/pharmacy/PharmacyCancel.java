package cn.gongji.pharmacy;

import cn.gongji.settlement.CancelListener;
import cn.gongji.settlement.Institution;
import cn.gongji.settlement.SettlementRow;
import org.springframework.stereotype.Component;

/**
 * A cancelled pharmacy sale (2103, 2208 or 2601 of a 2102) frees its prescriptions, so they can be
 * filled again, and closes its sale visit: a sale is never re-settled, a new sale is a new 2102.
 */
@Component
class PharmacyCancel implements CancelListener {

    private final RxFills fills;
    private final SaleStore sales;

    PharmacyCancel(RxFills fills, SaleStore sales) {
        this.fills = fills;
        this.sales = sales;
    }

    @Override
    public void cancelled(Institution inst, SettlementRow original, SettlementRow reversal) {
        if (!SaleRows.CLR_TYPE.equals(original.clrType())) {
            return;
        }
        fills.release(original.setlId(), reversal.setlTime());
        sales.closeSale(original.mdtrtId(), reversal.setlTime());
    }
}
