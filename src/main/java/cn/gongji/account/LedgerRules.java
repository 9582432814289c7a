package cn.gongji.account;

import cn.gongji.common.Money;
import java.util.Optional;

/**
 * What may be posted to an account, in what state (POLICY.md §5, ARCHITECTURE.md invariant 5).
 * Pure: the SQL ledger and the in-memory {@link AccountBook} both decide through {@link #post}.
 *
 * <ul>
 *   <li>A posting whose (psn_no, kind, ref) already has an entry returns that entry and changes
 *       nothing; the same key with another amount is refused.</li>
 *   <li>Each kind fixes its sign ({@link EntryKind.Sign}).</li>
 *   <li>The balance never goes below zero.</li>
 *   <li>A closed account refuses everything but a transfer-in (which reopens it, unless it was paid out on death); a missing
 *       account refuses everything but a transfer-in (which opens it).</li>
 *   <li>Transfer-out and payout take the whole balance and close the account.</li>
 * </ul>
 */
public final class LedgerRules {

    /** closed_reason of an account paid out on the holder's death. */
    static final String DEATH = "payout:death";

    private LedgerRules() {}

    /** The result of one posting against one account. */
    public sealed interface Outcome {}

    /** A new entry to append and the account after it. */
    public record Posted(NewEntry entry, AccountState after) implements Outcome {}

    /** The posting was already made: its first entry, nothing changes. */
    public record Replayed(Entry first) implements Outcome {}

    public record Refused(Refusal refusal) implements Outcome {}

    public static Outcome post(AccountState account, Optional<Entry> sameKey, Posting p) {
        if (!account.psnNo().equals(p.psnNo())) {
            throw new IllegalArgumentException("posting for " + p.psnNo() + " against the account of " + account.psnNo());
        }
        if (sameKey.isPresent()) {
            return replay(sameKey.get(), p);
        }
        if (account.status() == AccountState.Status.NONE && !p.kind().opens()) {
            return new Refused(new Refusal.NoAccount(p.psnNo(), p.kind()));
        }
        // the account of a person paid out on death is closed for good: a transfer-in does not reopen it (the credit
        // run and family aid would then pay into it again; POLICY.md §5)
        if (account.status() == AccountState.Status.CLOSED && p.kind().opens() && DEATH.equals(account.closedReason())) {
            return new Refused(new Refusal.AccountClosed(p.psnNo(), p.kind(), account.closedReason()));
        }
        if (account.status() == AccountState.Status.CLOSED && !p.kind().opens() && !p.kind().acceptedWhenClosed()
                && !(p.kind().closes() && account.balance().isPositive())) {
            return new Refused(new Refusal.AccountClosed(p.psnNo(), p.kind(), account.closedReason()));
        }
        Money amount = p.kind().closes() ? account.balance().negate() : p.amount();
        Optional<Refusal> wrong = checkSign(p, amount, account);
        if (wrong.isPresent()) {
            return new Refused(wrong.get());
        }
        Money after = account.balance().plus(amount);
        if (after.isNegative()) {
            return new Refused(new Refusal.InsufficientBalance(
                    p.psnNo(), p.kind(), account.balance(), amount.negate(), after.negate()));
        }
        AccountState next;
        if (p.kind().closes()) {
            next = new AccountState(p.psnNo(), after, AccountState.Status.CLOSED, p.kind().code() + ":" + p.reason());
        } else if (account.status() == AccountState.Status.CLOSED && p.kind().acceptedWhenClosed()) {
            next = new AccountState(p.psnNo(), after, AccountState.Status.CLOSED, account.closedReason());
        } else {
            next = AccountState.open(p.psnNo(), after);
        }
        return new Posted(new NewEntry(p.psnNo(), p.kind(), amount, p.ref(), p.reason(), p.counterpartyPsnNo(),
                after, p.actor(), p.memo()), next);
    }

    private static Outcome replay(Entry first, Posting p) {
        if (p.amount() != null && first.amount().compareTo(p.amount()) != 0) {
            return new Refused(new Refusal.ReferenceReused(p.psnNo(), p.kind(), p.ref(), first.amount(), p.amount()));
        }
        return new Replayed(first);
    }

    private static Optional<Refusal> checkSign(Posting p, Money amount, AccountState account) {
        String expected = switch (p.kind().sign()) {
            case POSITIVE -> amount.isPositive() ? null : "positive";
            case NEGATIVE -> amount.isNegative() ? null : "negative";
            case NON_ZERO -> amount.isZero() ? "non-zero" : null;
            case ZERO_OR_POSITIVE -> amount.isNegative() ? "zero or positive" : null;
            case WHOLE_BALANCE_OUT -> p.amount() == null || p.amount().compareTo(amount) == 0
                    ? null : "the whole balance, " + account.balance().negate();
        };
        return expected == null ? Optional.empty() : Optional.of(new Refusal.WrongAmount(p.psnNo(), p.kind(), amount, expected));
    }
}
