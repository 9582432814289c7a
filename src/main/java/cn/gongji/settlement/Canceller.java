package cn.gongji.settlement;

import cn.gongji.common.Money;
import cn.gongji.policy.PersonStatus;
import cn.gongji.policy.db.PolicyStore;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Settlement cancel (2208, and 2601 of a 2207): a new reversal row with every amount negated; the
 * original is stamped, never changed otherwise. It gives back exactly what the settlement consumed —
 * annual-limit usage, the episode's deductible, account money — under the same accumulator lock as
 * settlement (ARCHITECTURE.md invariant 4), and, for an episode changed on 31 December or
 * 1 January, the person's guard of that New Year as well ({@link EpisodeYears}). An episode whose
 * first visit this was starts again at its earliest visit still settled, or at none (V033). The
 * lines become unsettled, so the visit can be settled again and is then priced afresh.
 */
@Service
public class Canceller {

    private final SettlementStore store;
    private final AccountLedger ledger;
    private final ReferenceData ref;
    private final PolicyStore policies;
    private final Ids ids;
    private final Clock clock;
    private final ObjectProvider<CancelListener> listeners;

    public Canceller(SettlementStore store, AccountLedger ledger, ReferenceData ref, PolicyStore policies, Ids ids,
            Clock clock, ObjectProvider<CancelListener> listeners) {
        this.listeners = listeners;
        this.store = store;
        this.ledger = ledger;
        this.ref = ref;
        this.policies = policies;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * @param mdtrtId and psnNo, when sent, must be the settlement's
     */
    public SettlementRow cancel(Institution inst, String setlId, String mdtrtId, String psnNo, String msgid) {
        SettlementRow s = store.find(setlId).orElseThrow(() -> new HisBusinessException("SETTLEMENT",
                "结算ID " + setlId + " 不存在 / settlement not found"));
        if (s.reversal()) {
            throw new HisBusinessException("SETTLEMENT", "结算ID " + setlId + " 是一笔撤销记录，不能再撤销 / a reversal cannot be cancelled");
        }
        if (!s.fixmedinsCode().equals(inst.code())) {
            throw new HisBusinessException("OTHER_INSTITUTION", "结算 " + setlId + " 不是本机构的结算，只能由结算机构撤销 / only the settling institution may cancel");
        }
        if ((mdtrtId != null && !mdtrtId.equals(s.mdtrtId())) || (psnNo != null && !psnNo.equals(s.psnNo()))) {
            throw new HisBusinessException("MISMATCH", "结算 " + setlId + " 的就诊ID或人员编号与请求不符 / mdtrt_id or psn_no does not match the settlement");
        }
        Money used = store.lockAccumulator(s.psnNo(), s.year());
        if (s.episodeId() != null) {
            // giving the episode its deductible back, or moving its start: settlements across the nearest
            // New Year read it too
            store.lockEpisodeYears(s.psnNo(),
                    EpisodeYears.around(s.careDate(), policies.book().inForceOn(s.careDate()).episodeWindow()));
        }
        // re-read under the locks: a concurrent cancel of the same settlement has committed by now, and so
        // has anything else that locks its row (clearing's recovery, which a CancelListener then refuses)
        s = store.lockForCancel(setlId, s.psnNo());
        if (s.cancelledAt() != null) {
            throw new HisBusinessException("ALREADY_CANCELLED", "该结算已撤销（结算ID " + setlId + "） / the settlement is already cancelled");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        String reversalId = ids.setlId();
        ledger.refund(s.setlId(), s.psnNo(), s.acctMulaidPay(), reversalId, inst.code(), "撤销结算 " + s.setlId());
        Money limit = policies.book().inForceOn(s.careDate()).annualLimit(status(s.psnType()));
        Money remainingBefore = limit.minus(used).atLeastZero();
        String trace = "撤销结算 " + s.setlId() + "：统筹基金退回 " + s.hifpPay() + "，本年统筹基金门诊累计 " + used + " → "
                + used.minus(s.hifpPay()) + "；就诊周期起付标准退回 " + s.actPayDedc() + "；个人账户退回 " + s.acctPay()
                + "（其中家庭共济 " + s.acctMulaidPay() + "）；现金退回 " + s.psnCashPay();
        SettlementRow reversal = s.reversedAs(reversalId, now, Money.ZERO, remainingBefore, msgid, trace);
        reversal = reversal.withBalc(ref.ownBalance(s.psnNo()));
        store.insert(reversal);
        store.stampCancelled(s.setlId(), now);
        if (s.hifpPay().isPositive()) {
            store.addToAccumulator(s.psnNo(), s.year(), s.hifpPay().negate());
        }
        if (s.episodeId() != null && s.actPayDedc().isPositive()) {
            store.addToEpisode(s.episodeId(), s.actPayDedc().negate());
        }
        if (s.episodeId() != null) {
            // the visit the episode started with may be this one, which is no longer settled
            store.reanchorEpisode(s.episodeId(), s.psnNo());
        }
        store.releaseLines(s.setlId());
        for (CancelListener l : listeners.orderedStream().toList()) {
            l.cancelled(inst, s, reversal);
        }
        return reversal;
    }

    private static PersonStatus status(String psnType) {
        for (PersonStatus st : PersonStatus.values()) {
            if (st.psnType().equals(psnType)) {
                return st;
            }
        }
        throw new IllegalStateException("unknown psn_type " + psnType);
    }
}
