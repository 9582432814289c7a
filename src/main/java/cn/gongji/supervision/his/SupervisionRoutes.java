package cn.gongji.supervision.his;

import cn.gongji.settlement.his.HisRoutes;
import org.springframework.stereotype.Component;

/**
 * Supervision's HIS transactions: 3101 the real-time rule check (national shape); 3191 and 3192 are
 * Gongji extensions for the institution's side of the review: its appeal (申诉), signed with its own
 * x-tif credentials, and the list of its warnings awaiting one.
 */
@Component
class SupervisionRoutes implements HisRoutes.Contributor {

    private final RealtimeCheckTx check;
    private final AppealTx appeal;

    SupervisionRoutes(RealtimeCheckTx check, AppealTx appeal) {
        this.check = check;
        this.appeal = appeal;
    }

    @Override
    public void contribute(HisRoutes.Registry r) {
        r.add("3101", false, check::check);
        r.add("3191", true, appeal::appeal);
        r.add("3192", false, appeal::awaiting);
    }
}
