package cn.gongji.settlement;

import static cn.gongji.settlement.HisSteps.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.support.HisClient;
import cn.gongji.support.RefData;
import cn.gongji.support.ServiceIT;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Issue 2 "Bad input": each gets infcode -2 with a Chinese message and changes nothing (ARCHITECTURE.md invariant 7). */
@ServiceIT
class BadInputIT extends HisTestBase {

    private static final List<String> TABLES = List.of("visit", "fee_line", "settlement", "settlement_line", "his_message",
            "account_entry", "episode", "year_accumulator", "sign_in");

    RefData.Inst inst;
    HisClient his;
    String psn;
    String a;

    @BeforeEach
    void scene() {
        inst = ref.hospital("L3");
        his = client(inst);
        psn = ref.person("in_service");
        ref.credit(psn, "50.00");
        a = ref.classA();
    }

    /** Runs the bad request, asserts -2 with a Chinese message, and that no table changed. */
    private JsonNode refusedAndNothingChanged(Supplier<JsonNode> bad) {
        Map<String, Long> before = counts();
        JsonNode r = refused(bad.get());
        assertThat(counts()).as("nothing changed by %s", r.path("err_msg").asString()).isEqualTo(before);
        assertThat(r.path("inf_refmsgid").asString()).hasSize(30);
        assertThat(r.path("respond_time").asString()).hasSize(17);
        return r;
    }

    private Map<String, Long> counts() {
        Map<String, Long> m = new LinkedHashMap<>();
        TABLES.forEach(t -> m.put(t, ref.count(t)));
        m.put("balance", balance(psn).movePointRight(2).longValueExact());
        m.put("pool", poolPaid(psn, now().getYear()).movePointRight(2).longValueExact());
        return m;
    }

    @Test
    void malformed_json_is_refused_naming_the_problem() {
        JsonNode r = refusedAndNothingChanged(() -> his.post("{\"infno\": \"1101\", ", his.signedHeaders()));
        assertThat(r.path("err_msg").asString()).contains("JSON");
    }

    @Test
    void a_body_that_is_not_an_object_is_refused() {
        refusedAndNothingChanged(() -> his.post("[1, 2]", his.signedHeaders()));
        refusedAndNothingChanged(() -> his.post("", his.signedHeaders()));
    }

    @Test
    void missing_and_mistyped_fields_are_named() {
        ObjectNode e = his.envelope("1101", his.nextMsgid(), data("mdtrt_cert_type", "02", "mdtrt_cert_no", "x"));
        e.remove("msgid");
        assertThat(refusedAndNothingChanged(() -> his.post(e.toString(), his.signedHeaders())).path("err_msg").asString())
                .contains("msgid");
        ObjectNode e2 = his.envelope("1101", his.nextMsgid(), data());
        e2.put("input", "not an object");
        assertThat(refusedAndNothingChanged(() -> his.post(e2.toString(), his.signedHeaders())).path("err_msg").asString())
                .contains("input");
        ObjectNode e3 = his.envelope("1101", "short", data());
        assertThat(refusedAndNothingChanged(() -> his.post(e3.toString(), his.signedHeaders())).path("err_msg").asString())
                .contains("msgid");
        ObjectNode e4 = his.envelope("1101", his.nextMsgid(), data());
        e4.put("inf_time", "2024/01/01");
        assertThat(refusedAndNothingChanged(() -> his.post(e4.toString(), his.signedHeaders())).path("err_msg").asString())
                .contains("inf_time");
        String mdtrtId = register(his, psn, now().minusMinutes(1));
        var fd = feedetail(mdtrtId, psn, line(a, "1.00", "1"));
        @SuppressWarnings("unchecked") var row = ((List<Map<String, Object>>) fd.get("feedetail")).get(0);
        row.put("pric", "abc");
        assertThat(refusedAndNothingChanged(() -> his.call("2204", fd)).path("err_msg").asString())
                .contains("input.feedetail[0].pric");
    }

