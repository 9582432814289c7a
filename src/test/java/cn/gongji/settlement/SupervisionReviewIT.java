package cn.gongji.settlement;

import static cn.gongji.settlement.HisSteps.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.support.HisClient;
import cn.gongji.support.RefData;
import cn.gongji.support.ServiceIT;
import cn.gongji.web.AgencyClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The review lifecycle over the agency API and the institution's own signed appeal (3191/3192). */
@ServiceIT
class SupervisionReviewIT extends HisTestBase {

    private record Case(RefData.Inst inst, HisClient his, long warningId, String setlId, String hifp, String psnNo,
            String mdtrtId) {}

    /** A settlement with a duplicated line: one warning in 初审. */
    private Case suspicious() {
        RefData.Inst inst = ref.hospital("L1");
        HisClient his = client(inst);
        String psn = ref.person("in_service");
        String a = ref.classA();
        String mdtrtId = register(his, psn, now().minusMinutes(5));
        upload(his, mdtrtId, psn, line(a, "40.00", "1"), line(a, "40.00", "1"));
        JsonNode s = settle(his, psn, mdtrtId, "80.00", false).path("setlinfo");
        String setlId = s.path("setl_id").asString();
        long id = db.sql("select warning_id from supervision_warning where setl_id = :s").param("s", setlId).query(Long.class).single();
        return new Case(inst, his, id, setlId, s.path("hifp_pay").decimalValue().toPlainString(), psn, mdtrtId);
    }

    private AgencyClient.Answer move(long id, String body) {
        return new AgencyClient(port).post("/api/admin/supervision/warnings/" + id + "/transitions", body);
    }

    @Test
    void a_warning_goes_through_both_reviews_the_institutions_appeal_and_verification_to_a_recovery_for_clearing() {
        Case c = suspicious();
        assertThat(move(c.warningId(), "{\"action\":\"escalate\",\"note\":\"初审：同一项目重复\"}").status()).isEqualTo(200);
        assertThat(move(c.warningId(), "{\"action\":\"notify\"}").json().path("status").asString()).isEqualTo("appeal");

        JsonNode waiting = ok(c.his().call("3192", data()));
        assertThat(waiting.path("warnings").get(0).path("warning_id").asLong()).isEqualTo(c.warningId());
        HisClient other = client(ref.hospital("L1"));
        assertThat(refused(other.call("3191", data("warning_id", c.warningId(), "appeal_text", "不是我们的")))
                .path("err_msg").asString()).contains("不是本机构的");
        JsonNode appealed = ok(c.his().call("3191", data("warning_id", c.warningId(), "appeal_text", "两次为不同部位治疗")));
        assertThat(appealed.path("data").path("status").asString()).isEqualTo("verification");

        AgencyClient.Answer tooMuch = move(c.warningId(), "{\"action\":\"confirm\",\"amount\":\"9999.00\"}");
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.contentType()).contains("problem+json");
        assertThat(tooMuch.json().path("errors").get(0).path("field").asString()).as("the amount is named, not note")
                .isEqualTo("amount");
        JsonNode done = move(c.warningId(), "{\"action\":\"confirm\",\"note\":\"核实：重复收费\"}").json();
        assertThat(done.path("status").asString()).isEqualTo("confirmed");
        assertThat(done.path("appeal_text").asString()).isEqualTo("两次为不同部位治疗");
        assertThat(done.path("events")).extracting(e -> e.path("action").asString())
                .containsExactly("create", "escalate", "notify", "appeal", "confirm");
        assertThat(done.path("events").get(3).path("actor_kind").asString()).isEqualTo("institution");

        JsonNode rec = new AgencyClient(port).get("/api/admin/supervision/recoveries?fixmedins_code=" + c.inst().code()).json();
        assertThat(rec).hasSize(1);
        assertThat(rec.get(0).path("setl_id").asString()).isEqualTo(c.setlId());
        assertThat(rec.get(0).path("amount").decimalValue()).isEqualByComparingTo(c.hifp());
        // handed to clearing in the same transaction: deducted in the institution's next statement
        assertThat(rec.get(0).path("cleared_in").asString()).startsWith("clearing_recovery:");
        assertThat(db.sql("select amount from clearing_recovery where setl_id = :s and source = 'supervision'")
                .param("s", c.setlId()).query(java.math.BigDecimal.class).single()).isEqualByComparingTo(c.hifp());

