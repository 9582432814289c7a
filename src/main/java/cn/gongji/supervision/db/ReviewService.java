package cn.gongji.supervision.db;

import cn.gongji.common.Money;
import cn.gongji.supervision.ReviewAction;
import cn.gongji.supervision.ReviewFlow;
import cn.gongji.supervision.ReviewStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import cn.gongji.clearing.ClearingRefused;
import cn.gongji.clearing.db.RecoveryService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves warnings through the review (ReviewFlow decides; this locks, writes the audit row, sets the
 * next deadline and, on confirmation, hands the recovery to clearing). Deadlines are settings:
 * {@code gongji.supervision.deadline.first-review|second-review|appeal|verification} (ISO-8601).
 */
@Service
public class ReviewService {

    /** Why a transition was refused; mapped to problem+json by the agency API and to −2 by the HIS protocol. */
    public static final class Refused extends RuntimeException {
        public enum Kind { NOT_FOUND, ILLEGAL, INVALID }

        private final Kind kind;
        private final String zh;
        private final String en;

        Refused(Kind kind, String zh, String en) {
            super(zh + " / " + en, null, false, false);
            this.kind = kind;
            this.zh = zh;
            this.en = en;
        }

        public Kind kind() {
            return kind;
        }

        public String zh() {
            return zh;
        }

        public String en() {
            return en;
        }
    }

    private final WarningStore store;
    private final RecoveryService clearingRecoveries;
    private final Clock clock;
    private final Map<ReviewStatus, Duration> deadlines = new EnumMap<>(ReviewStatus.class);

    public ReviewService(WarningStore store, RecoveryService clearingRecoveries, Clock clock,
            @Value("${gongji.supervision.deadline.first-review:P10D}") Duration first,
            @Value("${gongji.supervision.deadline.second-review:P10D}") Duration second,
            @Value("${gongji.supervision.deadline.appeal:P10D}") Duration appeal,
            @Value("${gongji.supervision.deadline.verification:P15D}") Duration verification) {
        this.store = store;
        this.clearingRecoveries = clearingRecoveries;
        this.clock = clock;
        deadlines.put(ReviewStatus.FIRST_REVIEW, first);
        deadlines.put(ReviewStatus.SECOND_REVIEW, second);
        deadlines.put(ReviewStatus.APPEAL, appeal);
        deadlines.put(ReviewStatus.VERIFICATION, verification);
    }

    public OffsetDateTime firstDue(OffsetDateTime at) {
        return at.plus(deadlines.get(ReviewStatus.FIRST_REVIEW));
    }

    public Map<ReviewStatus, Duration> deadlines() {
        return Map.copyOf(deadlines);
    }

    /**
     * @param institution for an institution's appeal: its code, which must be the warning's
     * @param amount      for a confirmation: what to recover (default the settlement's fund share)
     */
    @Transactional
    public Warning transition(long id, ReviewAction action, ReviewFlow.Actor actor, String who, String institution,
            String note, Money amount) {
        Warning w = store.lock(id).orElseThrow(() -> new Refused(Refused.Kind.NOT_FOUND, "预警 " + id + " 不存在",
                "warning " + id + " does not exist"));
        if (actor == ReviewFlow.Actor.INSTITUTION && !institution.equals(w.fixmedinsCode())) {
            throw new Refused(Refused.Kind.NOT_FOUND, "预警 " + id + " 不是本机构的", "warning " + id + " is not this institution's");
        }
        ReviewStatus from = ReviewStatus.fromCode(w.status()).orElseThrow();
        OffsetDateTime now = OffsetDateTime.now(clock);
        boolean overdue = w.dueAt() != null && w.dueAt().isBefore(now);
        ReviewStatus to = switch (ReviewFlow.next(from, action, actor, overdue)) {
            case ReviewFlow.Moved m -> m.to();
            case ReviewFlow.Refused r -> throw new Refused(Refused.Kind.ILLEGAL, r.zh(), r.en());
        };
        if (action == ReviewAction.APPEAL && (note == null || note.isBlank())) {
            throw new Refused(Refused.Kind.INVALID, "申诉须说明理由（note）", "an appeal needs its reasons (note)");
        }
        Money recovery = action == ReviewAction.CONFIRM ? recoveryAmount(w, amount) : null;
        OffsetDateTime due = to.terminal() ? null : now.plus(deadlines.get(to));
        store.move(id, from.code(), to.code(), action.code(), actor == ReviewFlow.Actor.INSTITUTION ? "institution" : "agency",
                who, note, now, due, action == ReviewAction.APPEAL ? note : null);
        if (recovery != null && recovery.isPositive()) {
            String reason = w.ruleId() + " " + w.ruleName() + "：" + w.content();
            store.recover(w, recovery, reason, now, who);
            handToClearing(w, recovery, reason, who);
        }
        return store.find(id).orElseThrow();
    }

    /**
     * A confirmed recovery goes to clearing in the same transaction, to be deducted in the
     * institution's next open statement; if clearing refuses it (more than the settlement's remaining
     * fund share, or for a warning about the institution's indicators, which names no settlement, more
     * than the fund paid the institution and has not recovered), the confirmation is refused as a whole.
     */
    private void handToClearing(Warning w, Money amount, String reason, String who) {
        try {
            RecoveryService.Recorded r = w.setlId() == null
                    ? clearingRecoveries.recordForInstitution(w.fixmedinsCode(), amount, reason,
                            RecoveryService.Source.SUPERVISION, who)
                    : clearingRecoveries.record(w.setlId(), amount, reason, RecoveryService.Source.SUPERVISION, who);
            store.markCleared(w.warningId(), "clearing_recovery:" + r.recoveryId() + "@" + r.deductedIn());
        } catch (ClearingRefused e) {
            throw new Refused(Refused.Kind.INVALID, "清算拒绝追回：" + e.zh(), "clearing refused the recovery: " + e.getMessage());
        }
    }

    private Money recoveryAmount(Warning w, Money asked) {
        if (w.setlId() == null) {
            if (asked == null) {
                throw new Refused(Refused.Kind.INVALID, "该预警不针对单笔结算，确认时须填写追回金额 amount",
                        "this warning names no settlement: give the amount to recover");
            }
            return asked;
        }
        Money share = store.fundShare(w.setlId()).orElse(Money.ZERO);
        if (asked == null) {
            return share;
        }
        if (asked.compareTo(share) > 0) {
            throw new Refused(Refused.Kind.INVALID, "追回金额 " + asked + " 超过该结算的统筹基金支付 " + share,
                    "amount " + asked + " exceeds the settlement's fund payment " + share);
        }
        return asked;
    }
}
