package cn.gongji.settlement;

import static cn.gongji.settlement.HisSteps.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.support.HisClient;
import cn.gongji.support.RefData;
import cn.gongji.support.ServiceIT;
import cn.gongji.web.AgencyClient;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Issue 6: the supervision hook on the settlement path (2204 事前, 2206/2207 事中). */
@ServiceIT
class SupervisionHookIT extends HisTestBase {

    private String limitedItem(String column, Object value) {
        String code = ref.classA();
        db.sql("update catalog_item set " + column + " = :v where med_list_codg = :c").param("v", value).param("c", code).update();
        return code;
    }

    @Test
    void an_item_for_women_uploaded_for_a_man_is_refused_at_2204_with_the_rule_named_and_nothing_is_stored() {
        HisClient his = client(ref.hospital("L2"));
        String psn = ref.person("in_service");
        String item = limitedItem("gender_limit", "2");
        String mdtrtId = register(his, psn, now().minusMinutes(5));

        JsonNode r = refused(his.call("2204", feedetail(mdtrtId, psn, line(ref.classA(), "10.00", "1"), line(item, "120.00", "1"))));

        assertThat(r.path("err_msg").asString()).contains("R03", "限性别项目", "明确违规", "item restricted by sex");
        assertThat(db.sql("select count(*) from fee_line where mdtrt_id = :m").param("m", mdtrtId).query(Long.class).single()).isZero();
    }

    @Test
    void a_per_visit_quantity_counts_the_lines_already_uploaded() {
        HisClient his = client(ref.hospital("L2"));
        String psn = ref.person("in_service");
        String item = limitedItem("max_qty_per_visit", new java.math.BigDecimal("10"));
        String mdtrtId = register(his, psn, now().minusMinutes(5));
        upload(his, mdtrtId, psn, line(item, "1.50", "6"));

        JsonNode r = refused(his.call("2204", feedetail(mdtrtId, psn, line(item, "1.50", "5"))));

        assertThat(r.path("err_msg").asString()).contains("R02", "数量 11", "限量 10");
        upload(his, mdtrtId, psn, line(item, "1.50", "4"));
    }

    @Test
    void a_recorded_death_refuses_the_2207_with_the_rule_named_and_the_settlement_changes_nothing() {
        HisClient his = client(ref.hospital("L1"));
        String psn = ref.person("in_service");
        LocalDateTime t = now().minusMinutes(5);
        String mdtrtId = register(his, psn, t);
        upload(his, mdtrtId, psn, line(ref.classA(), "50.00", "1"));
        db.sql("insert into person_death (psn_no, died_on, source) values (:p, :d, 'test')").param("p", psn)
                .param("d", t.toLocalDate().minusDays(1)).update();

        JsonNode r = refused(his.call("2207", settleInput(psn, mdtrtId, "50.00", false)));

        assertThat(r.path("err_msg").asString()).contains("R12", "死亡后发生医疗费用", "死亡", "charges after the person's death");
        assertThat(db.sql("select count(*) from settlement where mdtrt_id = :m").param("m", mdtrtId).query(Long.class).single()).isZero();
        assertThat(poolPaid(psn, t.getYear())).isEqualByComparingTo("0");
        refused(his.call("2206", settleInput(psn, mdtrtId, "50.00", false)));
    }

    @Test
    void a_suspicious_duplicate_is_shown_in_setl_proc_info_and_recorded_once_as_a_warning_and_pre_settlement_records_nothing() {
        HisClient his = client(ref.hospital("L2"));
        String psn = ref.person("in_service");
        String a = ref.classA();
        String mdtrtId = register(his, psn, now().minusMinutes(5));
        upload(his, mdtrtId, psn, line(a, "30.00", "1"), line(a, "30.00", "1"));
        long before = ref.count("supervision_warning");

        String pre = preSettle(his, psn, mdtrtId, "60.00", false).path("setldetail").get(0).path("setl_proc_info").asString();
        assertThat(pre).contains("智能监控", "R01", "同一就诊重复收费");
        assertThat(ref.count("supervision_warning")).isEqualTo(before);

        JsonNode out = settle(his, psn, mdtrtId, "60.00", false);
        String setlId = out.path("setlinfo").path("setl_id").asString();
        assertThat(out.path("setldetail").get(0).path("setl_proc_info").asString()).contains("[R01 同一就诊重复收费·可疑]");
        assertThat(db.sql("select rule_id || '/' || source || '/' || status from supervision_warning where setl_id = :s")
                .param("s", setlId).query(String.class).list()).containsExactly("R01/settlement/first_review");
        assertThat(out.path("setlinfo").path("hifp_pay").decimalValue()).as("a suspicion does not change the amounts")
                .isEqualByComparingTo("16.50");
    }

    @Test
    void a_rule_parameter_changed_through_the_agency_api_applies_to_the_next_settlement() {
        HisClient his = client(ref.hospital("L2"));
        String a = ref.classA();
        AgencyClient api = new AgencyClient(port);
        assertThat(procInfo(his, ref.person("in_service"), a)).as("settings now held in memory").contains("R01");
        try {
            assertThat(api.put("/api/admin/supervision/rules/R01", "{\"params\":{\"min_repeats\":3}}").status()).isEqualTo(200);
            assertThat(procInfo(his, ref.person("in_service"), a)).as("two lines are no longer a duplicate").doesNotContain("R01");
        } finally {
            api.put("/api/admin/supervision/rules/R01", "{\"params\":{\"min_repeats\":2}}");
        }
        assertThat(procInfo(his, ref.person("in_service"), a)).contains("R01");
    }

    /** Settles a visit with the same item twice at one price; answers setl_proc_info. */
    private String procInfo(HisClient his, String psn, String item) {
        String mdtrtId = register(his, psn, now().minusMinutes(5));
        upload(his, mdtrtId, psn, line(item, "30.00", "1"), line(item, "30.00", "1"));
        return settle(his, psn, mdtrtId, "60.00", false).path("setldetail").get(0).path("setl_proc_info").asString();
    }

    @Test
    void an_ordinary_settlement_carries_no_supervision_text() {
        HisClient his = client(ref.hospital("L3"));
        String psn = ref.person("retired");
        JsonNode s = visit(his, psn, now().minusMinutes(5), false, line(ref.classA(), "200.00", "1"));

        String trace = db.sql("select trace from settlement where setl_id = :s").param("s", s.path("setl_id").asString())
                .query(String.class).single();
        assertThat(trace).doesNotContain("智能监控");
    }
}
