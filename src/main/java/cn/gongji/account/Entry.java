package cn.gongji.account;

import cn.gongji.common.Money;
import java.time.Instant;

/** A ledger entry as stored (append-only; corrected only by new entries). */
public record Entry(
        long entryId,
        String psnNo,
        EntryKind kind,
        Money amount,
        String ref,
        String reason,
        String counterpartyPsnNo,
        Money balanceAfter,
        String actor,
        String memo,
        Instant createdAt) {

    public Posting.EntryKey key() {
        return new Posting.EntryKey(psnNo, kind, ref);
    }
}
