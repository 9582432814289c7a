package cn.gongji.account.db;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.account.EntryKind;
import cn.gongji.account.LedgerChecks;
import cn.gongji.account.LedgerRefused;
import cn.gongji.account.Posting;
import cn.gongji.common.Money;
import cn.gongji.support.ServiceIT;
import cn.gongji.web.AgencyClient;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@ServiceIT
class CreditRunIT {

    @LocalServerPort
    int port;

    @Autowired
    CreditRun run;

    @Autowired
    JdbcClient db;

    @Autowired
    Ledger ledger;

    AgencyClient api;

    @BeforeEach
    void setUp() {
        api = new AgencyClient(port);
    }

    @AfterEach
    void ledgerIsConsistent() {
        LedgerChecks.assertConsistent(db);
    }

    List<BigDecimal> credits(String psn, String month) {
        return db.sql("select amount from account_entry where psn_no = :p and kind = 'credit' and ref = :m")
                .param("p", psn).param("m", month).query(BigDecimal.class).list();
    }

    BigDecimal balance(String psn) {
        return db.sql("select balance from account where psn_no = :p").param("p", psn).query(BigDecimal.class).single();
    }

    @Test
    void the_credit_api_credits_two_percent_of_the_base_and_the_retired_amount_once() {
        String inService = api.newPerson("in_service"); // base 5000.00 from 2015-03
        String retired = api.newPerson("retired");
        var first = api.post("/api/admin/accounts/credits", "{\"month\":\"2025-01\"}");
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.json().get("credited").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(first.json().has("skipped")).isTrue();
        assertThat(first.json().get("failed").asInt()).isZero();
        assertThat(credits(inService, "2025-01")).singleElement().satisfies(a -> assertThat(a).isEqualByComparingTo("100.00"));
        assertThat(credits(retired, "2025-01")).singleElement().satisfies(a -> assertThat(a).isEqualByComparingTo("58.00"));

        var again = api.post("/api/admin/accounts/credits", "{\"month\":\"2025-01\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("credited").asInt()).isZero();
        assertThat(again.json().get("skipped_by_reason").get("already_credited").asInt())
                .isEqualTo(first.json().get("credited").asInt());
        assertThat(balance(inService)).isEqualByComparingTo("100.00");
        assertThat(balance(retired)).isEqualByComparingTo("58.00");
    }

    @Test
    void a_concurrent_double_run_credits_each_person_once() throws Exception {
        String a = api.newPerson("in_service");
        String b = api.newPerson("retired");
        YearMonth m = YearMonth.of(2025, 2);
        List<Callable<CreditSummary>> runs = List.of(
                () -> run.run(m, "it-1", line -> {}), () -> run.run(m, "it-2", line -> {}),
                () -> run.run(m, "it-3", line -> {}));
        List<CreditSummary> done = LedgerIT.runAll(runs);
        long entries = db.sql("select count(*) from account_entry where kind = 'credit' and ref = '2025-02'")
                .query(Long.class).single();
        assertThat(done.stream().mapToInt(CreditSummary::credited).sum()).isEqualTo((int) entries);
        assertThat(done.stream().mapToInt(CreditSummary::failed).sum()).isZero();
        assertThat(credits(a, "2025-02")).hasSize(1);
        assertThat(balance(a)).isEqualByComparingTo("100.00");
        assertThat(balance(b)).isEqualByComparingTo("58.00");
    }

    @Test
    void settlements_paying_during_a_credit_run_keep_the_balance_equal_to_the_sum_of_entries() throws Exception {
        String psn = api.newPerson("in_service");
        ledger.post(new Posting(psn, EntryKind.CORRECTION, Money.of("50.00"), "FUND", "test", "it", null, null));
        List<Callable<Object>> work = new ArrayList<>();
        work.add(() -> run.run(YearMonth.of(2025, 6), "it", line -> {}));
        for (int i = 0; i < 30; i++) {
            String ref = "S-during-" + i;
            work.add(() -> {
                try {
                    return ledger.post(new Posting(psn, EntryKind.PAYMENT, Money.of("-5.00"), ref, "settlement", "it", null, null));
                } catch (LedgerRefused e) {
                    return e.refusal().code();
                }
            });
        }
        LedgerIT.runAll(work);
        long paid = db.sql("select count(*) from account_entry where psn_no = :p and kind = 'payment'").param("p", psn)
                .query(Long.class).single();
        // 50.00 + the 100.00 credit, whenever it landed, pays at most 30 × 5.00
        assertThat(paid).isBetween(10L, 30L);
        assertThat(balance(psn)).isEqualByComparingTo(new BigDecimal("150.00").subtract(BigDecimal.valueOf(5 * paid)));
    }

    @Test
    void retirement_processed_on_may_20_credits_may_as_in_service_and_june_as_retired() {
        String psn = api.newPerson("in_service");
        var change = api.post("/api/admin/persons/" + psn + "/status-changes",
                "{\"status\":\"retired\",\"processed_date\":\"2026-05-20\"}");
        assertThat(change.status()).as(change.text()).isEqualTo(200);
        run.run(YearMonth.of(2026, 5), "it", line -> {});
        run.run(YearMonth.of(2026, 6), "it", line -> {});
        var rows = db.sql("""
                select ref, amount, reason from account_entry where psn_no = :p and kind = 'credit' order by ref
                """).param("p", psn).query((rs, i) -> rs.getString(1) + " " + rs.getBigDecimal(2) + " " + rs.getString(3)).list();
        assertThat(rows).containsExactly(
                "2026-05 100.00 monthly_credit_in_service",
                "2026-06 58.00 monthly_credit_retired");
    }

    @Test
    void the_base_in_force_is_the_latest_with_an_effective_month_not_after_the_credited_month() {
        String psn = api.newPerson("in_service");
        db.sql("insert into contribution_base (psn_no, effective_month, amount) values (:p, date '2025-04-01', 6543.21)")
                .param("p", psn).update();
        run.run(YearMonth.of(2025, 3), "it", line -> {});
        run.run(YearMonth.of(2025, 4), "it", line -> {});
        assertThat(credits(psn, "2025-03")).singleElement().satisfies(x -> assertThat(x).isEqualByComparingTo("100.00"));
        // 0.02 × 6543.21 = 130.8642 → 130.86
        assertThat(credits(psn, "2025-04")).singleElement().satisfies(x -> assertThat(x).isEqualByComparingTo("130.86"));
    }

    @Test
    void persons_without_a_base_or_with_a_closed_account_are_skipped_with_a_reason() {
        String noBase = api.newPerson("in_service");
        db.sql("delete from contribution_base where psn_no = :p").param("p", noBase).update();
        String closed = api.newPerson("in_service");
        db.sql("update account set status = 'closed', closed_reason = 'payout:death' where psn_no = :p").param("p", closed).update();
        CreditSummary s = run.run(YearMonth.of(2025, 5), "it", line -> {});
        assertThat(s.skippedByReason()).containsKeys("no_contribution_base", "account_closed");
        assertThat(credits(noBase, "2025-05")).isEmpty();
        assertThat(credits(closed, "2025-05")).isEmpty();
    }

    @Test
    void a_month_the_insurance_was_suspended_is_not_credited_even_after_it_was_reactivated() {
        // POLICY.md §5: the credit is the person's own contribution; a suspended month has none. Credited late,
        // after the reactivation, July must still be skipped (the run read only person.paus_insu_date)
        String psn = api.newPerson("in_service");
        for (String change : new String[] {"{\"status\":\"suspended\",\"effective_date\":\"2025-07-01\"}",
                "{\"status\":\"active\",\"effective_date\":\"2025-08-01\"}"}) {
            var a = api.post("/api/admin/persons/" + psn + "/insurance-status", change);
            assertThat(a.status()).as(a.text()).isEqualTo(200);
        }
        CreditSummary july = run.run(YearMonth.of(2025, 7), "it", line -> {});
        assertThat(july.skippedByReason()).containsKey("insurance_suspended");
        assertThat(credits(psn, "2025-07")).isEmpty();
        run.run(YearMonth.of(2025, 8), "it", line -> {});
        assertThat(credits(psn, "2025-08")).singleElement().satisfies(x -> assertThat(x).isEqualByComparingTo("100.00"));
    }

    @Test
    void a_month_before_the_scheme_is_refused_by_the_api() {
        var a = api.post("/api/admin/accounts/credits", "{\"month\":\"2021-12\"}");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.text()).contains("month");
        var bad = api.post("/api/admin/accounts/credits", "{\"month\":\"2026-13\"}");
        assertThat(bad.status()).isEqualTo(400);
    }

    @Test
    void a_month_that_has_not_begun_is_refused_and_nothing_is_credited() {
        api.newPerson("in_service");
        String next = YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).plusMonths(1).toString();
        var a = api.post("/api/admin/accounts/credits", "{\"month\":\"" + next + "\"}");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.json().path("errors").get(0).path("field").asString()).isEqualTo("month");
        assertThat(a.text()).contains("has not begun");
        assertThat(db.sql("select count(*) from account_entry where kind = 'credit' and ref = :m").param("m", next)
                .query(Long.class).single()).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run.run(YearMonth.parse(next).plusYears(5), "it", line -> {}))
                .isInstanceOf(CreditRun.MonthNotBegun.class);
    }
}
