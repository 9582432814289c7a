package cn.gongji.account;

import cn.gongji.common.Money;
import java.util.Objects;

/**
 * A request to append one entry to one account.
 *
 * @param amount signed (+ into the account, − out of it); null for the kinds that take the whole
 *               balance ({@link EntryKind#closes()}), whose amount the ledger fixes under the lock
 * @param ref    with psnNo and kind the idempotency key: a repeated posting returns the first entry
 * @param reason a reason code (e.g. {@code settlement}, {@code monthly_credit_retired}, {@code death})
 * @param counterpartyPsnNo family mutual aid and resident-insurance contributions: the family
 *               member whose care or contribution this entry paid; else null
 */
public record Posting(
        String psnNo,
        EntryKind kind,
        Money amount,
        String ref,
        String reason,
        String actor,
        String counterpartyPsnNo,
        String memo) {

    public Posting {
        Objects.requireNonNull(psnNo, "psnNo");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(actor, "actor");
        if (ref.isBlank()) {
            throw new IllegalArgumentException("a posting needs a reference");
        }
        if (amount == null && !kind.closes()) {
            throw new IllegalArgumentException("a " + kind.code() + " posting needs an amount");
        }
    }

    /** A transfer-out or payout: the whole balance, fixed when the account is locked. */
    public static Posting wholeBalance(String psnNo, EntryKind kind, String ref, String reason, String actor, String memo) {
        if (!kind.closes()) {
            throw new IllegalArgumentException(kind.code() + " does not take the whole balance");
        }
        return new Posting(psnNo, kind, null, ref, reason, actor, null, memo);
    }

    public EntryKey key() {
        return new EntryKey(psnNo, kind, ref);
    }

    /** The unique key of an entry: (psn_no, kind, ref). */
    public record EntryKey(String psnNo, EntryKind kind, String ref) {}
}
