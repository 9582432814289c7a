package cn.gongji.account;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.account.MonthlyCredit.Credit;
import cn.gongji.account.MonthlyCredit.Skip;
import cn.gongji.account.MonthlyCredit.SkipReason;
import cn.gongji.benefit.StatusChange;
import cn.gongji.common.Money;
import cn.gongji.policy.Level;
import cn.gongji.policy.PersonStatus;
import cn.gongji.policy.PolicyVersion;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonthlyCreditTest {

    static final String P = "41130000000000000001";

    static PolicyVersion policy() {
        Map<Level, Money> deductible = new EnumMap<>(Level.class);
        Map<Level, Map<PersonStatus, BigDecimal>> ratio = new EnumMap<>(Level.class);
        for (Level l : Level.values()) {
            deductible.put(l, Money.ZERO);
            ratio.put(l, Map.of(PersonStatus.IN_SERVICE, new BigDecimal("0.5"), PersonStatus.RETIRED, new BigDecimal("0.6")));
        }
        return new PolicyVersion("NY-2022-07", LocalDate.of(2022, 7, 1), "t", deductible, ratio,
                Map.of(PersonStatus.IN_SERVICE, Money.of("1500"), PersonStatus.RETIRED, Money.of("2000")),
                Duration.ofHours(24), new BigDecimal("0.02"), Money.of("58.00"));
    }

    static CreditFacts facts(List<StatusChange> history, String base) {
        return new CreditFacts(P, LocalDate.of(2015, 3, 20), null, history, base == null ? null : Money.of(base),
                AccountState.Status.OPEN);
    }

    static final List<StatusChange> IN_SERVICE = List.of(new StatusChange(PersonStatus.IN_SERVICE, LocalDate.of(2015, 3, 20), true));

    @Test
    void an_in_service_person_gets_two_percent_of_the_base_in_force() {
        var d = MonthlyCredit.decide(YearMonth.of(2026, 11), policy(), facts(IN_SERVICE, "5000.00"));
        assertThat(d).isInstanceOfSatisfying(Credit.class, c -> {
            assertThat(c.amount()).isEqualTo(Money.of("100.00"));
            assertThat(c.reason()).isEqualTo("monthly_credit_in_service");
            assertThat(c.memo()).contains("0.02 × base 5000.00 = 100.00");
        });
    }

    @Test
    void the_in_service_credit_is_rounded_half_up_to_the_fen() {
        // 0.02 × 4321.25 = 86.425 → 86.43; 0.02 × 4321.24 = 86.4248 → 86.42
        assertThat(((Credit) MonthlyCredit.decide(YearMonth.of(2026, 11), policy(), facts(IN_SERVICE, "4321.25"))).amount())
                .isEqualTo(Money.of("86.43"));
        assertThat(((Credit) MonthlyCredit.decide(YearMonth.of(2026, 11), policy(), facts(IN_SERVICE, "4321.24"))).amount())
                .isEqualTo(Money.of("86.42"));
    }

    @Test
    void a_retired_person_gets_the_fixed_amount_whatever_the_base() {
        var retired = List.of(new StatusChange(PersonStatus.RETIRED, LocalDate.of(2010, 1, 1), true));
        var d = (Credit) MonthlyCredit.decide(YearMonth.of(2026, 11), policy(), facts(retired, "9000.00"));
        assertThat(d.amount()).isEqualTo(Money.of("58.00"));
        assertThat(d.status()).isEqualTo(PersonStatus.RETIRED);
    }

    @Test
    void retirement_processed_on_may_20_credits_may_as_in_service_and_june_as_retired() {
        var history = List.of(
                new StatusChange(PersonStatus.IN_SERVICE, LocalDate.of(2015, 3, 20), true),
                new StatusChange(PersonStatus.RETIRED, LocalDate.of(2026, 5, 20), false));
        var may = (Credit) MonthlyCredit.decide(YearMonth.of(2026, 5), policy(), facts(history, "6000.00"));
        var june = (Credit) MonthlyCredit.decide(YearMonth.of(2026, 6), policy(), facts(history, "6000.00"));
        assertThat(may.amount()).isEqualTo(Money.of("120.00"));
        assertThat(may.status()).isEqualTo(PersonStatus.IN_SERVICE);
        assertThat(june.amount()).isEqualTo(Money.of("58.00"));
        assertThat(june.status()).isEqualTo(PersonStatus.RETIRED);
    }

    @Test
    void a_change_processed_on_the_first_of_a_month_takes_effect_the_next_month() {
        var history = List.of(
                new StatusChange(PersonStatus.IN_SERVICE, LocalDate.of(2015, 3, 20), true),
                new StatusChange(PersonStatus.RETIRED, LocalDate.of(2026, 6, 1), false));
        assertThat(((Credit) MonthlyCredit.decide(YearMonth.of(2026, 6), policy(), facts(history, "6000.00"))).status())
                .isEqualTo(PersonStatus.IN_SERVICE);
    }

    @Test
    void persons_are_skipped_with_a_reason() {
        YearMonth m = YearMonth.of(2026, 11);
        assertThat(MonthlyCredit.decide(m, policy(), facts(IN_SERVICE, null)))
                .isEqualTo(new Skip(P, SkipReason.NO_CONTRIBUTION_BASE));
        assertThat(MonthlyCredit.decide(m, policy(), facts(IN_SERVICE, "0.00")))
                .isEqualTo(new Skip(P, SkipReason.ZERO_CREDIT));
        assertThat(MonthlyCredit.decide(m, policy(), new CreditFacts(P, LocalDate.of(2026, 12, 1), null, IN_SERVICE,
                Money.of("5000"), AccountState.Status.OPEN))).isEqualTo(new Skip(P, SkipReason.NOT_YET_INSURED));
        assertThat(MonthlyCredit.decide(m, policy(), new CreditFacts(P, LocalDate.of(2015, 3, 20), LocalDate.of(2026, 10, 15),
                IN_SERVICE, Money.of("5000"), AccountState.Status.OPEN))).isEqualTo(new Skip(P, SkipReason.INSURANCE_SUSPENDED));
        assertThat(MonthlyCredit.decide(m, policy(), new CreditFacts(P, LocalDate.of(2015, 3, 20), null, IN_SERVICE,
                Money.of("5000"), AccountState.Status.CLOSED))).isEqualTo(new Skip(P, SkipReason.ACCOUNT_CLOSED));
    }

    @Test
    void a_person_insured_during_the_month_is_credited_that_month() {
        var d = MonthlyCredit.decide(YearMonth.of(2026, 11), policy(), new CreditFacts(P, LocalDate.of(2026, 11, 30), null,
                IN_SERVICE, Money.of("5000"), AccountState.Status.OPEN));
        assertThat(d).isInstanceOf(Credit.class);
    }
}
