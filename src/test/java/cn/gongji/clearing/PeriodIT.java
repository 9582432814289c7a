package cn.gongji.clearing;

import static cn.gongji.clearing.ClearingSteps.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gongji.clearing.db.StatementService;
import cn.gongji.support.HisClient;
import cn.gongji.support.Invariants;
import cn.gongji.support.RefData;
import cn.gongji.support.ServiceIT;
import cn.gongji.web.AgencyClient;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Periods, frozen statements, late postings, recoveries, and the fund-share invariant. */
@ServiceIT
class PeriodIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;

    @Autowired
    StatementService statements;

    RefData ref;
    ClearingFixture fx;
    AgencyClient api;
    final YearMonth m0 = YearMonth.now(HisClient.ZONE);
    final YearMonth m1 = m0.minusMonths(1);
    final YearMonth m2 = m0.minusMonths(2);

    @BeforeEach
    void setUp() {
        ref = new RefData(db);
        fx = new ClearingFixture(db);
        api = new AgencyClient(port);
    }

    @AfterEach
    void invariants() {
        Invariants.check(db);
    }

    AgencyClient.Answer close(YearMonth m, String inst) {
        return api.post("/api/admin/clearing/periods/close", "{\"month\":\"" + m + "\",\"fixmedins_code\":\"" + inst + "\"}");
    }

    JsonNode statement(String inst, YearMonth m) {
        AgencyClient.Answer a = api.get("/api/admin/clearing/statements/" + inst + "/11/" + m);
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        return a.json();
    }

    @Test
    void a_closed_statement_never_changes_and_what_comes_later_lands_in_the_next_open_period() {
        RefData.Inst inst = ref.hospital("L1");
        HisClient his = new HisClient("http://127.0.0.1:" + port, inst.code(), inst.secret());
        String psn = ref.person("in_service");
        String a = fx.settle(inst.code(), psn, ClearingFixture.at(m2, 5), "60.00", null);
        fx.settle(inst.code(), psn, ClearingFixture.at(m2, 10), "40.00", null);
        JsonNode c = visit(his, psn, ref.classA(), "100.00", null);   // L1 in-service: fund 60.00
        fx.backdate(c.path("setl_id").asString(), ClearingFixture.at(m2, 20));

        AgencyClient.Answer closed = close(m2, inst.code());
        assertThat(closed.status()).as(closed.text()).isEqualTo(200);
        assertThat(closed.json().path("closed")).hasSize(1);
        String frozen = api.get("/api/admin/clearing/statements/" + inst.code() + "/11/" + m2).text();
        JsonNode s2 = statement(inst.code(), m2);
        assertThat(s2.path("status").asString()).isEqualTo("closed");
        assertThat(s2.path("settlements").path("count").asLong()).isEqualTo(3);
        assertThat(s2.path("payable").decimalValue()).isEqualByComparingTo("160.00");

        cancel(his, c);                                                  // original frozen in m2: an adjustment now
        String late = fx.settle(inst.code(), psn, ClearingFixture.at(m2, 25), "15.00", null);  // m2 closed: lands in m1
        AgencyClient.Answer rec = api.post("/api/admin/clearing/recoveries",
                "{\"setl_id\":\"" + a + "\",\"amount\":\"10.00\",\"reason\":\"串换项目 / item substitution\"}");
        assertThat(rec.status()).as(rec.text()).isEqualTo(200);
        assertThat(rec.json().path("deducted_in").asString()).isEqualTo(m0.toString());
        assertThat(close(m2, inst.code()).json().path("already_closed").asInt()).as("closing again changes nothing")
                .isEqualTo(1);

        assertThat(api.get("/api/admin/clearing/statements/" + inst.code() + "/11/" + m2).text())
                .as("a closed statement never changes").isEqualTo(frozen);
        assertThatThrownBy(() -> db.sql("update clearing_period set payable = 0 where fixmedins_code = :i")
                .param("i", inst.code()).update()).hasMessageContaining("insert-only");

        JsonNode s1 = statement(inst.code(), m1);
        assertThat(s1.path("status").asString()).isEqualTo("open");
        assertThat(s1.path("adjustments").path("count").asLong()).isEqualTo(1);
        assertThat(s1.path("items").get(0).path("setl_id").asString()).isEqualTo(late);
        assertThat(s1.path("payable").decimalValue()).isEqualByComparingTo("15.00");
        JsonNode s0 = statement(inst.code(), m0);
        assertThat(s0.path("adjustments").path("fund_pay_sumamt").decimalValue()).isEqualByComparingTo("-60.00");
        assertThat(s0.path("recoveries").get(0).path("setl_id").asString()).isEqualTo(a);
        assertThat(s0.path("payable").decimalValue()).isEqualByComparingTo("-70.00");

        assertThat(close(m1, inst.code()).status()).isEqualTo(200);
        assertThat(statement(inst.code(), m1).path("status").asString()).isEqualTo("closed");
        assertFundInvariant(List.of(inst.code()), List.of(m2, m1, m0));
    }

    @Test
    void the_sum_of_all_statements_is_the_fund_and_account_shares_of_all_settlements_minus_recoveries_to_the_fen() {
        Random rnd = new Random(20260529);
        List<String> insts = List.of(ref.hospital("L1").code(), ref.hospital("L2").code(), ref.hospital("L3").code());
        List<String> psns = List.of(ref.person("in_service"), ref.person("retired"), ref.person("in_service"));
        YearMonth m3 = m0.minusMonths(3);
        List<String> live = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            YearMonth m = m3.plusMonths(rnd.nextInt(3));
            String inst = insts.get(rnd.nextInt(3));
            BigDecimal f = BigDecimal.valueOf(rnd.nextInt(20_000) + 1, 2);
            String acct = BigDecimal.valueOf(rnd.nextInt(f.unscaledValue().intValue() + 1), 2).toPlainString();
            live.add(fx.settle(inst, psns.get(rnd.nextInt(3)), ClearingFixture.at(m, 1 + rnd.nextInt(27)), f.toPlainString(),
                    acct, null));
            if (i == 120) {
                insts.forEach(x -> assertThat(close(m3, x).status()).isEqualTo(200));
            }
            if (rnd.nextInt(8) == 0) {
                String victim = live.remove(rnd.nextInt(live.size()));
                YearMonth vm = m3.plusMonths(rnd.nextInt(4));
                fx.cancel(victim, ClearingFixture.at(vm.isBefore(m0) ? vm : m0, 28));
            }
            if (rnd.nextInt(10) == 0 && !live.isEmpty()) {
                api.post("/api/admin/clearing/recoveries", "{\"setl_id\":\"" + live.get(rnd.nextInt(live.size()))
                        + "\",\"amount\":\"0.01\",\"reason\":\"test\"}");
            }
        }
        insts.forEach(x -> close(m2, x));
        assertFundInvariant(insts, List.of(m3, m2, m1, m0));
    }

    void assertFundInvariant(List<String> insts, List<YearMonth> months) {
        BigDecimal statementsTotal = BigDecimal.ZERO;
        for (String inst : insts) {
            for (YearMonth m : months) {
                statementsTotal = statementsTotal.add(statement(inst, m).path("payable").decimalValue());
            }
        }
        String in = String.join("','", insts);
        BigDecimal fund = db.sql("select coalesce(sum(fund_pay_sumamt + acct_pay), 0) from settlement where fixmedins_code in ('"
                + in + "')").query(BigDecimal.class).single();
        BigDecimal recovered = db.sql("select coalesce(sum(amount), 0) from clearing_recovery where fixmedins_code in ('" + in + "')")
                .query(BigDecimal.class).single();
        assertThat(statementsTotal).as("Σ statements = Σ fund and account shares − Σ recoveries")
                .isEqualByComparingTo(fund.subtract(recovered));
    }

    @Test
    void the_current_month_cannot_close_and_bad_requests_are_problems_that_change_nothing() {
        RefData.Inst inst = ref.hospital("L1");
        AgencyClient.Answer now = close(m0, inst.code());
        assertThat(now.status()).isEqualTo(400);
        assertThat(now.contentType()).contains("problem+json");
        assertThat(now.json().path("errors").get(0).path("message").asString()).contains("尚未结束");
        assertThat(api.post("/api/admin/clearing/periods/close", "{\"month\":\"2026-13\"}").status()).isEqualTo(400);
        String s = fx.settle(inst.code(), ref.person("in_service"), ClearingFixture.at(m1, 3), "20.00", null);
        AgencyClient.Answer over = api.post("/api/admin/clearing/recoveries",
                "{\"setl_id\":\"" + s + "\",\"amount\":\"20.01\",\"reason\":\"x\"}");
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.json().path("errors").get(0).path("field").asString()).isEqualTo("amount");
        assertThat(api.post("/api/admin/clearing/recoveries", "{\"setl_id\":\"" + s + "\",\"amount\":\"5\"}").status())
                .as("a reason is required").isEqualTo(400);
        assertThat(db.sql("select count(*) from clearing_recovery where setl_id = :s").param("s", s).query(Long.class)
                .single()).isZero();
        assertThat(api.get("/api/admin/clearing/statements/NOPE/11/" + m1).status()).isEqualTo(404);
    }
}
