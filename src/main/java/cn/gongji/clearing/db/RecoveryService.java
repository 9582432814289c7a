package cn.gongji.clearing.db;

import cn.gongji.clearing.ClearingRefused;
import cn.gongji.clearing.PeriodRule;
import cn.gongji.clearing.RecoveryRule;
import cn.gongji.common.Money;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recoveries (追回): an amount of a settlement's fund share confirmed as not payable, deducted in the
 * institution's next open statement with the settlement's reference. Staff enter them through the
 * agency API; fund supervision calls {@link #record} with source {@code supervision}.
 */
@Service
public class RecoveryService {

    public enum Source {
        STAFF("staff"), SUPERVISION("supervision");

        private final String code;

        Source(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public record Recorded(long recoveryId, String setlId, String fixmedinsCode, String clrType, Money amount,
            String reason, YearMonth deductedIn) {}

    private final JdbcClient db;
    private final ItemStore items;
    private final TransactionTemplate tx;
    private final Clock clock;

    public RecoveryService(JdbcClient db, ItemStore items, TransactionTemplate tx, Clock clock) {
        this.db = db;
        this.items = items;
        this.tx = tx;
        this.clock = clock;
    }

    private record Setl(String inst, String clrType, boolean reversal, boolean cancelled, Money fund) {}

    /**
     * What was recovered of the settlement's fund share so far. Read under the settlement's row lock
     * (here, and by a cancel: {@link RecoveredCancelGuard}) it stays true until the transaction ends.
     */
    public Money recovered(String setlId) {
        return Money.of(db.sql("select coalesce(sum(amount), 0) from clearing_recovery where setl_id = :s")
                .param("s", setlId).query(BigDecimal.class).single());
    }

    /** Joins the caller's transaction when there is one. */
    public Recorded record(String setlId, Money amount, String reason, Source source, String actor) {
        if (reason == null || reason.isBlank()) {
            throw new ClearingRefused("reason", "reason", "追回原因必填", "a reason is required");
        }
        return tx.execute(s -> {
            // the row lock serialises recoveries of one settlement, so together they never exceed its fund share
            Setl setl = db.sql("""
                    select fixmedins_code, clr_type, refd_setl_id is not null, cancelled_at is not null, fund_pay_sumamt
                    from settlement where setl_id = :s for update
                    """).param("s", setlId).query((rs, n) -> new Setl(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                            rs.getBoolean(4), Money.of(rs.getBigDecimal(5)))).optional()
                    .orElseThrow(() -> new ClearingRefused("setl_id", "setl_id", "结算ID " + setlId + " 不存在",
                            "settlement " + setlId + " does not exist"));
            Money before = recovered(setlId);
            RecoveryRule.check(setl.reversal(), setl.cancelled(), setl.fund(), before, amount).ifPresent(r -> {
                throw new ClearingRefused(r.code(), r.field(), r.zh(), r.en());
            });
            return insert(setlId, setl.inst(), setl.clrType(), amount, reason, source, actor);
        });
    }

    /**
     * A recovery from the institution as a whole (a confirmed indicator warning names no settlement),
     * deducted in its next open statement of its own clearing type. It may not exceed what the fund
     * has paid the institution (Σ fund_pay_sumamt, cancellations netted) less what was recovered from
     * it already; the institution's row lock serialises such recoveries. Joins the caller's transaction.
     */
    public Recorded recordForInstitution(String inst, Money amount, String reason, Source source, String actor) {
        if (reason == null || reason.isBlank()) {
            throw new ClearingRefused("reason", "reason", "追回原因必填", "a reason is required");
        }
        if (amount == null || !amount.isPositive()) {
            throw new ClearingRefused("amount", "amount", "追回金额须大于 0", "the amount must be positive");
        }
        return tx.execute(s -> {
            String kind = db.sql("select kind from institution where fixmedins_code = :i for update").param("i", inst)
                    .query(String.class).optional().orElseThrow(() -> new ClearingRefused("institution", "fixmedins_code",
                            "定点机构 " + inst + " 不存在", "institution " + inst + " does not exist"));
            String clrType = kind.equals("pharmacy") ? "41" : "11";
            Money paid = Money.of(db.sql("select coalesce(sum(fund_pay_sumamt), 0) from settlement where fixmedins_code = :i")
                    .param("i", inst).query(BigDecimal.class).single());
            Money recovered = Money.of(db.sql("select coalesce(sum(amount), 0) from clearing_recovery where fixmedins_code = :i")
                    .param("i", inst).query(BigDecimal.class).single());
            Money left = paid.minus(recovered);
            if (amount.compareTo(left) > 0) {
                throw new ClearingRefused("amount", "amount", "追回金额 " + amount + " 超过基金已向该机构支付且未追回的 " + left
                        + "（已支付 " + paid + "，已追回 " + recovered + "）", "the amount " + amount + " exceeds what the fund paid "
                        + "the institution and has not recovered: " + left);
            }
            return insert(null, inst, clrType, amount, reason, source, actor);
        });
    }

    /** The recovery row (setlId null: from the institution as a whole) and the month whose statement deducts it. */
    private Recorded insert(String setlId, String inst, String clrType, Money amount, String reason, Source source,
            String actor) {
        Instant now = clock.instant();
        long id = db.sql("""
                insert into clearing_recovery (setl_id, fixmedins_code, clr_type, amount, reason, source, actor, created_at)
                values (:s, :i, :c, :a, :r, :src, :actor, :at) returning recovery_id
                """).param("s", setlId).param("i", inst).param("c", clrType).param("a", amount.amount())
                .param("r", reason.strip()).param("src", source.code()).param("actor", actor)
                .param("at", ItemStore.ts(now)).query(Long.class).single();
        YearMonth lands = PeriodRule.landing(YearMonth.from(now.atZone(items.zone())), items.closedMonths(inst, clrType));
        return new Recorded(id, setlId, inst, clrType, amount, reason.strip(), lands);
    }
}
