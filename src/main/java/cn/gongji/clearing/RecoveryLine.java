package cn.gongji.clearing;

import cn.gongji.common.Money;
import java.time.Instant;

/** A recovery (追回) deducted in a statement, with the settlement it belongs to. */
public record RecoveryLine(long recoveryId, String setlId, Money amount, String reason, String source,
        Instant createdAt) {}