        // the fund's share is recovered: a 2208 would give it back to the fund a second time; refused, nothing changes
        JsonNode cancel = refused(c.his().call("2208", data("setl_id", c.setlId(), "mdtrt_id", c.mdtrtId(), "psn_no", c.psnNo())));
        assertThat(cancel.path("err_msg").asString()).contains("追回", c.hifp(), "contact the agency");
        assertThat(db.sql("select count(*) from settlement where mdtrt_id = :m").param("m", c.mdtrtId()).query(Long.class).single())
                .isEqualTo(1);
        assertThat(poolPaid(c.psnNo(), now().minusMinutes(5).getYear())).isEqualByComparingTo(c.hifp());
    }

    @Test
    void a_recovery_confirmed_from_an_indicator_warning_is_deducted_in_clearing_and_capped_by_what_the_fund_paid() {
        // an indicator warning names the institution, not a settlement (POLICY.md §7: recovered through clearing);
        // made here in 核实 directly, as IndicatorRun would leave it after the reviews and the appeal
        RefData.Inst inst = ref.hospital("L1");
        HisClient his = client(inst);
        JsonNode s = visit(his, ref.person("in_service"), now().minusMinutes(5), false, line(ref.classA(), "100.00", "1"));
        assertThat(s.path("fund_pay_sumamt").decimalValue()).isEqualByComparingTo("60.00");
        long id = db.sql("""
                insert into supervision_warning (dedup_key, source, rule_id, rule_name, result_type, sev_deg, grade,
                    fixmedins_code, care_date, content, evidence, status, due_at)
                values (:k, 'indicator', 'I03', '次均费用', 'suspicious', '2', 'red', :i, current_date, '次均费用偏高', '{}',
                    'verification', now() + interval '10 days') returning warning_id
                """).param("k", "test-indicator-" + inst.code()).param("i", inst.code()).query(Long.class).single();

        AgencyClient.Answer tooMuch = move(id, "{\"action\":\"confirm\",\"amount\":\"99999999.99\"}");
        assertThat(tooMuch.status()).as(tooMuch.text()).isEqualTo(400);
        assertThat(tooMuch.json().path("errors").get(0).path("field").asString()).isEqualTo("amount");
        assertThat(tooMuch.text()).contains("60.00");
        assertThat(db.sql("select count(*) from clearing_recovery where fixmedins_code = :i").param("i", inst.code())
                .query(Long.class).single()).as("a refused confirmation records nothing").isZero();

        JsonNode done = move(id, "{\"action\":\"confirm\",\"amount\":\"20.00\",\"note\":\"核实\"}").json();
        assertThat(done.path("status").asString()).isEqualTo("confirmed");
        JsonNode rec = new AgencyClient(port).get("/api/admin/supervision/recoveries?fixmedins_code=" + inst.code()).json();
        assertThat(rec.get(0).path("cleared_in").asString()).startsWith("clearing_recovery:");
        JsonNode st = new AgencyClient(port).get("/api/admin/clearing/statements/" + inst.code() + "/11/"
                + java.time.YearMonth.from(now())).json();
        assertThat(st.path("recovered").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(st.path("payable").decimalValue()).as("60.00 − 20.00").isEqualByComparingTo("40.00");
    }

    @Test
    void an_illegal_transition_is_refused_with_problem_json_and_changes_nothing() {
        Case c = suspicious();
        AgencyClient.Answer a = move(c.warningId(), "{\"action\":\"confirm\"}");

        assertThat(a.status()).isEqualTo(409);
        assertThat(a.contentType()).contains("application/problem+json");
        assertThat(a.json().path("type").asString()).endsWith("illegal-transition");
        assertThat(a.json().path("detail").asString()).contains("初审", "not allowed");
        JsonNode w = new AgencyClient(port).get("/api/admin/supervision/warnings/" + c.warningId()).json();
        assertThat(w.path("status").asString()).isEqualTo("first_review");
        assertThat(w.path("events")).hasSize(1);
        assertThat(move(c.warningId(), "{\"action\":\"fly\"}").status()).isEqualTo(400);
        assertThat(move(987654321L, "{\"action\":\"dismiss\"}").status()).isEqualTo(404);
        assertThat(refused(c.his().call("3191", data("warning_id", c.warningId(), "appeal_text", "早了"))).path("err_msg").asString())
                .contains("初审");
    }

    @Test
    void an_overdue_warning_surfaces_in_the_overdue_list_and_an_unanswered_appeal_lapses_to_verification() {
        Case c = suspicious();
        move(c.warningId(), "{\"action\":\"escalate\"}");
        move(c.warningId(), "{\"action\":\"notify\"}");
        assertThat(move(c.warningId(), "{\"action\":\"lapse\"}").status()).as("not yet due").isEqualTo(409);
        db.sql("update supervision_warning set due_at = now() - interval '1 day' where warning_id = :w").param("w", c.warningId()).update();

        JsonNode overdue = new AgencyClient(port).get("/api/admin/supervision/warnings?overdue=true&fixmedins_code=" + c.inst().code()).json();
        assertThat(overdue).extracting(w -> w.path("warning_id").asLong()).containsExactly(c.warningId());
        assertThat(overdue.get(0).path("overdue").asBoolean()).isTrue();

        assertThat(move(c.warningId(), "{\"action\":\"lapse\"}").json().path("status").asString()).isEqualTo("verification");
        assertThat(move(c.warningId(), "{\"action\":\"dismiss\",\"note\":\"证据不足\"}").json().path("status").asString())
                .isEqualTo("dismissed");
        assertThat(new AgencyClient(port).get("/api/admin/supervision/recoveries?fixmedins_code=" + c.inst().code()).json()).isEmpty();
    }

    @Test
    void the_agency_sets_a_rule_parameter_and_an_unknown_parameter_is_refused() {
        AgencyClient api = new AgencyClient(port);
        assertThat(api.get("/api/admin/supervision/rules").json()).hasSizeGreaterThanOrEqualTo(19);

        AgencyClient.Answer bad = api.put("/api/admin/supervision/rules/R07", "{\"params\":{\"max_visitz\":3}}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").get(0).path("field").asString()).isEqualTo("params.max_visitz");

        AgencyClient.Answer good = api.put("/api/admin/supervision/rules/R06", "{\"params\":{\"tolerance_ratio\":0.8}}");
        assertThat(good.json().path("params").path("tolerance_ratio").decimalValue()).isEqualByComparingTo("0.8");
        api.put("/api/admin/supervision/rules/R06", "{\"params\":{\"tolerance_ratio\":0.5}}");
    }
}
