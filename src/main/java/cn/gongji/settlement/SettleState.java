package cn.gongji.settlement;

import cn.gongji.benefit.EpisodeState;
import cn.gongji.benefit.StatusChange;
import cn.gongji.common.Money;
import cn.gongji.supervision.SettlementFacts;
import java.util.List;
import java.util.Optional;

/**
 * What a settlement reads besides the locked visit and accumulator, loaded in one statement
 * ({@link SettlementStore#settleState}).
 *
 * @param person the person (empty: no such person)
 * @param liveSetlId the visit's live settlement, if it has one
 * @param statusHistory the person's status changes, oldest first
 * @param insuranceChange the latest insurance status change in force on the date of care
 * @param episodes the episodes at the episode institution that could cover the visit
 * @param ownBalance the balance of the person's own open account (zero without one), unlocked: for
 *     the answer's balc when the account is not used
 * @param history the person's recorded death and other settled visits in supervision's window
 * @param openLines the visit's fee lines not settled nor cancelled, in upload order
 */
public record SettleState(Optional<Person> person, String liveSetlId, List<StatusChange> statusHistory,
        Optional<CoverageRules.InsuranceChange> insuranceChange, List<EpisodeState> episodes, Money ownBalance,
        SettlementFacts.History history, List<FeeLineRow> openLines) {

    SettleState withLines(List<FeeLineRow> lines) {
        return new SettleState(person, liveSetlId, statusHistory, insuranceChange, episodes, ownBalance, history, lines);
    }
}
