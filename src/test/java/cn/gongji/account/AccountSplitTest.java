package cn.gongji.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gongji.common.Money;
import java.util.List;
import org.junit.jupiter.api.Test;

/** POLICY.md §3 step 7 and §5: the personal share by account (own, then family), then cash. */
class AccountSplitTest {

    private static final AccountSource OWN_100 = new AccountSource("P1", Money.of("100.00"), true);
    private static final AccountSource SPOUSE_50 = new AccountSource("P2", Money.of("50.00"), false);

    @Test
    void the_own_account_pays_first_and_family_accounts_next_then_cash() {
        AccountSplit s = AccountSplit.split(Money.of("180.00"), Money.ZERO, true, List.of(OWN_100, SPOUSE_50));

        assertThat(s.acctPay()).isEqualTo(Money.of("150.00"));
        assertThat(s.mulaidPay()).isEqualTo(Money.of("50.00"));
        assertThat(s.cash()).isEqualTo(Money.of("30.00"));
        assertThat(s.draws()).containsExactly(
                new AccountDraw("P1", Money.of("100.00"), true),
                new AccountDraw("P2", Money.of("50.00"), false));
    }

    @Test
    void items_the_account_may_not_pay_are_paid_in_cash() {
        AccountSplit s = AccountSplit.split(Money.of("80.00"), Money.of("30.00"), true, List.of(OWN_100));

        assertThat(s.acctPay()).isEqualTo(Money.of("50.00"));
        assertThat(s.cash()).isEqualTo(Money.of("30.00"));
    }

    @Test
    void a_cash_only_part_larger_than_the_share_makes_it_all_cash() {
        AccountSplit s = AccountSplit.split(Money.of("20.00"), Money.of("30.00"), true, List.of(OWN_100));

        assertThat(s.acctPay()).isEqualTo(Money.ZERO);
        assertThat(s.cash()).isEqualTo(Money.of("20.00"));
    }

    @Test
    void without_the_account_flag_everything_is_cash() {
        AccountSplit s = AccountSplit.split(Money.of("80.00"), Money.ZERO, false, List.of(OWN_100));

        assertThat(s.acctPay()).isEqualTo(Money.ZERO);
        assertThat(s.cash()).isEqualTo(Money.of("80.00"));
        assertThat(s.draws()).isEmpty();
    }

    @Test
    void an_empty_account_draws_nothing_and_leaves_no_zero_draw() {
        AccountSource empty = new AccountSource("P1", Money.ZERO, true);

        AccountSplit s = AccountSplit.split(Money.of("10.00"), Money.ZERO, true, List.of(empty, SPOUSE_50));

        assertThat(s.draws()).containsExactly(new AccountDraw("P2", Money.of("10.00"), false));
        assertThat(s.mulaidPay()).isEqualTo(Money.of("10.00"));
    }

    @Test
    void negative_amounts_are_refused() {
        assertThatThrownBy(() -> AccountSplit.split(Money.of("-1.00"), Money.ZERO, true, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccountSplit.split(Money.ZERO, Money.of("-1.00"), true, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
