package cn.gongji.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gongji.common.Money;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LedgerRulesTest {

    static final String P = "41130000000000000001";
    static final Instant T = Instant.parse("2026-11-01T00:00:00Z");

    static Posting posting(EntryKind kind, String amount, String ref) {
        return new Posting(P, kind, Money.of(amount), ref, "test", "tester", null, null);
    }

    static AccountBook bookWith(String balance) {
        return new AccountBook(AccountState.open(P, Money.of(balance)));
    }

    @Test
    void a_closed_accounts_refusal_names_the_kind_in_chinese_for_staff_and_by_its_code() {
        String m = new Refusal.AccountClosed("41130000000000000001", EntryKind.TRANSFER_OUT, "payout:death").message();
        assertThat(m).contains("不能办理转出（transfer_out）", "refuses transfer_out");
        for (EntryKind k : EntryKind.values()) {
            assertThat(k.zh()).as(k.code()).isNotBlank().doesNotContainPattern("[a-z_]");
        }
    }

    @Test
    void a_payment_larger_than_the_balance_is_refused_naming_the_shortfall() {
        AccountBook book = bookWith("30.00");
        assertThatThrownBy(() -> book.post(posting(EntryKind.PAYMENT, "-45.50", "S1"), T))
                .isInstanceOfSatisfying(LedgerRefused.class, e -> {
                    assertThat(e.refusal()).isEqualTo(new Refusal.InsufficientBalance(
                            P, EntryKind.PAYMENT, Money.of("30.00"), Money.of("45.50"), Money.of("15.50")));
                    assertThat(e.getMessage()).contains("余额不足").contains("short by 15.50");
                });
        assertThat(book.state().balance()).isEqualTo(Money.of("30.00"));
        assertThat(book.entries()).isEmpty();
    }

    @Test
    void a_payment_of_exactly_the_balance_leaves_zero() {
        AccountBook book = bookWith("30.00");
        Entry e = book.post(posting(EntryKind.PAYMENT, "-30.00", "S1"), T);
        assertThat(e.balanceAfter()).isEqualTo(Money.ZERO);
    }

    @Test
    void the_same_reference_returns_the_first_entry_and_changes_nothing() {
        AccountBook book = bookWith("100.00");
        Entry first = book.post(posting(EntryKind.PAYMENT, "-40.00", "S1"), T);
        Entry again = book.post(posting(EntryKind.PAYMENT, "-40.00", "S1"), T.plusSeconds(5));
        assertThat(again).isEqualTo(first);
        assertThat(book.state().balance()).isEqualTo(Money.of("60.00"));
        assertThat(book.entries()).hasSize(1);
    }

    @Test
    void the_same_reference_with_another_amount_is_refused() {
        AccountBook book = bookWith("100.00");
        book.post(posting(EntryKind.PAYMENT, "-40.00", "S1"), T);
        assertThatThrownBy(() -> book.post(posting(EntryKind.PAYMENT, "-41.00", "S1"), T))
                .isInstanceOfSatisfying(LedgerRefused.class,
                        e -> assertThat(e.refusal().code()).isEqualTo("reference_reused"));
    }

    @Test
    void the_same_reference_under_another_kind_is_a_different_entry() {
        AccountBook book = bookWith("100.00");
        book.post(posting(EntryKind.PAYMENT, "-40.00", "S1"), T);
        book.post(posting(EntryKind.REFUND, "40.00", "S1"), T);
        assertThat(book.state().balance()).isEqualTo(Money.of("100.00"));
    }

    @Test
    void each_kind_refuses_an_amount_of_the_wrong_sign() {
        AccountBook book = bookWith("100.00");
        assertThatThrownBy(() -> book.post(posting(EntryKind.CREDIT, "-1.00", "2026-11"), T))
                .isInstanceOfSatisfying(LedgerRefused.class, e -> assertThat(e.refusal().code()).isEqualTo("wrong_amount"));
        assertThatThrownBy(() -> book.post(posting(EntryKind.PAYMENT, "1.00", "S1"), T))
                .isInstanceOf(LedgerRefused.class);
        assertThatThrownBy(() -> book.post(posting(EntryKind.CORRECTION, "0.00", "C1"), T))
                .isInstanceOf(LedgerRefused.class);
        assertThatThrownBy(() -> book.post(posting(EntryKind.PAYOUT, "-99.00", "D1"), T))
                .isInstanceOfSatisfying(LedgerRefused.class, e -> assertThat(e.getMessage()).contains("the whole balance"));
    }

    @Test
    void a_payout_takes_the_whole_balance_and_closes_the_account() {
        AccountBook book = bookWith("123.45");
        Entry e = book.post(Posting.wholeBalance(P, EntryKind.PAYOUT, "D1", "death", "tester", null), T);
        assertThat(e.amount()).isEqualTo(Money.of("-123.45"));
        assertThat(e.balanceAfter()).isEqualTo(Money.ZERO);
        assertThat(book.state().status()).isEqualTo(AccountState.Status.CLOSED);
        assertThat(book.state().closedReason()).isEqualTo("payout:death");
    }

    @Test
    void a_payout_repeated_with_its_reference_is_paid_once() {
        AccountBook book = bookWith("50.00");
        Entry first = book.post(Posting.wholeBalance(P, EntryKind.PAYOUT, "D1", "death", "tester", null), T);
        Entry again = book.post(Posting.wholeBalance(P, EntryKind.PAYOUT, "D1", "death", "tester", null), T);
        assertThat(again).isEqualTo(first);
        assertThat(book.entries()).hasSize(1);
    }

    @Test
    void a_closed_account_refuses_payments_credits_and_a_second_payout_with_a_clear_message() {
        AccountBook book = bookWith("50.00");
        book.post(Posting.wholeBalance(P, EntryKind.TRANSFER_OUT, "T1", "relation_transfer", "tester", null), T);
        for (Posting p : new Posting[] {
                posting(EntryKind.PAYMENT, "-1.00", "S9"),
                posting(EntryKind.CREDIT, "100.00", "2026-12"),
                Posting.wholeBalance(P, EntryKind.PAYOUT, "D2", "death", "tester", null)}) {
            assertThatThrownBy(() -> book.post(p, T)).isInstanceOfSatisfying(LedgerRefused.class, e -> {
                assertThat(e.refusal().code()).isEqualTo("account_closed");
                assertThat(e.getMessage()).contains("已关闭").contains("is closed");
            });
        }
    }

    @Test
    void a_closed_account_takes_back_the_refund_of_a_cancelled_settlement_and_stays_closed() {
        AccountBook book = bookWith("50.00");
        book.post(posting(EntryKind.PAYMENT, "-20.00", "S1"), T);
        book.post(Posting.wholeBalance(P, EntryKind.PAYOUT, "D1", "death", "tester", null), T);
        Entry refund = book.post(posting(EntryKind.REFUND, "20.00", "S1-R"), T);
        assertThat(refund.balanceAfter()).isEqualTo(Money.of("20.00"));
        assertThat(book.state().status()).isEqualTo(AccountState.Status.CLOSED);
        assertThat(book.state().closedReason()).isEqualTo("payout:death");
        assertThatThrownBy(() -> book.post(posting(EntryKind.PAYMENT, "-1.00", "S2"), T))
                .isInstanceOf(LedgerRefused.class);
    }

    @Test
    void what_a_refund_brought_back_to_a_closed_account_is_paid_out_by_a_further_payout_and_it_stays_closed() {
        AccountBook book = bookWith("50.00");
        book.post(posting(EntryKind.PAYMENT, "-20.00", "S1"), T);
        book.post(Posting.wholeBalance(P, EntryKind.PAYOUT, "D1", "death", "tester", null), T);
        book.post(posting(EntryKind.REFUND, "20.00", "S1-R"), T);

        Entry further = book.post(Posting.wholeBalance(P, EntryKind.PAYOUT, "D2", "death", "tester", null), T);

        assertThat(further.amount()).isEqualTo(Money.of("-20.00"));
        assertThat(book.state()).isEqualTo(new AccountState(P, Money.ZERO, AccountState.Status.CLOSED, "payout:death"));
        // nothing left: a third payout is refused as on any closed account
        assertThatThrownBy(() -> book.post(Posting.wholeBalance(P, EntryKind.PAYOUT, "D3", "death", "tester", null), T))
                .isInstanceOfSatisfying(LedgerRefused.class, e -> assertThat(e.refusal().code()).isEqualTo("account_closed"));
    }

    @Test
    void a_transfer_in_reopens_a_closed_account() {
        AccountBook book = bookWith("50.00");
        book.post(Posting.wholeBalance(P, EntryKind.TRANSFER_OUT, "T1", "relation_transfer", "tester", null), T);
        book.post(posting(EntryKind.TRANSFER_IN, "80.00", "T2"), T);
        assertThat(book.state()).isEqualTo(AccountState.open(P, Money.of("80.00")));
        book.post(posting(EntryKind.PAYMENT, "-10.00", "S1"), T);
        assertThat(book.state().balance()).isEqualTo(Money.of("70.00"));
    }

    @Test
    void an_account_paid_out_on_death_is_not_reopened_by_a_transfer_in() {
        AccountBook book = bookWith("50.00");
        book.post(Posting.wholeBalance(P, EntryKind.PAYOUT, "D1", "death", "tester", null), T);
        assertThatThrownBy(() -> book.post(posting(EntryKind.TRANSFER_IN, "5.00", "T2"), T))
                .isInstanceOfSatisfying(LedgerRefused.class, e -> assertThat(e.refusal().code()).isEqualTo("account_closed"));
        assertThat(book.state()).isEqualTo(new AccountState(P, Money.ZERO, AccountState.Status.CLOSED, "payout:death"));

        AccountBook emigrated = bookWith("50.00");
        emigrated.post(Posting.wholeBalance(P, EntryKind.PAYOUT, "E1", "emigration", "tester", null), T);
        emigrated.post(posting(EntryKind.TRANSFER_IN, "5.00", "T2"), T);
        assertThat(emigrated.state().status()).as("a returning emigrant's account may reopen").isEqualTo(AccountState.Status.OPEN);
    }

    @Test
    void a_missing_account_accepts_only_a_transfer_in() {
        AccountBook book = new AccountBook(AccountState.none(P));
        assertThatThrownBy(() -> book.post(posting(EntryKind.CREDIT, "10.00", "2026-11"), T))
                .isInstanceOfSatisfying(LedgerRefused.class, e -> assertThat(e.refusal().code()).isEqualTo("no_account"));
        book.post(posting(EntryKind.TRANSFER_IN, "10.00", "T1"), T);
        assertThat(book.state().isOpen()).isTrue();
    }

    @Test
    void a_december_balance_is_spent_in_january_without_any_year_end_step() {
        AccountBook book = bookWith("0.00");
        book.post(posting(EntryKind.CREDIT, "120.00", "2026-12"), Instant.parse("2026-11-30T17:00:00Z"));
        Entry jan = book.post(posting(EntryKind.PAYMENT, "-120.00", "S-2027-01-03"), Instant.parse("2027-01-03T02:00:00Z"));
        assertThat(jan.balanceAfter()).isEqualTo(Money.ZERO);
    }
}
