package cn.gongji.clearing.his;

import cn.gongji.clearing.ClearingRefused;
import cn.gongji.settlement.HisBusinessException;
import cn.gongji.settlement.his.HisCall;
import cn.gongji.settlement.his.HisRoutes;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** The clearing transactions of PROTOCOL.md §2: 3201, 3202, 3203, and the files 9101 / 9102. */
@Component
class ClearingRoutes implements HisRoutes.Contributor {

    private final ReconcileTx reconcile;
    private final FileTx files;
    private final ApplyTx apply;

    ClearingRoutes(ReconcileTx reconcile, FileTx files, ApplyTx apply) {
        this.reconcile = reconcile;
        this.files = files;
        this.apply = apply;
    }

    @Override
    public void contribute(HisRoutes.Registry r) {
        // 3201/3202 record their result (3203 looks for it), so they go through idempotency too
        r.add("3201", true, refusals(reconcile::totals));
        r.add("3202", true, refusals(reconcile::detail));
        r.add("3203", true, refusals(apply::apply));
        r.add("9101", true, refusals(files::upload));
        r.add("9102", false, refusals(files::download));
    }

    /** A clearing refusal is a business error of the protocol (-2). */
    static Function<HisCall, JsonNode> refusals(Function<HisCall, JsonNode> handler) {
        return call -> {
            try {
                return handler.apply(call);
            } catch (ClearingRefused e) {
                throw new HisBusinessException(e.code().toUpperCase(java.util.Locale.ROOT), e.getMessage());
            }
        };
    }
}
