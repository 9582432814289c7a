package cn.gongji.account;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.common.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random sequences of postings (including repeats and refusals) against one account. */
class LedgerProperties {

    static final String P = "41130000000000000001";
    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Property(tries = 500)
    void the_balance_always_equals_the_sum_of_the_entries_and_is_never_negative(@ForAll("operations") List<Posting> ops) {
        AccountBook book = new AccountBook(AccountState.none(P));
        for (Posting p : ops) {
            tryPost(book, p);
            Money sum = book.entries().stream().map(Entry::amount).reduce(Money.ZERO, Money::plus);
            assertThat(book.state().balance()).isEqualTo(sum);
            assertThat(book.state().balance().isNegative()).isFalse();
            book.entries().forEach(e -> assertThat(e.balanceAfter().isNegative()).isFalse());
        }
    }

    @Property(tries = 500)
    void each_balance_after_is_the_previous_one_plus_the_amount(@ForAll("operations") List<Posting> ops) {
        AccountBook book = new AccountBook(AccountState.none(P));
        ops.forEach(p -> tryPost(book, p));
        Money running = Money.ZERO;
        for (Entry e : book.entries()) {
            running = running.plus(e.amount());
            assertThat(e.balanceAfter()).isEqualTo(running);
        }
    }

    @Property(tries = 500)
    void a_posting_repeated_by_reference_is_applied_exactly_once(@ForAll("operations") List<Posting> ops) {
        AccountBook once = new AccountBook(AccountState.none(P));
        AccountBook twice = new AccountBook(AccountState.none(P));
        for (Posting p : ops) {
            tryPost(once, p);
            tryPost(twice, p);
            tryPost(twice, p); // a retry of the same request
        }
        assertThat(twice.entries()).isEqualTo(once.entries());
        assertThat(twice.state()).isEqualTo(once.state());
        assertThat(once.entries().stream().map(Entry::key).distinct().count()).isEqualTo(once.entries().size());
    }

    /**
     * Decisions A6: a closed account takes a transfer-in (which reopens it), the refund of a cancel,
     * and a further payout or transfer-out only of a positive balance (what refunds brought back);
     * everything but the transfer-in leaves it closed.
     */
    @Property(tries = 300)
    void a_closed_account_accepts_only_a_transfer_in_the_refund_of_a_cancel_or_the_payout_of_what_came_back(
            @ForAll("operations") List<Posting> ops) {
        AccountBook book = new AccountBook(AccountState.none(P));
        for (Posting p : ops) {
            AccountState was = book.state();
            int before = book.entries().size();
            boolean ok = tryPost(book, p);
            if (ok && book.entries().size() > before) {
                if (was.status() == AccountState.Status.NONE) {
                    assertThat(p.kind()).isEqualTo(EntryKind.TRANSFER_IN);
                } else if (was.status() == AccountState.Status.CLOSED) {
                    assertThat(p.kind()).isIn(EntryKind.TRANSFER_IN, EntryKind.REFUND, EntryKind.FAMILY_REFUND,
                            EntryKind.PAYOUT, EntryKind.TRANSFER_OUT);
                    if (p.kind().closes()) {
                        assertThat(was.balance().isPositive()).as("a closed account pays out only what came back").isTrue();
                        assertThat(book.state().balance()).isEqualTo(Money.ZERO);
                    }
                    if (p.kind() != EntryKind.TRANSFER_IN) {
                        assertThat(book.state().status()).isEqualTo(AccountState.Status.CLOSED);
                    }
                }
            }
        }
    }

    private static boolean tryPost(AccountBook book, Posting p) {
        try {
            book.post(p, T);
            return true;
        } catch (LedgerRefused e) {
            return false;
        }
    }

    @Provide
    Arbitrary<List<Posting>> operations() {
        Arbitrary<EntryKind> kinds = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(8, EntryKind.CREDIT), net.jqwik.api.Tuple.of(8, EntryKind.PAYMENT),
                net.jqwik.api.Tuple.of(3, EntryKind.REFUND), net.jqwik.api.Tuple.of(3, EntryKind.FAMILY_PAYMENT),
                net.jqwik.api.Tuple.of(2, EntryKind.FAMILY_REFUND), net.jqwik.api.Tuple.of(2, EntryKind.CONTRIBUTION),
                net.jqwik.api.Tuple.of(3, EntryKind.CORRECTION), net.jqwik.api.Tuple.of(3, EntryKind.TRANSFER_IN),
                net.jqwik.api.Tuple.of(1, EntryKind.TRANSFER_OUT), net.jqwik.api.Tuple.of(1, EntryKind.PAYOUT),
                net.jqwik.api.Tuple.of(1, EntryKind.OPENING_BALANCE));
        Arbitrary<Long> fen = Arbitraries.longs().between(-50_000, 50_000);
        Arbitrary<String> refs = Arbitraries.integers().between(1, 12).map(i -> "R" + i);
        Arbitrary<Posting> posting = Combinators.combine(kinds, fen, refs).as((kind, f, ref) -> {
            if (kind.closes()) {
                return Posting.wholeBalance(P, kind, ref, "test", "prop", null);
            }
            // mostly the sign the kind wants, sometimes the wrong one (which must be refused)
            long signed = switch (kind.sign()) {
                case POSITIVE, ZERO_OR_POSITIVE -> f % 7 == 0 ? -Math.abs(f) : Math.abs(f);
                case NEGATIVE -> f % 7 == 0 ? Math.abs(f) : -Math.abs(f);
                default -> f;
            };
            return new Posting(P, kind, Money.ofFen(signed), ref, "test", "prop", null, null);
        });
        return posting.list().ofMinSize(1).ofMaxSize(60).map(ArrayList::new);
    }
}
