package cn.gongji.account.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.account.EntryKind;
import cn.gongji.account.LedgerChecks;
import cn.gongji.account.Posting;
import cn.gongji.account.db.Ledger;
import cn.gongji.common.Money;
import cn.gongji.support.ServiceIT;
import cn.gongji.web.AgencyClient;
import cn.gongji.web.AgencyClient.Answer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@ServiceIT
class AccountApiIT {

    @LocalServerPort
    int port;

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

    String path(String psn, String rest) {
        return "/api/admin/persons/" + psn + "/account" + rest;
    }

    /** Everything a refused call must leave unchanged. */
    List<Object> snapshot() {
        return List.of(
                db.sql("select count(*) from account_entry").query(Long.class).single(),
                // a bare sum() (null when no account): on a sharded store ShardingSphere adds it up over the nodes
                db.sql("select sum(balance) from account").query(java.math.BigDecimal.class).list(),
                db.sql("select count(*) from account where status = 'closed'").query(Long.class).single());
    }

    static void assertProblem(Answer a, int status, String type) {
        assertThat(a.status()).as(a.text()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/problem+json");
        if (type != null) {
            assertThat(a.json().get("type").asString()).endsWith("/" + type);
        }
    }

    String funded(String amount) {
        String psn = api.newPerson("in_service");
        Answer a = api.post(path(psn, "/corrections"),
                "{\"amount\":" + amount + ",\"reason\":\"opening test funds\",\"ref\":\"FUND-1\"}");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        return psn;
    }

    void bind(String holder, String member) {
        Answer a = api.post("/api/admin/persons/" + holder + "/family-bindings",
                "{\"member_psn_no\":\"" + member + "\",\"relation\":\"child\"}");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
    }

    @Test
    void the_account_answers_balance_and_entries() {
        String psn = funded("80.00");
        Answer a = api.get(path(psn, ""));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("balance").decimalValue()).isEqualByComparingTo("80.00");
        var e = a.json().get("entries").get(0);
        assertThat(e.get("kind").asString()).isEqualTo("correction");
        assertThat(e.get("amount").decimalValue()).isEqualByComparingTo("80.00");
        assertThat(e.get("balance_after").decimalValue()).isEqualByComparingTo("80.00");
        assertThat(e.get("ref").asString()).isEqualTo("FUND-1");
        assertThat(e.get("actor").asString()).isEqualTo("agency-api");
    }

