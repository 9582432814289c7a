package cn.gongji.pharmacy;

import cn.gongji.settlement.his.HisRoutes;
import org.springframework.stereotype.Component;

/** The pharmacy transactions of PROTOCOL.md §2. */
@Component
class PharmacyRoutes implements HisRoutes.Contributor {

    private final PharmacyTx tx;

    PharmacyRoutes(PharmacyTx tx) {
        this.tx = tx;
    }

    @Override
    public void contribute(HisRoutes.Registry r) {
        r.add("2101", false, tx::preSettle);
        r.add("2102", true, tx::settle);
        r.add("2103", true, tx::cancel);
    }
}