    @Test
    void a_nul_character_anywhere_is_refused_before_the_database_sees_it() {
        // PostgreSQL text cannot hold U+0000: found by HisFuzzIT as an internal error (-1) of a 2201
        assertThat(refusedAndNothingChanged(() -> his.call("2201", data("psn_no", "\u0000", "insutype", "310")))
                .path("err_msg").asString()).contains("NUL");
        assertThat(refusedAndNothingChanged(() -> his.call("2207", data("psn_no", psn, "mdtrt_id", "M\u00001",
                "medfee_sumamt", "1.00"))).path("err_msg").asString()).contains("NUL");
    }

    @Test
    void unknown_infno_is_refused() {
        assertThat(refusedAndNothingChanged(() -> his.call("9999", data("psn_no", psn))).path("err_msg").asString())
                .contains("9999");
    }

    @Test
    void unknown_person_is_refused() {
        refusedAndNothingChanged(() -> registerRaw(his, "41139999999999999999", now().minusMinutes(1)));
        refusedAndNothingChanged(() -> his.call("1101", data("mdtrt_cert_type", "02", "mdtrt_cert_no", "000000000000000000")));
    }

    @Test
    void unknown_or_inactive_institution_is_refused() {
        HisClient stranger = new HisClient("http://127.0.0.1:" + port, "H99999999999", "whatever");
        refusedAndNothingChanged(() -> registerRaw(stranger, psn, now().minusMinutes(1)));
        RefData.Inst closed = ref.hospital("L1");
        ref.deactivate(closed.code());
        refusedAndNothingChanged(() -> registerRaw(client(closed), psn, now().minusMinutes(1)));
    }

    @Test
    void an_internet_hospital_whose_physical_institution_is_deactivated_is_refused() {
        // review finding: it went on settling, priced as the deactivated institution (POLICY.md §4)
        RefData.Inst physical = ref.hospital("L2");
        RefData.Inst online = ref.internetHospitalOf(physical.code());
        ref.deactivate(physical.code());
        assertThat(refusedAndNothingChanged(() -> registerRaw(client(online), psn, now().minusMinutes(1)))
                .path("err_msg").asString()).contains("互联网医院", physical.code(), "已停用");
    }

    @Test
    void bad_signature_stale_timestamp_reused_nonce_and_a_foreign_paasid_are_refused() {
        ObjectNode body = his.envelope("2201", his.nextMsgid(), data("psn_no", psn, "insutype", "310", "begntime",
                now().minusMinutes(1).format(HisClient.DATE_TIME)));
        Map<String, String> h = his.signedHeaders();
        h.put("x-tif-signature", "0".repeat(64));
        assertThat(refusedAndNothingChanged(() -> his.post(body.toString(), h)).path("err_msg").asString()).contains("签名");

        String old = String.valueOf(java.time.Instant.now().getEpochSecond() - 301);
        Map<String, String> stale = his.signedHeaders();
        stale.put("x-tif-timestamp", old);
        stale.put("x-tif-signature", HisClient.sign(old, inst.secret(), stale.get("x-tif-nonce")));
        refusedAndNothingChanged(() -> his.post(body.toString(), stale));

        Map<String, String> once = his.signedHeaders();
        ok(his.post(his.envelope("1101", his.nextMsgid(), data("mdtrt_cert_type", "02", "mdtrt_cert_no", ref.certno(psn))).toString(), once));
        assertThat(refusedAndNothingChanged(() -> his.post(body.toString(), once)).path("err_msg").asString()).contains("nonce");

        Map<String, String> missing = his.signedHeaders();
        missing.remove("x-tif-signature");
        refusedAndNothingChanged(() -> his.post(body.toString(), missing));

        RefData.Inst other = ref.hospital("L1");
        refusedAndNothingChanged(() -> client(other).post(body.toString(), client(other).signedHeaders()));
    }