    @Test
    void an_unknown_person_is_not_found_and_a_call_without_the_token_is_unauthorized() {
        assertProblem(api.get(path("41139999999999999998", "")), 404, "not-found");
        Answer noToken = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path("41130000000000000001", "")))
                .GET());
        assertThat(noToken.status()).isEqualTo(401);
    }

    @Test
    void a_bound_members_resident_insurance_is_paid_from_the_holders_account() {
        String holder = funded("500.00");
        String member = api.newPerson("in_service");
        bind(holder, member);
        String body = "{\"kind\":\"resident_insurance\",\"member_psn_no\":\"" + member
                + "\",\"amount\":380.00,\"year\":2027,\"ref\":\"RI-2027-1\"}";
        Answer a = api.post(path(holder, "/contributions"), body);
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(a.json().get("replayed").asBoolean()).isFalse();
        var e = a.json().get("entry");
        assertThat(e.get("kind").asString()).isEqualTo("contribution");
        assertThat(e.get("reason").asString()).isEqualTo("resident_insurance");
        assertThat(e.get("amount").decimalValue()).isEqualByComparingTo("-380.00");
        assertThat(e.get("counterparty_psn_no").asString()).isEqualTo(member);
        assertThat(a.json().get("balance").decimalValue()).isEqualByComparingTo("120.00");

        Answer again = api.post(path(holder, "/contributions"), body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("replayed").asBoolean()).isTrue();
        assertThat(again.json().get("entry").get("entry_id").asLong()).isEqualTo(e.get("entry_id").asLong());
        assertThat(api.get(path(holder, "")).json().get("balance").decimalValue()).isEqualByComparingTo("120.00");
    }

    @Test
    void the_holders_own_large_amount_insurance_is_paid_from_the_account() {
        String holder = funded("200.00");
        Answer a = api.post(path(holder, "/contributions"),
                "{\"kind\":\"large_amount\",\"amount\":150.00,\"year\":2027,\"ref\":\"LA-2027\"}");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(a.json().get("entry").get("reason").asString()).isEqualTo("large_amount");
    }

    @Test
    void contributions_that_break_a_rule_are_refused_and_change_nothing() {
        String holder = funded("100.00");
        String stranger = api.newPerson("in_service");
        String member = api.newPerson("in_service");
        bind(holder, member);
        List<Object> before = snapshot();
        assertProblem(api.post(path(holder, "/contributions"), "{\"kind\":\"resident_insurance\",\"member_psn_no\":\""
                + stranger + "\",\"amount\":10.00,\"year\":2027,\"ref\":\"RI-X\"}"), 400, "invalid-request");
        assertProblem(api.post(path(holder, "/contributions"),
                "{\"kind\":\"resident_insurance\",\"amount\":10.00,\"year\":2027,\"ref\":\"RI-X\"}"), 400, "invalid-request");
        assertProblem(api.post(path(holder, "/contributions"), "{\"kind\":\"large_amount\",\"member_psn_no\":\""
                + member + "\",\"amount\":10.00,\"year\":2027,\"ref\":\"RI-X\"}"), 400, "invalid-request");
        assertProblem(api.post(path(holder, "/contributions"),
                "{\"kind\":\"large_amount\",\"amount\":-5,\"year\":2027,\"ref\":\"RI-X\"}"), 400, "invalid-request");
        Answer tooMuch = api.post(path(holder, "/contributions"), "{\"kind\":\"resident_insurance\",\"member_psn_no\":\""
                + member + "\",\"amount\":100.01,\"year\":2027,\"ref\":\"RI-Y\"}");
        assertProblem(tooMuch, 409, "insufficient-balance");
        assertThat(tooMuch.json().get("detail").asString()).contains("差 0.01").contains("short by 0.01");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void an_unbound_member_can_no_longer_be_paid_for() {
        String holder = funded("100.00");
        String member = api.newPerson("in_service");
        Answer b = api.post("/api/admin/persons/" + holder + "/family-bindings",
                "{\"member_psn_no\":\"" + member + "\",\"relation\":\"spouse\"}");
        api.delete("/api/admin/persons/" + holder + "/family-bindings/" + b.field("binding_id"));
        assertProblem(api.post(path(holder, "/contributions"), "{\"kind\":\"resident_insurance\",\"member_psn_no\":\""
                + member + "\",\"amount\":10.00,\"year\":2027,\"ref\":\"RI-Z\"}"), 400, "invalid-request");
    }

    @Test
    void a_transfer_out_moves_the_balance_away_and_closes_the_account_which_then_refuses_payments() {
        String psn = funded("321.09");
        Answer out = api.post(path(psn, "/transfer-out"), "{\"ref\":\"TO-1\",\"to_admdvs\":\"410100\"}");
        assertThat(out.status()).as(out.text()).isEqualTo(200);
        assertThat(out.json().get("entry").get("amount").decimalValue()).isEqualByComparingTo("-321.09");
        assertThat(out.json().get("entry").get("memo").asString()).contains("410100");
        Answer acct = api.get(path(psn, ""));
        assertThat(acct.json().get("status").asString()).isEqualTo("closed");
        assertThat(acct.json().get("balance").decimalValue()).isEqualByComparingTo("0");

        List<Object> before = snapshot();
        Answer refused = api.post(path(psn, "/contributions"),
                "{\"kind\":\"large_amount\",\"amount\":1.00,\"year\":2027,\"ref\":\"LA-1\"}");
        assertProblem(refused, 409, "account-closed");
        assertThat(refused.json().get("detail").asString()).contains("已关闭").contains("is closed");
        assertThatLedgerRefusesPayment(psn);
        assertThat(snapshot()).isEqualTo(before);
    }

    private void assertThatLedgerRefusesPayment(String psn) {
        try {
            ledger.post(new Posting(psn, EntryKind.PAYMENT, Money.of("-1.00"), "S-closed", "settlement", "his", null, null));
            throw new AssertionError("a closed account paid");
        } catch (cn.gongji.account.LedgerRefused e) {
            assertThat(e.refusal().code()).isEqualTo("account_closed");
        }
    }

    @Test
    void a_transfer_in_opens_or_reopens_the_account() {
        String psn = funded("10.00");
        api.post(path(psn, "/transfer-out"), "{\"ref\":\"TO-1\",\"to_admdvs\":\"410100\"}");
        Answer in = api.post(path(psn, "/transfer-in"), "{\"amount\":456.78,\"ref\":\"TI-1\",\"from_admdvs\":\"410100\"}");
        assertThat(in.status()).as(in.text()).isEqualTo(200);
        Answer acct = api.get(path(psn, ""));
        assertThat(acct.json().get("status").asString()).isEqualTo("open");
        assertThat(acct.json().get("balance").decimalValue()).isEqualByComparingTo("456.78");

        String fresh = api.newPerson("in_service");
        db.sql("delete from account where psn_no = :p").param("p", fresh).update();
        assertThat(api.get(path(fresh, "")).json().get("status").asString()).isEqualTo("none");
        Answer opened = api.post(path(fresh, "/transfer-in"), "{\"amount\":12.00,\"ref\":\"TI-9\",\"from_admdvs\":\"410200\"}");
        assertThat(opened.status()).as(opened.text()).isEqualTo(200);
        assertThat(api.get(path(fresh, "")).json().get("status").asString()).isEqualTo("open");
    }

    @Test
    void a_payout_on_death_is_paid_once_and_closes_the_account() {
        String psn = funded("88.88");
        String body = "{\"reason\":\"death\",\"payee_name\":\"张小明\",\"payee_account\":\"6222000000000001\",\"ref\":\"PO-1\","
                + "\"died_on\":\"2026-11-20\"}";
        List<Object> untouched = snapshot();
        assertProblem(api.post(path(psn, "/payout"), body.replace(",\"died_on\":\"2026-11-20\"", "")), 400, "invalid-request");
        assertProblem(api.post(path(psn, "/payout"), body.replace("death", "emigration")), 400, "invalid-request");
        assertProblem(api.post(path(psn, "/payout"), body.replace("2026-11-20", "2099-01-01")), 400, "invalid-request");
        assertThat(snapshot()).isEqualTo(untouched);
        assertThat(deathOf(psn)).isEmpty();
        Answer first = api.post(path(psn, "/payout"), body);
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.json().get("entry").get("amount").decimalValue()).isEqualByComparingTo("-88.88");
        assertThat(first.json().get("entry").get("reason").asString()).isEqualTo("death");
        Answer again = api.post(path(psn, "/payout"), body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("replayed").asBoolean()).isTrue();
        List<Object> before = snapshot();
        assertProblem(api.post(path(psn, "/payout"), body.replace("PO-1", "PO-2")), 409, "account-closed");
        assertProblem(api.post(path(psn, "/payout"), body.replace("death", "lottery")), 400, "invalid-request");
        assertThat(snapshot()).isEqualTo(before);
        // the death is on record with the payout, so rule R12 refuses later charges (SettlementFlowIT tests R12 itself)
        assertThat(deathOf(psn)).containsExactly("2026-11-20 payout PO-1");
    }

    @Test
    void a_payout_on_death_without_a_date_takes_the_death_already_reported() {
        String psn = funded("12.00");
        Answer reported = api.post("/api/admin/supervision/deaths",
                "{\"psn_no\":\"" + psn + "\",\"died_on\":\"2026-11-18\",\"source\":\"民政比对\"}");
        assertThat(reported.status()).as(reported.text()).isEqualTo(200);
        Answer paid = api.post(path(psn, "/payout"),
                "{\"reason\":\"death\",\"payee_name\":\"张小明\",\"payee_account\":\"6222000000000001\",\"ref\":\"PO-9\"}");
        assertThat(paid.status()).as(paid.text()).isEqualTo(200);
        assertThat(deathOf(psn)).containsExactly("2026-11-18 民政比对");
    }

    private List<String> deathOf(String psn) {
        return db.sql("select died_on || ' ' || source from person_death where psn_no = :p").param("p", psn)
                .query(String.class).list();
    }

    @Test
    void corrections_are_new_entries_and_cannot_take_the_balance_below_zero() {
        String psn = funded("50.00");
        Answer down = api.post(path(psn, "/corrections"), "{\"amount\":-20.50,\"reason\":\"double credit 2026-03\",\"ref\":\"C-2\"}");
        assertThat(down.status()).as(down.text()).isEqualTo(200);
        assertThat(down.json().get("balance").decimalValue()).isEqualByComparingTo("29.50");
        List<Object> before = snapshot();
        assertProblem(api.post(path(psn, "/corrections"), "{\"amount\":-29.51,\"reason\":\"x\",\"ref\":\"C-3\"}"),
                409, "insufficient-balance");
        assertProblem(api.post(path(psn, "/corrections"), "{\"amount\":0,\"reason\":\"x\",\"ref\":\"C-4\"}"),
                400, "invalid-request");
        assertProblem(api.post(path(psn, "/corrections"), "{\"amount\":1.005,\"reason\":\"x\",\"ref\":\"C-5\"}"),
                400, "invalid-request");
        assertProblem(api.post(path(psn, "/corrections"), "{\"amount\":-1.00,\"reason\":\"x\",\"ref\":\"C-2\"}"),
                409, "reference-reused");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void a_statement_shows_opening_balance_entries_and_closing_balance() {
        String psn = funded("60.00");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        api.post(path(psn, "/corrections"), "{\"amount\":-10.00,\"reason\":\"x\",\"ref\":\"C-2\"}");
        Answer s = api.get(path(psn, "/statement?from=" + today + "&to=" + today));
        assertThat(s.status()).as(s.text()).isEqualTo(200);
        assertThat(s.json().get("opening_balance").decimalValue()).isEqualByComparingTo("0");
        assertThat(s.json().get("entries").size()).isEqualTo(2);
        assertThat(s.json().get("closing_balance").decimalValue()).isEqualByComparingTo("50.00");
        Answer later = api.get(path(psn, "/statement?from=" + today.plusDays(1) + "&to=" + today.plusDays(30)));
        assertThat(later.json().get("opening_balance").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(later.json().get("entries").size()).isZero();
        assertProblem(api.get(path(psn, "/statement?from=" + today + "&to=" + today.minusDays(1))), 400, "invalid-request");
        assertProblem(api.get(path(psn, "/statement?from=2026-02-30&to=" + today)), 400, null);
    }

    @Test
    void the_year_figures_separate_own_spending_family_spending_and_contributions() {
        String holder = funded("500.00");
        String child = funded("20.00");
        bind(holder, child);
        ledger.post(List.of(
                new Posting(child, EntryKind.PAYMENT, Money.of("-20.00"), "S-Y1", "settlement", "his", null, null),
                new Posting(holder, EntryKind.FAMILY_PAYMENT, Money.of("-35.00"), "S-Y1", "settlement", "his", child, null)));
        ledger.post(new Posting(holder, EntryKind.PAYMENT, Money.of("-12.00"), "S-Y2", "settlement", "his", null, null));
        ledger.post(new Posting(holder, EntryKind.REFUND, Money.of("12.00"), "S-Y2", "settlement_cancel", "his", null, null));
        api.post(path(holder, "/contributions"), "{\"kind\":\"resident_insurance\",\"member_psn_no\":\"" + child
                + "\",\"amount\":380.00,\"year\":2027,\"ref\":\"RI-1\"}");
        int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();

        var h = api.get(path(holder, "/year?year=" + year)).json();
        assertThat(h.get("spent_self").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(h.get("spent_for_family").decimalValue()).isEqualByComparingTo("35.00");
        assertThat(h.get("contributions").decimalValue()).isEqualByComparingTo("380.00");
        assertThat(h.get("balance").decimalValue()).isEqualByComparingTo("85.00");

        var c = api.get(path(child, "/year?year=" + year)).json();
        assertThat(c.get("spent_self").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(c.get("spent_by_family_for_person").decimalValue()).isEqualByComparingTo("35.00");
        assertThat(c.get("balance").decimalValue()).isEqualByComparingTo("0.00");
        assertProblem(api.get(path(child, "/year?year=1999")), 400, "invalid-request");
    }

    @Test
    void a_balance_taken_over_from_the_previous_system_opens_the_year_and_the_statement_and_is_no_correction() {
        String psn = api.newPerson("retired");
        ledger.post(new Posting(psn, EntryKind.OPENING_BALANCE, Money.of("300.00"), "MIG-1", "migration", "import",
                null, "taken over at go-live"));
        api.post(path(psn, "/corrections"), "{\"amount\":-10.00,\"reason\":\"x\",\"ref\":\"C-OB\"}");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

        var y = api.get(path(psn, "/year?year=" + today.getYear())).json();
        assertThat(y.get("opening_balance").decimalValue()).isEqualByComparingTo("300.00");
        assertThat(y.get("corrections").decimalValue()).as("only the correction").isEqualByComparingTo("-10.00");
        assertThat(y.get("balance").decimalValue()).isEqualByComparingTo("290.00");

        var s = api.get(path(psn, "/statement?from=" + today.withDayOfYear(1) + "&to=" + today)).json();
        assertThat(s.get("opening_balance").decimalValue()).as("as the year figures").isEqualByComparingTo("300.00");
        assertThat(s.get("entries").size()).as("the take-over is the opening, not a movement").isEqualTo(1);
        assertThat(s.get("entries").get(0).get("kind").asString()).isEqualTo("correction");
        assertThat(s.get("closing_balance").decimalValue()).isEqualByComparingTo("290.00");
        var later = api.get(path(psn, "/statement?from=" + today.plusDays(1) + "&to=" + today.plusDays(2))).json();
        assertThat(later.get("opening_balance").decimalValue()).isEqualByComparingTo("290.00");
        assertThat(api.get(path(psn, "")).json().get("balance").decimalValue()).isEqualByComparingTo("290.00");
    }
}
