package cn.gongji.clearing.web;

import static cn.gongji.clearing.web.Refusals.refusing;

import cn.gongji.clearing.db.RecoveryService;
import cn.gongji.common.Money;
import cn.gongji.web.Bodies;
import cn.gongji.web.FieldReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@Tag(name = "Clearing")
public class RecoveryController {

    private final RecoveryService recoveries;

    public RecoveryController(RecoveryService recoveries) {
        this.recoveries = recoveries;
    }

    public record RecoveryView(long recovery_id, String setl_id, String fixmedins_code, String clr_type,
            BigDecimal amount, String reason, String deducted_in) {}

    @PostMapping("/api/admin/clearing/recoveries")
    @Operation(summary = "Recover an amount of a settlement's fund share (追回): deducted in the next open statement")
    public RecoveryView recover(@RequestBody JsonNode body,
            @RequestHeader(name = "X-Operator", required = false) String operator) {
        FieldReader r = Bodies.object(body);
        String setl = r.text("setl_id", 40);
        Money amount = r.money("amount", true);
        String reason = r.text("reason", 500);
        r.refuseIfInvalid();
        RecoveryService.Recorded x = refusing(() -> recoveries.record(setl, amount, reason, RecoveryService.Source.STAFF,
                Refusals.actor(operator)));
        return new RecoveryView(x.recoveryId(), x.setlId(), x.fixmedinsCode(), x.clrType(), x.amount().amount(),
                x.reason(), x.deductedIn().toString());
    }
}
