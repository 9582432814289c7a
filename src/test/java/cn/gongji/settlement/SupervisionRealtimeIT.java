package cn.gongji.settlement;

import static cn.gongji.settlement.HisSteps.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.support.HisClient;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import cn.gongji.support.ServiceIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** 3101 明细审核事前事中分析服务 in the national shape. */
@ServiceIT
class SupervisionRealtimeIT extends HisTestBase {

    private Map<String, Object> order(String rxId, String code, String pric, String cnt) {
        return map("rx_id", rxId, "rxno", "RX1", "hilist_code", code, "hilist_name", "x", "hilist_type", "101", "chrg_type", "09",
                "cnt", new BigDecimal(cnt), "pric", new BigDecimal(pric), "sumamt",
                new BigDecimal(pric).multiply(new BigDecimal(cnt)).setScale(2, java.math.RoundingMode.HALF_UP));
    }

    private Map<String, Object> input(String psn, String taskId, List<Map<String, Object>> orders) {
        Map<String, Object> enc = map("mdtrt_id", "HIS-VISIT-1", "medins_id", "x", "medins_lv", "05", "adm_date",
                now().format(HisClient.DATE_TIME), "med_type", "11", "med_mdtrt_type", "1", "fsi_diagnose_dtos", List.of(),
                "fsi_order_dtos", orders);
        Map<String, Object> patient = map("patn_id", psn, "patn_name", "测试", "gend", "1", "brdy", "1970-01-01", "poolarea", "411300",
                "curr_mdtrt_id", "HIS-VISIT-1", "fsi_encounter_dtos", List.of(enc));
        return data("syscode", "HIS", "task_id", taskId, "trig_scen", "2", "patient_dtos", List.of(patient));
    }

    @Test
    void an_order_for_women_for_a_man_is_answered_with_the_rule_the_amount_and_the_item_in_the_national_shape() {
        HisClient his = client(ref.hospital("L2"));
        String psn = ref.person("in_service");
        String f = ref.classA();
        db.sql("update catalog_item set gender_limit = '2' where med_list_codg = :c").param("c", f).update();
        String ok = ref.classA();

        JsonNode out = ok(his.call("3101", input(psn, "T-1", List.of(order("RX-1", ok, "10.00", "1"), order("RX-2", f, "120.00", "1")))));

        JsonNode r = out.path("result");
        assertThat(r).hasSize(1);
        JsonNode x = r.get(0);
        assertThat(x.path("rule_id").asString()).isEqualTo("R03");
        assertThat(x.path("rule_name").asString()).isEqualTo("限性别项目");
        assertThat(x.path("vola_cont").asString()).contains("限女性");
        assertThat(x.path("vola_amt").decimalValue()).isEqualByComparingTo("120.00");
        assertThat(x.path("sev_deg").asString()).isEqualTo("1");
        assertThat(x.path("vola_bhvr_type").asString()).isEqualTo("2");
        assertThat(x.path("task_id").asString()).isEqualTo("T-1");
        assertThat(x.path("patn_id").asString()).isEqualTo(psn);
        assertThat(x.path("vola_evid").asString()).contains("gender_limit");
        JsonNode d = x.path("judge_result_detail_dtos");
        assertThat(d).hasSize(1);
        assertThat(d.get(0).path("rx_id").asString()).isEqualTo("RX-2");
        assertThat(d.get(0).path("vola_amt").decimalValue()).isEqualByComparingTo("120.00");

        JsonNode again = ok(his.call("3101", input(psn, "T-1", List.of(order("RX-1", ok, "10.00", "1"), order("RX-2", f, "120.00", "1")))));
        assertThat(again.path("result").get(0).path("jr_id").asString()).as("the same question, the same jr_id")
                .isEqualTo(x.path("jr_id").asString());
    }

    @Test
    void a_clean_order_gets_an_empty_result_and_rule_ids_narrow_the_check() {
        HisClient his = client(ref.hospital("L2"));
        String psn = ref.person("in_service");
        String a = ref.classA();

        assertThat(ok(his.call("3101", input(psn, "T-2", List.of(order("RX-1", a, "10.00", "2"))))).path("result")).isEmpty();

        Map<String, Object> dup = input(psn, "T-3", List.of(order("RX-1", a, "10.00", "1"), order("RX-2", a, "10.00", "1")));
        assertThat(ok(his.call("3101", dup)).path("result").get(0).path("rule_id").asString()).isEqualTo("R01");
        @SuppressWarnings("unchecked")
        Map<String, Object> d = (Map<String, Object>) dup.get("data");
        d.put("rule_ids", "R03,R04");
        assertThat(ok(his.call("3101", dup)).path("result")).isEmpty();
    }

    @Test
    void an_unknown_patient_or_a_missing_order_list_is_refused_in_the_protocol_shape() {
        HisClient his = client(ref.hospital("L2"));
        String a = ref.classA();
        assertThat(refused(his.call("3101", input("41130000000000000000", "T-4", List.of(order("RX-1", a, "1", "1")))))
                .path("err_msg").asString()).contains("不存在");
        assertThat(refused(his.call("3101", input(ref.person("in_service"), "T-5", List.of()))).path("err_msg").asString())
                .contains("fsi_order_dtos");
    }
}
