package cn.gongji.settlement;

import cn.gongji.account.AccountDraw;
import cn.gongji.account.AccountSource;
import cn.gongji.account.EntryKind;
import cn.gongji.account.Posting;
import cn.gongji.account.db.Ledger;
import cn.gongji.common.Money;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The personal-account side of a settlement, posted through the one {@link Ledger}: who may pay
 * (payer order, PROTOCOL.md §3), the draws, and the refunds of a cancel. The ledger locks account
 * rows in psn_no order (deadlock-free with every other writer), enforces the balance and makes
 * each posting idempotent by (psn_no, kind, ref = setl_id).
 */
@Component
public class AccountLedger {

    private final Ledger ledger;
    private final JdbcClient db;

    public AccountLedger(Ledger ledger, JdbcClient db) {
        this.ledger = ledger;
        this.db = db;
    }

    /** The patient's own open account first, then the open accounts of holders who bound the patient, in binding order. */
    public List<AccountSource> sources(String patient, boolean lock) {
        return ledger.payers(patient, lock);
    }

    /**
     * Writes the draws of a settlement: kind {@code payment} on the patient's own account,
     * {@code family_payment} on a holder's account with the patient as counterparty; ref = setl_id.
     */
    public void draw(String setlId, String patient, List<AccountDraw> draws, String actor, String memo) {
        ledger.post(postings(setlId, patient, draws, actor, memo));
    }

    /**
     * As {@link #draw}, for a setl_id made in this transaction on the accounts {@link #sources}
     * locked in it: the ledger neither locks them again nor looks for earlier entries under the new ref.
     */
    public void drawNew(String setlId, String patient, List<AccountDraw> draws, List<AccountSource> locked, String actor,
            String memo) {
        ledger.postNewOnLocked(postings(setlId, patient, draws, actor, memo), locked);
    }

    private static List<Posting> postings(String setlId, String patient, List<AccountDraw> draws, String actor, String memo) {
        return draws.stream()
                .map(d -> new Posting(d.psnNo(), d.own() ? EntryKind.PAYMENT : EntryKind.FAMILY_PAYMENT,
                        d.amount().negate(), setlId, "settlement", actor, d.own() ? null : patient, memo))
                .toList();
    }

    /** Refunds every draw of {@code setlId} under the reversal's id ({@code refund} / {@code family_refund}). */
    public void refund(String setlId, String reversalId, String actor, String memo) {
        record Drawn(String psnNo, Money amount, String kind, String counterparty) {}
        List<Drawn> drawn = db.sql("""
                select psn_no, amount, kind, counterparty_psn_no from account_entry
                where ref = :ref and kind in ('payment', 'family_payment') order by psn_no
                """).param("ref", setlId)
                .query((rs, i) -> new Drawn(rs.getString(1), Money.of(rs.getBigDecimal(2)), rs.getString(3), rs.getString(4)))
                .list();
        ledger.post(drawn.stream()
                .map(d -> new Posting(d.psnNo(), d.kind().equals("payment") ? EntryKind.REFUND : EntryKind.FAMILY_REFUND,
                        d.amount().negate(), reversalId, "settlement_cancel", actor, d.counterparty(), memo))
                .toList());
    }
}
