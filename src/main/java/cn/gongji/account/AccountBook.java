package cn.gongji.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One account held in memory, driven by {@link LedgerRules}: the reference model the SQL ledger
 * must agree with, and what the property tests exercise.
 */
public final class AccountBook {

    private AccountState state;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<Posting.EntryKey, Entry> byKey = new HashMap<>();

    public AccountBook(AccountState initial) {
        this.state = initial;
    }

    /** Applies a posting: the entry written (or replayed), or the refusal thrown. */
    public Entry post(Posting p, Instant at) {
        return switch (LedgerRules.post(state, Optional.ofNullable(byKey.get(p.key())), p)) {
            case LedgerRules.Refused r -> throw new LedgerRefused(r.refusal());
            case LedgerRules.Replayed r -> r.first();
            case LedgerRules.Posted ok -> {
                NewEntry n = ok.entry();
                Entry e = new Entry(entries.size() + 1L, n.psnNo(), n.kind(), n.amount(), n.ref(), n.reason(),
                        n.counterpartyPsnNo(), n.balanceAfter(), n.actor(), n.memo(), at);
                entries.add(e);
                byKey.put(e.key(), e);
                state = ok.after();
                yield e;
            }
        };
    }

    public AccountState state() {
        return state;
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }
}
