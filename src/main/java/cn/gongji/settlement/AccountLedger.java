package cn.gongji.settlement;

import cn.gongji.account.AccountDraw;
import cn.gongji.account.AccountSource;
import cn.gongji.account.AccountSplit;
import cn.gongji.account.EntryKind;
import cn.gongji.account.Posting;
import cn.gongji.account.db.FamilyAid;
import cn.gongji.account.db.Ledger;
import cn.gongji.common.Money;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The personal-account side of a settlement, posted through the one {@link Ledger}: who may pay
 * (payer order, PROTOCOL.md §3), the draws, and the refunds of a cancel. The patient's own account is
 * locked and drawn on in the settlement's transaction; a holder's account (family mutual aid) may
 * live on another node and is drawn on through {@link FamilyAid}: a reservation in a transaction of
 * its own on the holder's node, confirmed or released after the settlement's commit or rollback.
 * Each posting is idempotent by (psn_no, kind, ref = setl_id).
 */
@Component
public class AccountLedger {

    private final Ledger ledger;
    private final FamilyAid family;
    private final JdbcClient db;

    public AccountLedger(Ledger ledger, FamilyAid family, JdbcClient db) {
        this.ledger = ledger;
        this.family = family;
        this.db = db;
    }

    /**
     * The patient's own open account first, then the open accounts of holders who bound the patient,
     * in binding order. With {@code lock}, the own account is locked; the holders' are read (see {@link #drawNew}).
     */
    public List<AccountSource> sources(String patient, boolean lock) {
        return ledger.payers(patient, lock);
    }

    /**
     * Writes the draws of a settlement whose setl_id was made in this transaction: kind {@code payment}
     * on the patient's own account ({@link #sources} locked it), and the family part as reservations
     * on the holders' accounts ({@code family_payment}, the patient as counterparty), each up to the
     * holder's balance at that moment, in payer order.
     *
     * @return the split as paid: the family part can come out smaller than {@code split} said when a
     *         holder's balance fell since it was read; the rest is then cash
     */
    public AccountSplit drawNew(String setlId, String patient, AccountSplit split, List<AccountSource> sources,
            String actor, String memo) {
        List<AccountDraw> own = split.draws().stream().filter(AccountDraw::own).toList();
        ledger.postNewOnLocked(postings(setlId, patient, own, actor, memo), sources);
        if (!split.mulaidPay().isPositive()) {
            return split;
        }
        List<AccountDraw> fromFamily;
        try {
            fromFamily = family.draw(setlId, patient, sources, split.mulaidPay(), actor, memo);
        } catch (FamilyAid.Busy e) {
            String code = "ACCOUNT_BUSY";
            String message = "家庭共济账户正被其他交易占用，本次未做任何处理，请稍后重试 / a family account is busy: nothing was changed, retry";
            throw e.yielded() ? new RunAgainRefusal(code, message) : new HisBusinessException(code, message);
        }
        Money ownPaid = own.stream().map(AccountDraw::amount).reduce(Money.ZERO, Money::plus);
        Money familyPaid = fromFamily.stream().map(AccountDraw::amount).reduce(Money.ZERO, Money::plus);
        Money personalShare = split.acctPay().plus(split.cash());
        Money acct = ownPaid.plus(familyPaid);
        List<AccountDraw> draws = new ArrayList<>(own);
        draws.addAll(fromFamily);
        return new AccountSplit(acct, familyPaid, personalShare.minus(acct), List.copyOf(draws));
    }

    private static List<Posting> postings(String setlId, String patient, List<AccountDraw> draws, String actor, String memo) {
        return draws.stream()
                .map(d -> new Posting(d.psnNo(), d.own() ? EntryKind.PAYMENT : EntryKind.FAMILY_PAYMENT,
                        d.amount().negate(), setlId, "settlement", actor, d.own() ? null : patient, memo))
                .toList();
    }

    /**
     * Refunds every draw of {@code setlId} under the reversal's id: the patient's own {@code payment}
     * by a {@code refund} in this transaction; each holder's part by a {@code family_refund} on the
     * holder's node after this transaction commits ({@link FamilyAid#reverse}); {@code mulaidPay} is
     * the settlement's acct_mulaid_pay (zero: no holder paid, no statement for them).
     */
    public void refund(String setlId, String patient, Money mulaidPay, String reversalId, String actor, String memo) {
        List<Money> paid = db.sql("""
                select amount from account_entry where psn_no = :p and ref = :ref and kind = 'payment'
                """).param("p", patient).param("ref", setlId)
                .query((rs, i) -> Money.of(rs.getBigDecimal(1))).list();
        ledger.post(paid.stream()
                .map(a -> new Posting(patient, EntryKind.REFUND, a.negate(), reversalId, "settlement_cancel", actor, null, memo))
                .toList());
        if (mulaidPay.isPositive()) {
            family.reverse(setlId, patient, reversalId, actor, memo);
        }
    }
}