    @Test
    void begntime_in_the_future_or_beyond_the_backdate_is_refused() {
        assertThat(refusedAndNothingChanged(() -> registerRaw(his, psn, now().plusHours(1))).path("err_msg").asString())
                .contains("begntime");
        assertThat(refusedAndNothingChanged(() -> registerRaw(his, psn, now().minusDays(8))).path("err_msg").asString())
                .contains("begntime");
    }

    @Test
    void insured_area_that_is_not_the_persons_is_refused() {
        his.insuplc("410100");
        refusedAndNothingChanged(() -> registerRaw(his, psn, now().minusMinutes(1)));
        his.insuplc("4113");
        refusedAndNothingChanged(() -> registerRaw(his, psn, now().minusMinutes(1)));
    }

    @Test
    void negative_or_zero_quantity_and_a_total_that_is_not_price_times_quantity_are_refused() {
        String mdtrtId = register(his, psn, now().minusMinutes(1));
        assertThat(refusedAndNothingChanged(() -> his.call("2204", feedetail(mdtrtId, psn, line(a, "10.00", "-1"))))
                .path("err_msg").asString()).contains("cnt");
        refusedAndNothingChanged(() -> his.call("2204", feedetail(mdtrtId, psn, line(a, "10.00", "0"))));
        var fd = feedetail(mdtrtId, psn, line(a, "10.00", "1"), line(a, "3.33", "3"));
        @SuppressWarnings("unchecked") var rows = (List<Map<String, Object>>) fd.get("feedetail");
        rows.get(1).put("det_item_fee_sumamt", new BigDecimal("10.00"));
        assertThat(refusedAndNothingChanged(() -> his.call("2204", fd)).path("err_msg").asString())
                .contains("det_item_fee_sumamt", "9.99");
    }

    @Test
    void a_number_with_a_huge_exponent_is_refused_with_a_short_message() {
        String mdtrtId = register(his, psn, now().minusMinutes(1));
        upload(his, mdtrtId, psn, line(a, "10.00", "1"));
        for (String infno : List.of("2206", "2207")) {
            for (String huge : List.of("\"1e10000000\"", "1e10000000")) {
                var in = settleInput(psn, mdtrtId, "10.00", true);
                String body = his.envelope(infno, his.nextMsgid(), in).toString()
                        .replaceFirst("\"medfee_sumamt\":[0-9.]+", "\"medfee_sumamt\":" + huge);
                assertThat(body).contains("1e10000000");
                String msg = refusedAndNothingChanged(() -> his.post(body, his.signedHeaders())).path("err_msg").asString();
                assertThat(msg).as("%s %s", infno, huge).contains("input.data.medfee_sumamt", "10^12").hasSizeLessThan(500);
            }
        }
    }

    @Test
    void amounts_prices_and_quantities_too_large_for_their_columns_are_refused_naming_the_field() {
        String mdtrtId = register(his, psn, now().minusMinutes(1));
        record Big(String pric, String cnt, String sumamt, String field, String bound) {}
        for (Big b : List.of(new Big("99999999999.99", "1", "99999999999.99", "pric", "10^10"),
                new Big("0.01", "1000000000000", "10000000000", "cnt", "10^12"),
                new Big("1", "99999999999999", "99999999999999", "cnt", "10^12"),
                new Big("9999999999", "1000", "9999999999000", "det_item_fee_sumamt", "10^12"))) {
            var fd = feedetail(mdtrtId, psn, line(a, "1.00", "1"));
            @SuppressWarnings("unchecked") var row = ((List<Map<String, Object>>) fd.get("feedetail")).get(0);
            row.put("pric", new BigDecimal(b.pric()));
            row.put("cnt", new BigDecimal(b.cnt()));
            row.put("det_item_fee_sumamt", new BigDecimal(b.sumamt()));
            assertThat(refusedAndNothingChanged(() -> his.call("2204", fd)).path("err_msg").asString()).as("%s", b)
                    .contains("input.feedetail[0]." + b.field(), b.bound());
        }
        upload(his, mdtrtId, psn, line(a, "10.00", "1"));
        assertThat(refusedAndNothingChanged(() -> his.call("2207", settleInput(psn, mdtrtId, "1000000000000.00", true)))
                .path("err_msg").asString()).contains("input.data.medfee_sumamt", "10^12");
    }

