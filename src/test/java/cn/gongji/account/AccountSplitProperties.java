package cn.gongji.account;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.common.Money;
import cn.gongji.fixture.Gen;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** How a personal share is paid: accounts in payer order, then cash; it always adds back to the whole. */
class AccountSplitProperties {

    record Case(Money personalShare, Money cashOnly, boolean useAccount, List<AccountSource> sources) {
        AccountSplit split() {
            return AccountSplit.split(personalShare, cashOnly, useAccount, sources);
        }
    }

    @Property(tries = 2000)
    void account_and_cash_add_up_to_the_personal_share(@ForAll("cases") Case c) {
        AccountSplit s = c.split();

        assertThat(s.acctPay().plus(s.cash())).isEqualTo(c.personalShare());
        assertThat(s.draws().stream().map(AccountDraw::amount).reduce(Money.ZERO, Money::plus)).isEqualTo(s.acctPay());
        assertThat(s.acctPay().isNegative()).isFalse();
        assertThat(s.cash().isNegative()).isFalse();
    }

    @Property(tries = 2000)
    void no_draw_exceeds_what_its_account_has(@ForAll("cases") Case c) {
        AccountSplit s = c.split();

        for (AccountDraw d : s.draws()) {
            AccountSource src = c.sources().stream().filter(x -> x.psnNo().equals(d.psnNo())).findFirst().orElseThrow();
            assertThat(d.amount().isPositive()).isTrue();
            assertThat(d.amount()).isLessThanOrEqualTo(src.available());
            assertThat(d.own()).isEqualTo(src.own());
        }
        List<String> order = c.sources().stream().map(AccountSource::psnNo).toList();
        List<Integer> positions = s.draws().stream().map(d -> order.indexOf(d.psnNo())).toList();
        assertThat(positions).as("draws follow payer order").isSorted();
    }

    @Property(tries = 2000)
    void family_aid_is_part_of_the_account_payment(@ForAll("cases") Case c) {
        AccountSplit s = c.split();
        Money fromFamily = s.draws().stream().filter(d -> !d.own()).map(AccountDraw::amount).reduce(Money.ZERO, Money::plus);

        assertThat(s.mulaidPay()).isEqualTo(fromFamily);
        assertThat(s.mulaidPay()).isLessThanOrEqualTo(s.acctPay());
    }

    @Property(tries = 2000)
    void cash_covers_at_least_what_the_account_may_not_pay_and_never_more_than_the_share(@ForAll("cases") Case c) {
        AccountSplit s = c.split();

        assertThat(s.cash()).isGreaterThanOrEqualTo(c.cashOnly().min(c.personalShare()));
        assertThat(s.cash()).isLessThanOrEqualTo(c.personalShare());
        if (!c.useAccount()) {
            assertThat(s.acctPay()).isEqualTo(Money.ZERO);
            assertThat(s.draws()).isEmpty();
        }
    }

    @Property(tries = 2000)
    void the_accounts_pay_as_much_as_they_can(@ForAll("cases") Case c) {
        AccountSplit s = c.split();
        Money payable = c.useAccount() ? c.personalShare().minus(c.cashOnly().min(c.personalShare())) : Money.ZERO;
        Money available = c.sources().stream().map(x -> x.available().atLeastZero()).reduce(Money.ZERO, Money::plus);

        assertThat(s.acctPay()).isEqualTo(payable.min(available));
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Money> balance = Arbitraries.frequencyOf(List.of(
                net.jqwik.api.Tuple.of(6, Gen.money("0", "3000")),
                net.jqwik.api.Tuple.of(2, Gen.money("0", "5")),
                net.jqwik.api.Tuple.of(1, Gen.money("-10", "0"))));
        Arbitrary<List<AccountSource>> sources = Combinators.combine(
                        balance.injectNull(0.2), balance.list().ofMaxSize(3))
                .as((own, family) -> {
                    List<AccountSource> list = new ArrayList<>();
                    if (own != null) {
                        list.add(new AccountSource("SELF", own, true));
                    }
                    for (int i = 0; i < family.size(); i++) {
                        list.add(new AccountSource("FAMILY-" + i, family.get(i), false));
                    }
                    return List.copyOf(list);
                });
        return Combinators.combine(Gen.money("0", "5000"),
                        Arbitraries.oneOf(Arbitraries.just(Money.ZERO), Gen.money("0", "6000")),
                        Arbitraries.of(true, true, true, false), sources)
                .as(Case::new);
    }
}
