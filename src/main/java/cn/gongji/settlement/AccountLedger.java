package cn.gongji.settlement;

import cn.gongji.account.AccountDraw;
import cn.gongji.account.AccountSource;
import cn.gongji.common.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The personal-account side of a settlement: who may pay (payer order, PROTOCOL.md §3), the draws
 * and the refunds, each a ledger entry with the balance after it (ARCHITECTURE.md invariant 5).
 * Account rows are always locked in ONE statement ordered by psn_no, so two settlements touching
 * the same accounts (family mutual aid) cannot deadlock.
 */
@Component
public class AccountLedger {

    private final JdbcClient db;

    public AccountLedger(JdbcClient db) {
        this.db = db;
    }

    /** The patient's own open account first, then the open accounts of holders who bound the patient, in binding order. */
    public List<AccountSource> sources(String patient, boolean lock) {
        List<String> payers = new ArrayList<>();
        payers.add(patient);
        payers.addAll(db.sql("""
                select psn_no from family_binding where member_psn_no = :p and unbound_at is null order by binding_id
                """).param("p", patient).query(String.class).list());
        Map<String, Money> balances = balances(payers, lock);
        List<AccountSource> out = new ArrayList<>();
        for (String payer : payers) {
            Money b = balances.get(payer);
            if (b != null) {
                out.add(new AccountSource(payer, b, payer.equals(patient)));
            }
        }
        return out;
    }

    private Map<String, Money> balances(List<String> psnNos, boolean lock) {
        Map<String, Money> out = new HashMap<>();
        db.sql("select psn_no, balance from account where psn_no = any(:ids) and status = 'open' order by psn_no"
                        + (lock ? " for update" : ""))
                .param("ids", psnNos.toArray(String[]::new))
                .query((rs, i) -> out.put(rs.getString(1), Money.of(rs.getBigDecimal(2))))
                .list();
        return out;
    }

    /**
     * Writes the draws of a settlement: kind {@code payment} on the patient's own account,
     * {@code family_payment} on a holder's account with the patient as counterparty; ref = setl_id.
     * The caller has locked the rows (see {@link #sources(String, boolean)}).
     */
    public void draw(String setlId, String patient, List<AccountDraw> draws, String actor, String memo) {
        for (AccountDraw d : draws) {
            post(d.psnNo(), d.amount().negate(), d.own() ? "payment" : "family_payment", setlId,
                    d.own() ? null : patient, actor, memo);
        }
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
        if (drawn.isEmpty()) {
            return;
        }
        // a closed account still takes its refund: the money is the holder's (Art. 12 payout settles it)
        db.sql("select psn_no from account where psn_no = any(:ids) order by psn_no for update")
                .param("ids", drawn.stream().map(Drawn::psnNo).distinct().toArray(String[]::new))
                .query(String.class).list();
        for (Drawn d : drawn) {
            post(d.psnNo(), d.amount().negate(), d.kind().equals("payment") ? "refund" : "family_refund", reversalId,
                    d.counterparty(), actor, memo);
        }
    }

    private void post(String psnNo, Money amount, String kind, String ref, String counterparty, String actor, String memo) {
        Money after = Money.of(db.sql("update account set balance = balance + :a where psn_no = :p returning balance")
                .param("a", amount.amount()).param("p", psnNo).query(BigDecimal.class).single());
        db.sql("""
                insert into account_entry (psn_no, amount, kind, ref, counterparty_psn_no, balance_after, actor, memo)
                values (:p, :a, :k, :r, :c, :after, :actor, :memo)
                """).param("p", psnNo).param("a", amount.amount()).param("k", kind).param("r", ref)
                .param("c", counterparty).param("after", after.amount()).param("actor", actor).param("memo", memo)
                .update();
    }
}