    @Test
    void an_impossible_date_is_refused_naming_the_field_not_moved_to_a_real_one() {
        // 24:00:00 of yesterday was read as today 00:00:00, inside the backdate window, and registered
        String midnight = now().toLocalDate().minusDays(1) + " 24:00:00";
        assertThat(refusedAndNothingChanged(() -> his.call("2201", data("psn_no", psn, "insutype", "310", "begntime", midnight,
                "mdtrt_cert_type", "02", "mdtrt_cert_no", "x"))).path("err_msg").asString())
                .contains("input.data.begntime", midnight);
        String mdtrtId = register(his, psn, now().minusMinutes(1));
        var fd = feedetail(mdtrtId, psn, line(a, "1.00", "1"));
        @SuppressWarnings("unchecked") var row = ((List<Map<String, Object>>) fd.get("feedetail")).get(0);
        row.put("fee_ocur_time", "2026-02-30 10:00:00");
        assertThat(refusedAndNothingChanged(() -> his.call("2204", fd)).path("err_msg").asString())
                .contains("input.feedetail[0].fee_ocur_time", "2026-02-30 10:00:00");
    }

    @Test
    void a_cumulative_query_for_a_month_that_does_not_exist_is_refused() {
        for (String ym : List.of("202613", "202600", "2026-13")) {
            assertThat(refusedAndNothingChanged(() -> his.call("5206", data("psn_no", psn, "cum_ym", ym))).path("err_msg").asString())
                    .contains("input.data.cum_ym", ym);
        }
        int year = now().getYear();
        assertThat(ok(his.call("5206", data("psn_no", psn, "cum_ym", year + "-01"))).path("cuminfo").get(0).path("cum_ym").asString())
                .isEqualTo(year + "01");
    }

