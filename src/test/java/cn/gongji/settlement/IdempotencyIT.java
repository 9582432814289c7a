package cn.gongji.settlement;

import static cn.gongji.settlement.HisSteps.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.support.HisClient;
import cn.gongji.support.RefData;
import cn.gongji.support.ServiceIT;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** ARCHITECTURE.md invariant 3: (fixmedins_code, msgid) is an idempotency key; one settlement per visit. */
@ServiceIT
class IdempotencyIT extends HisTestBase {

    HisClient his;
    String psn;
    String a;

    @BeforeEach
    void scene() {
        his = client(ref.hospital("L3"));
        psn = ref.person("in_service");
        ref.credit(psn, "60.00");
        a = ref.classA();
    }

    private String readyVisit() {
        String mdtrtId = register(his, psn, now().minusMinutes(3));
        upload(his, mdtrtId, psn, line(a, "200.00", "1"));
        return mdtrtId;
    }

    @Test
    void the_same_msgid_and_body_returns_the_first_answer_and_changes_nothing() {
        String mdtrtId = readyVisit();
        String msgid = his.nextMsgid();
        var input = settleInput(psn, mdtrtId, "200.00", true);
        JsonNode first = his.call("2207", msgid, input);
        ok(first);
        long settlements = ref.count("settlement");
        long entries = ref.count("account_entry");
        JsonNode again = his.call("2207", msgid, input);
        assertThat(again).isEqualTo(first);
        assertThat(ref.count("settlement")).isEqualTo(settlements);
        assertThat(ref.count("account_entry")).isEqualTo(entries);
        assertThat(balance(psn)).isEqualByComparingTo("0.00");
    }

    @Test
    void a_retried_fee_upload_answers_its_first_answer_although_running_it_again_would_be_refused() {
        String mdtrtId = register(his, psn, now().minusMinutes(3));
        String msgid = his.nextMsgid();
        var input = feedetail(mdtrtId, psn, line(a, "20.00", "2"), line(a, "5.00", "1"));
        JsonNode first = his.call("2204", msgid, input);
        ok(first);
        long lines = ref.count("fee_line");
        JsonNode again = his.call("2204", msgid, input);
        assertThat(again).as("the same feedetl_sn again would be refused; the stored answer wins").isEqualTo(first);
        assertThat(ref.count("fee_line")).isEqualTo(lines);
    }

    @Test
    void the_same_msgid_with_a_different_body_is_refused_even_when_the_new_body_alone_would_succeed() {
        String mdtrtId = register(his, psn, now().minusMinutes(3));
        String msgid = his.nextMsgid();
        ok(his.call("2204", msgid, feedetail(mdtrtId, psn, line(a, "20.00", "2"))));
        long lines = ref.count("fee_line");
        JsonNode r = refused(his.call("2204", msgid, feedetail(mdtrtId, psn, line(a, "9.00", "1"))));
        assertThat(r.path("err_msg").asString()).contains("msgid");
        assertThat(ref.count("fee_line")).isEqualTo(lines);
    }

    @Test
    void a_retry_that_only_refreshes_inf_time_and_sends_amounts_as_strings_still_matches() {
        String msgid = his.nextMsgid();
        var input = data("psn_no", psn, "insutype", "310", "begntime", now().minusMinutes(2).format(HisClient.DATE_TIME));
        JsonNode first = ok(his.call("2201", msgid, input));
        ObjectNode retry = his.envelope("2201", msgid, input);
        retry.put("inf_time", now().plusSeconds(30).format(HisClient.DATE_TIME));
        retry.put("opter_name", "另一位收费员");
        JsonNode second = ok(his.post(retry.toString(), his.signedHeaders()));
        assertThat(second).isEqualTo(first);
    }

    @Test
    void the_same_msgid_with_a_different_body_is_refused() {
        String msgid = his.nextMsgid();
        ok(his.call("2201", msgid, data("psn_no", psn, "insutype", "310", "begntime", now().minusMinutes(2).format(HisClient.DATE_TIME))));
        long visits = ref.count("visit");
        JsonNode r = refused(his.call("2201", msgid, data("psn_no", psn, "insutype", "310", "begntime",
                now().minusMinutes(1).format(HisClient.DATE_TIME))));
        assertThat(r.path("err_msg").asString()).contains("msgid");
        assertThat(ref.count("visit")).isEqualTo(visits);
    }

    @Test
    void settling_again_under_a_new_msgid_answers_the_same_settlement() {
        String mdtrtId = readyVisit();
        JsonNode first = settle(his, psn, mdtrtId, "200.00", true).path("setlinfo");
        long settlements = ref.count("settlement");
        JsonNode second = settle(his, psn, mdtrtId, "200.00", true).path("setlinfo");
        assertThat(second.path("setl_id").asString()).isEqualTo(first.path("setl_id").asString());
        assertThat(amounts(second)).isEqualTo(amounts(first));
        assertThat(ref.count("settlement")).isEqualTo(settlements);
        refused(his.call("2207", settleInput(psn, mdtrtId, "199.00", true)));
    }

    @Test
    void a_refused_message_is_not_stored_so_its_retry_is_processed_afresh() {
        String mdtrtId = register(his, psn, now().minusMinutes(3));
        String msgid = his.nextMsgid();
        var input = settleInput(psn, mdtrtId, "200.00", false);
        refused(his.call("2207", msgid, input));
        upload(his, mdtrtId, psn, line(a, "200.00", "1"));
        assertThat(ok(his.call("2207", msgid, input)).path("setlinfo").path("hifp_pay").decimalValue())
                .isEqualByComparingTo("75.00");
    }

