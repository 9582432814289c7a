package cn.gongji.account.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gongji.account.AccountSource;
import cn.gongji.account.EntryKind;
import cn.gongji.account.LedgerChecks;
import cn.gongji.account.LedgerRefused;
import cn.gongji.account.Posting;
import cn.gongji.common.Money;
import cn.gongji.support.ServiceIT;
import cn.gongji.web.AgencyClient;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@ServiceIT
class LedgerIT {

    @LocalServerPort
    int port;

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcClient db;

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager tm;

    AgencyClient api;

    @BeforeEach
    void setUp() {
        api = new AgencyClient(port);
    }

    @AfterEach
    void ledgerIsConsistent() {
        LedgerChecks.assertConsistent(db);
    }

    static Posting posting(String psn, EntryKind kind, String amount, String ref) {
        return new Posting(psn, kind, Money.of(amount), ref, "test", "ledger-it", null, null);
    }

    Money balance(String psn) {
        return Money.of(db.sql("select balance from account where psn_no = :p").param("p", psn)
                .query(java.math.BigDecimal.class).single());
    }

    long entries(String psn) {
        return db.sql("select count(*) from account_entry where psn_no = :p").param("p", psn).query(Long.class).single();
    }

    @Test
    void many_concurrent_payments_draining_one_account_never_overdraw() throws Exception {
        String psn = api.newPerson("in_service");
        ledger.post(posting(psn, EntryKind.CREDIT, "100.00", "2030-01"));
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String ref = "S-drain-" + i;
            calls.add(() -> {
                try {
                    ledger.post(posting(psn, EntryKind.PAYMENT, "-7.00", ref));
                    return true;
                } catch (LedgerRefused e) {
                    assertThat(e.refusal().code()).isEqualTo("insufficient_balance");
                    return false;
                }
            });
        }
        long paid = runAll(calls).stream().filter(b -> b).count();
        assertThat(paid).isEqualTo(14); // 14 × 7.00 = 98.00 ≤ 100.00 < 15 × 7.00
        assertThat(balance(psn)).isEqualTo(Money.of("2.00"));
        assertThat(entries(psn)).isEqualTo(15);
    }

    @Test
    void two_family_members_paying_from_one_holders_account_at_once_never_overdraw() throws Exception {
        String holder = api.newPerson("in_service");
        String a = api.newPerson("in_service");
        String b = api.newPerson("in_service");
        ledger.post(posting(holder, EntryKind.CREDIT, "50.00", "2030-01"));
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String member = i % 2 == 0 ? a : b;
            String ref = "S-fam-" + i;
            calls.add(() -> {
                try {
                    ledger.post(List.of(new Posting(holder, EntryKind.FAMILY_PAYMENT, Money.of("-6.00"), ref, "settlement",
                            "ledger-it", member, null)));
                    return true;
                } catch (LedgerRefused e) {
                    return false;
                }
            });
        }
        assertThat(runAll(calls).stream().filter(x -> x).count()).isEqualTo(8);
        assertThat(balance(holder)).isEqualTo(Money.of("2.00"));
    }

    @Test
    void the_same_posting_sent_concurrently_is_applied_once() throws Exception {
        String psn = api.newPerson("in_service");
        ledger.post(posting(psn, EntryKind.CREDIT, "100.00", "2030-01"));
        List<Callable<Ledger.Result>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(() -> ledger.post(posting(psn, EntryKind.PAYMENT, "-30.00", "S-same")));
        }
        List<Ledger.Result> results = runAll(calls);
        assertThat(results.stream().filter(r -> !r.replayed()).count()).isEqualTo(1);
        assertThat(results.stream().map(r -> r.entry().entryId()).distinct().count()).isEqualTo(1);
        assertThat(balance(psn)).isEqualTo(Money.of("70.00"));
    }

    @Test
    void a_batch_with_one_refused_posting_writes_nothing() {
        String own = api.newPerson("in_service");
        String holder = api.newPerson("in_service");
        ledger.post(posting(own, EntryKind.CREDIT, "10.00", "2030-01"));
        assertThatThrownBy(() -> ledger.post(List.of(
                posting(own, EntryKind.PAYMENT, "-10.00", "S-batch"),
                new Posting(holder, EntryKind.FAMILY_PAYMENT, Money.of("-5.00"), "S-batch", "settlement", "it", own, null))))
                .isInstanceOfSatisfying(LedgerRefused.class, e -> assertThat(e.refusal().psnNo()).isEqualTo(holder));
        assertThat(balance(own)).isEqualTo(Money.of("10.00"));
        assertThat(entries(own)).isEqualTo(1);
    }

    @Test
    void postings_on_the_callers_connection_commit_and_roll_back_with_the_caller() throws Exception {
        String psn = api.newPerson("in_service");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            ledger.post(c, List.of(posting(psn, EntryKind.CREDIT, "20.00", "2030-02")));
            c.rollback();
            ledger.post(c, List.of(posting(psn, EntryKind.CREDIT, "30.00", "2030-03")));
            c.commit();
            c.setAutoCommit(true);
        }
        assertThat(balance(psn)).isEqualTo(Money.of("30.00"));
        assertThat(entries(psn)).isEqualTo(1);
    }

    @Test
    void postings_join_the_callers_spring_transaction() {
        String psn = api.newPerson("in_service");
        new TransactionTemplate(tm).executeWithoutResult(s -> {
            ledger.post(posting(psn, EntryKind.CREDIT, "20.00", "2030-02"));
            s.setRollbackOnly();
        });
        assertThat(entries(psn)).isZero();
        assertThat(balance(psn)).isEqualTo(Money.ZERO);
    }

    @Test
    void a_january_settlement_spends_the_december_balance() {
        String psn = api.newPerson("in_service");
        ledger.post(posting(psn, EntryKind.CREDIT, "100.00", "2030-12"));
        Ledger.Result jan = ledger.post(new Posting(psn, EntryKind.PAYMENT, Money.of("-100.00"), "S20310103000001",
                "settlement", "his", null, "2031-01-03 visit"));
        assertThat(jan.entry().balanceAfter()).isEqualTo(Money.ZERO);
    }

    @Test
    void the_payers_are_the_own_account_then_the_binding_holders_in_binding_order() {
        String patient = api.newPerson("in_service");
        String mother = api.newPerson("retired");
        String son = api.newPerson("in_service");
        bind(son, patient, "parent");
        bind(mother, patient, "child");
        ledger.post(posting(mother, EntryKind.CREDIT, "58.00", "2030-01"));
        List<AccountSource> payers = new TransactionTemplate(tm).execute(s -> ledger.lockPayers(patient));
        assertThat(payers).containsExactly(
                new AccountSource(patient, Money.ZERO, true),
                new AccountSource(son, Money.ZERO, false),
                new AccountSource(mother, Money.of("58.00"), false));
    }

    @Test
    void a_closed_account_is_not_a_payer() {
        String patient = api.newPerson("in_service");
        String holder = api.newPerson("in_service");
        bind(holder, patient, "spouse");
        ledger.post(Posting.wholeBalance(holder, EntryKind.PAYOUT, "D-1", "death", "it", null));
        assertThat(ledger.lockPayers(patient)).extracting(AccountSource::psnNo).containsExactly(patient);
    }

    private void bind(String holder, String member, String relation) {
        var a = api.post("/api/admin/persons/" + holder + "/family-bindings",
                "{\"member_psn_no\":\"" + member + "\",\"relation\":\"" + relation + "\"}");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
    }

    static <T> List<T> runAll(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<T> out = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(calls)) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }
}