    @Test
    void a_reversal_of_what_cannot_be_a_message_is_refused_and_not_remembered() {
        String wellFormed = his.nextMsgid();
        assertThat(refusedAndNothingChanged(() -> his.call("2601", data("psn_no", psn, "omsgid", "abc", "oinfno", "2207")))
                .path("err_msg").asString()).contains("input.data.omsgid");
        assertThat(refusedAndNothingChanged(() -> his.call("2601", data("psn_no", psn, "omsgid", "H".repeat(5000), "oinfno", "2207")))
                .path("err_msg").asString()).contains("input.data.omsgid").hasSizeLessThan(500);
        assertThat(refusedAndNothingChanged(() -> his.call("2601", data("psn_no", psn, "omsgid", wellFormed, "oinfno", "9999")))
                .path("err_msg").asString()).contains("input.data.oinfno", "9999");
        assertThat(refusedAndNothingChanged(() -> his.call("2601", data("psn_no", psn, "omsgid", wellFormed, "oinfno", "2".repeat(5000))))
                .path("err_msg").asString()).contains("input.data.oinfno").hasSizeLessThan(500);
        // docs/decisions.md: a well-formed omsgid never received is success, remembered
        ok(his.call("2601", data("psn_no", psn, "omsgid", wellFormed, "oinfno", "2207")));
        assertThat(db.sql("select count(*) from his_message where msgid = :m and reversed_at is not null").param("m", wellFormed)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void a_duplicate_feedetl_sn_refuses_the_whole_batch() {
        String mdtrtId = register(his, psn, now().minusMinutes(1));
        var fd = feedetail(mdtrtId, psn, line(a, "10.00", "1"));
        ok(his.call("2204", fd));
        refusedAndNothingChanged(() -> his.call("2204", fd));
    }

    @Test
    void settling_with_a_total_that_disagrees_with_the_lines_or_with_no_lines_is_refused() {
        String mdtrtId = register(his, psn, now().minusMinutes(1));
        assertThat(refusedAndNothingChanged(() -> his.call("2207", settleInput(psn, mdtrtId, "10.00", true)))
                .path("err_msg").asString()).contains("费用明细");
        upload(his, mdtrtId, psn, line(a, "10.00", "1"));
        JsonNode r = refusedAndNothingChanged(() -> his.call("2207", settleInput(psn, mdtrtId, "11.00", true)));
        assertThat(r.path("err_msg").asString()).contains("medfee_sumamt", "11.00", "10.00");
        var in = settleInput(psn, mdtrtId, "10.00", true);
        @SuppressWarnings("unchecked") var d = (Map<String, Object>) in.get("data");
        d.put("inscp_scp_amt", new BigDecimal("9.00"));
        assertThat(refusedAndNothingChanged(() -> his.call("2207", in)).path("err_msg").asString()).contains("inscp_scp_amt");
    }

    @Test
    void cancelling_twice_or_another_institutions_settlement_is_refused() {
        JsonNode s = visit(his, psn, now().minusMinutes(1), true, line(a, "100.00", "1"));
        String setlId = s.path("setl_id").asString();
        String mdtrtId = s.path("mdtrt_id").asString();
        HisClient other = client(ref.hospital("L3"));
        assertThat(refusedAndNothingChanged(() -> other.call("2208", data("setl_id", setlId, "mdtrt_id", mdtrtId, "psn_no", psn)))
                .path("err_msg").asString()).contains("结算机构");
        cancel(his, psn, mdtrtId, setlId);
        assertThat(refusedAndNothingChanged(() -> his.call("2208", data("setl_id", setlId, "mdtrt_id", mdtrtId, "psn_no", psn)))
                .path("err_msg").asString()).contains("该结算已撤销");
    }

    @Test
    void settled_lines_cannot_be_cancelled_nor_a_settled_registration() {
        JsonNode s = visit(his, psn, now().minusMinutes(1), false, line(a, "100.00", "1"));
        String mdtrtId = s.path("mdtrt_id").asString();
        refusedAndNothingChanged(() -> his.call("2205", data("mdtrt_id", mdtrtId, "chrg_bchno", "B1", "psn_no", psn)));
        refusedAndNothingChanged(() -> his.call("2202", data("psn_no", psn, "mdtrt_id", mdtrtId, "ipt_otp_no", "x")));
        refusedAndNothingChanged(() -> his.call("2204", feedetail(mdtrtId, psn, line(a, "1.00", "1"))));
    }

    @Test
    void an_internal_failure_answers_minus_one_in_the_envelope_never_an_error_page() {
        db.sql("alter table sign_in rename to sign_in_away").update();
        try {
            JsonNode r = his.call("9001", Map.of("signIn", Map.of("opter_no", "001", "mac", "", "ip", "127.0.0.1")));
            assertThat(r.path("infcode").asInt()).isEqualTo(-1);
            assertThat(r.path("err_msg").asString()).startsWith("系统内部错误，请使用2601冲正后重试").contains("参考号");
            assertThat(r.toString()).doesNotContain("Exception", "at cn.gongji");
        } finally {
            db.sql("alter table sign_in_away rename to sign_in").update();
        }
        ok(his.call("9001", Map.of("signIn", Map.of("opter_no", "001", "mac", "", "ip", "127.0.0.1"))));
    }

    @Test
    void a_get_or_wrong_content_is_still_answered_without_an_html_page() {
        var r = his.postRaw("<html/>", his.signedHeaders());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("{").contains("\"infcode\":-2");
    }
}