    @Test
    void reversal_of_a_settlement_cancels_it_and_reversing_twice_is_harmless() {
        String mdtrtId = readyVisit();
        String msgid = his.nextMsgid();
        JsonNode s = ok(his.call("2207", msgid, settleInput(psn, mdtrtId, "200.00", true))).path("setlinfo");
        assertThat(balance(psn)).isEqualByComparingTo("0.00");
        var reverse = data("psn_no", psn, "omsgid", msgid, "oinfno", "2207");
        ok(his.call("2601", reverse));
        assertThat(balance(psn)).isEqualByComparingTo("60.00");
        assertThat(poolPaid(psn, now().getYear())).isEqualByComparingTo("0.00");
        long settlements = ref.count("settlement");
        ok(his.call("2601", reverse));
        assertThat(ref.count("settlement")).isEqualTo(settlements);
        assertThat(db.sql("select cancelled_at is not null from settlement where setl_id = :s")
                .param("s", s.path("setl_id").asString()).query(Boolean.class).single()).isTrue();
        JsonNode replay = refused(his.call("2207", msgid, settleInput(psn, mdtrtId, "200.00", true)));
        assertThat(replay.path("err_msg").asString()).contains("冲正");
        assertThat(settle(his, psn, mdtrtId, "200.00", true).path("setlinfo").path("hifp_pay").decimalValue())
                .as("the visit can be settled again").isEqualByComparingTo("75.00");
    }

    @Test
    void reversal_of_an_unknown_msgid_succeeds_and_refuses_the_late_original() {
        String lost = his.nextMsgid();
        ok(his.call("2601", data("psn_no", psn, "omsgid", lost, "oinfno", "2201")));
        long visits = ref.count("visit");
        JsonNode late = refused(his.call("2201", lost, data("psn_no", psn, "insutype", "310", "begntime",
                now().minusMinutes(1).format(HisClient.DATE_TIME))));
        assertThat(late.path("err_msg").asString()).contains("冲正");
        assertThat(ref.count("visit")).isEqualTo(visits);
    }

    @Test
    void reversal_of_a_fee_upload_cancels_that_uploads_lines_and_of_a_registration_cancels_the_visit() {
        String mdtrtId = register(his, psn, now().minusMinutes(3));
        upload(his, mdtrtId, psn, line(a, "50.00", "1"));
        String msgid = his.nextMsgid();
        ok(his.call("2204", msgid, feedetail(mdtrtId, psn, line(a, "70.00", "1"))));
        ok(his.call("2601", data("psn_no", psn, "omsgid", msgid, "oinfno", "2204")));
        assertThat(preSettle(his, psn, mdtrtId, "50.00", false).path("setlinfo").path("medfee_sumamt").decimalValue())
                .isEqualByComparingTo("50.00");

        String regMsgid = his.nextMsgid();
        String other = ok(his.call("2201", regMsgid, data("psn_no", psn, "insutype", "310", "begntime",
                now().minusMinutes(1).format(HisClient.DATE_TIME)))).path("data").path("mdtrt_id").asString();
        ok(his.call("2601", data("psn_no", psn, "omsgid", regMsgid, "oinfno", "2201")));
        assertThat(db.sql("select status from visit where mdtrt_id = :m").param("m", other).query(String.class).single())
                .isEqualTo("cancelled");
    }

    @Test
    void queries_sign_in_and_fee_cancel_answer_in_the_protocol_shapes() {
        JsonNode in = ok(his.call("9001", Map.of("signIn", Map.of("opter_no", "001", "mac", "00-00", "ip", "127.0.0.1"))));
        String signNo = in.path("signinoutb").path("sign_no").asString();
        assertThat(signNo).startsWith("N");
        ok(his.call("9002", Map.of("signOut", Map.of("opter_no", "001", "sign_no", signNo))));
        refused(his.call("9002", Map.of("signOut", Map.of("opter_no", "001", "sign_no", signNo))));

        String mdtrtId = readyVisit();
        ok(his.call("2203", Map.of("mdtrtinfo", Map.of("mdtrt_id", mdtrtId, "psn_no", psn, "med_type", "11",
                "begntime", now().format(HisClient.DATE_TIME), "dise_codg", "J06.900", "dise_name", "急性上呼吸道感染"),
                "diseinfo", java.util.List.of())));
        JsonNode s = settle(his, psn, mdtrtId, "200.00", false).path("setlinfo");
        JsonNode q = ok(his.call("5203", data("psn_no", psn, "mdtrt_id", mdtrtId, "setl_id", s.path("setl_id").asString())));
        assertThat(amounts(q.path("setlinfo"))).isEqualTo(amounts(s));
        JsonNode lines = ok(his.call("5204", data("psn_no", psn, "mdtrt_id", mdtrtId)));
        assertThat(lines.size()).isEqualTo(1);
        assertThat(lines.get(0).path("setl_id").asString()).isEqualTo(s.path("setl_id").asString());

        String m2 = register(his, psn, now().minusMinutes(1));
        upload(his, m2, psn, line(a, "5.00", "1"));
        ok(his.call("2205", data("mdtrt_id", m2, "chrg_bchno", "0000", "psn_no", psn)));
        refused(his.call("2207", settleInput(psn, m2, "5.00", false)));
    }
}
