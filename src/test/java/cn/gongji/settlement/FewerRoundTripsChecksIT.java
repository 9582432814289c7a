package cn.gongji.settlement;

import static cn.gongji.settlement.HisSteps.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.support.HisClient;
import cn.gongji.support.ServiceIT;
import cn.gongji.web.AgencyClient;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import cn.gongji.settlement.his.FeeTx;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 2201 registers in one statement (with its stored answer, and no transaction around it) and 2204
 * reads a locked visit in one (issue 9, RoundTripsIT): each refusal those statements fold in still
 * answers its own reason and stores nothing, and a registration's answer is stored with its visit.
 */
@ServiceIT
class FewerRoundTripsChecksIT extends HisTestBase {

    private long visits() {
        return ref.count("visit");
    }

    @Test
    void registration_of_an_unknown_person_is_refused_by_name_and_stores_no_visit() {
        HisClient his = client(ref.hospital("L2"));
        long before = visits();

        JsonNode r = refused(registerRaw(his, "41130000009999999999", now().minusMinutes(5)));

        assertThat(r.path("err_msg").asString()).contains("41130000009999999999", "not found");
        assertThat(visits()).isEqualTo(before);
    }

    @Test
    void registration_with_another_insured_area_is_refused_and_stores_no_visit() {
        HisClient his = client(ref.hospital("L2")).insuplc("411500");
        String psn = ref.person("in_service");
        long before = visits();

        JsonNode r = refused(registerRaw(his, psn, now().minusMinutes(5)));

        assertThat(r.path("err_msg").asString()).contains("insuplc_admdvs differs");
        assertThat(visits()).isEqualTo(before);
    }

    @Test
    void registration_before_the_insurance_began_is_refused_and_stores_no_visit() {
        HisClient his = client(ref.hospital("L2"));
        String psn = ref.person("in_service");
        db.sql("update person set insu_date = :d where psn_no = :p").param("d", LocalDate.now(HisClient.ZONE))
                .param("p", psn).update();
        long before = visits();

        JsonNode r = refused(registerRaw(his, psn, now().minusDays(2)));

        assertThat(r.path("err_msg").asString()).contains("not yet insured");
        assertThat(visits()).isEqualTo(before);
        assertThat(register(his, psn, now().minusMinutes(1))).isNotBlank();   // from the first day of insurance on
    }

    @Test
    void registration_older_than_the_backdate_limit_is_refused_whatever_the_person() {
        HisClient his = client(ref.hospital("L2"));
        String psn = ref.person("in_service");

        JsonNode r = refused(registerRaw(his, psn, now().minusDays(30)));

        assertThat(r.path("err_msg").asString()).contains("older than the allowed backdate");
        assertThat(refused(registerRaw(his, "41130000009999999998", now().minusDays(30))).path("err_msg").asString())
                .as("the person's refusal comes first, as before").contains("not found");
    }

    @Test
    void a_valid_registration_answers_the_stored_visit() {
        HisClient his = client(ref.hospital("L3"));
        String psn = ref.person("in_service");

        JsonNode out = ok(registerRaw(his, psn, now().minusMinutes(3)));

        String mdtrtId = out.path("data").path("mdtrt_id").asString();
        assertThat(out.path("data").path("psn_no").asString()).isEqualTo(psn);
        assertThat(db.sql("select psn_no from visit where mdtrt_id = :m").param("m", mdtrtId).query(String.class).single())
                .isEqualTo(psn);
    }

    @Test
    void a_registration_in_one_statement_stores_the_visit_and_its_answer_and_a_retry_answers_the_same() {
        HisClient his = client(ref.hospital("L2"));
        String psn = ref.person("in_service");
        String msgid = his.nextMsgid();
        var input = data("psn_no", psn, "insutype", "310", "begntime", now().minusMinutes(4).format(HisClient.DATE_TIME),
                "med_type", "13", "mdtrt_cert_type", "02", "mdtrt_cert_no", "C-7", "ipt_otp_no", "OP-one-statement",
                "atddr_no", "D07", "dr_name", "李医生", "dept_code", "A04", "dept_name", "外科", "caty", "A04");

        JsonNode first = his.call("2201", msgid, input);
        ok(first);

        String mdtrtId = first.path("output").path("data").path("mdtrt_id").asString();
        assertThat(first.path("output").path("data").path("ipt_otp_no").asString()).isEqualTo("OP-one-statement");
        var visit = db.sql("""
                select psn_no, fixmedins_code, insutype, med_type, ipt_otp_no, mdtrt_cert_type, mdtrt_cert_no, atddr_no,
                       dr_name, dept_code, dept_name, caty, msgid, status
                from visit where mdtrt_id = :m""").param("m", mdtrtId).query().singleRow();
        assertThat(visit).containsEntry("psn_no", psn).containsEntry("fixmedins_code", his.code())
                .containsEntry("med_type", "13").containsEntry("mdtrt_cert_no", "C-7").containsEntry("atddr_no", "D07")
                .containsEntry("dr_name", "李医生").containsEntry("dept_name", "外科").containsEntry("msgid", msgid);
        var stored = db.sql("select infno, psn_no, response from his_message where fixmedins_code = :i and msgid = :m")
                .param("i", his.code()).param("m", msgid).query().singleRow();
        assertThat(stored).containsEntry("infno", "2201").containsEntry("psn_no", psn);
        assertThat(JsonMapper.builder().build().readTree((String) stored.get("response"))).as("the answer stored is the answer sent").isEqualTo(first);

        long visits = visits();
        assertThat(his.call("2201", msgid, input)).as("a retry answers the first answer").isEqualTo(first);
        assertThat(visits()).as("and registers nothing").isEqualTo(visits);
    }

    @Test
    void an_upload_stores_its_answer_with_its_lines_and_that_answer_is_the_lines_as_stored() {
        HisClient his = client(ref.hospital("L2"));
        String psn = ref.person("in_service");
        String mdtrtId = register(his, psn, now().minusMinutes(6));
        String classA = ref.item("01", "0", null, true);
        String overStandard = ref.item("02", "0.1", "20.00", true);   // a payment standard below the price
        String classC = ref.item("03", "1", null, false);
        String msgid = his.nextMsgid();
        var input = feedetail(mdtrtId, psn, line(classA, "12.345678", "1.5"), line(overStandard, "35.5", "2"),
                line(classC, "8", "1.2345"), line("NOT-IN-CATALOG-7", "3.3", "3"));

        JsonNode answer = his.call("2204", msgid, input);
        ok(answer);

        ArrayNode fromRows = linesAsStored(msgid);
        JsonNode stored = EXACT.readTree(db.sql("select response from his_message where fixmedins_code = :i and msgid = :m")
                .param("i", his.code()).param("m", msgid).query(String.class).single());
        assertThat(fromRows).hasSize(4);
        assertThat(stored.path("output").path("result")).as("the answer made before the insert is the lines as stored")
                .isEqualTo(fromRows);
        assertThat(stored).as("the answer stored is the answer sent").isEqualTo(EXACT.readTree(answer.toString()));

        long lines = ref.count("fee_line");
        assertThat(his.call("2204", msgid, input)).as("a retry answers the first answer").isEqualTo(answer);
        assertThat(ref.count("fee_line")).as("and stores no line").isEqualTo(lines);
    }

    /** Numbers read as BigDecimal, so that 12.50 and 12.5 compare as written. */
    private static final ObjectMapper EXACT = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    /** The 2204 answer rows of the lines stored under {@code msgid}, in line order, as the answer writes them. */
    private ArrayNode linesAsStored(String msgid) {
        ArrayNode rows = EXACT.createArrayNode();
        db.sql("select " + FeeLineRow.COLUMNS + " from fee_line where msgid = :m order by line_id").param("m", msgid)
                .query(FeeLineRow::map).list().forEach(r -> rows.add(FeeTx.line(EXACT.createObjectNode(), r)));
        return (ArrayNode) EXACT.readTree(EXACT.writeValueAsString(rows));
    }

    /**
     * 1,001 lines in one message: two inserts (PostgreSQL's parameter limit), the first of 1,000 rows
     * (a statement made for the call) with the answer, the second of one row (a statement kept); the
     * answer lists every line in the order sent, and is the lines as stored.
     */
    @Test
    void an_upload_of_1001_lines_is_stored_in_two_inserts_and_answered_in_the_order_sent() {
        HisClient his = client(ref.hospital("L2"));
        String psn = ref.person("in_service");
        String mdtrtId = register(his, psn, now().minusMinutes(6));
        String classA = ref.item("01", "0", null, true);
        Line[] many = new Line[1001];
        for (int i = 0; i < many.length; i++) {
            many[i] = line(i % 7 == 0 ? "NOT-IN-CATALOG-" + i : classA, (i + 1) + ".01", "1");
        }
        String msgid = his.nextMsgid();
        var input = feedetail(mdtrtId, psn, many);

        JsonNode answer = his.call("2204", msgid, input);
        JsonNode result = ok(answer).path("result");

        assertThat(result).hasSize(1001);
        assertThat(EXACT.readTree(result.toString())).as("the answer is the lines as stored, in the order sent")
                .isEqualTo(linesAsStored(msgid));
        assertThat(result.get(1000).path("det_item_fee_sumamt").decimalValue()).isEqualByComparingTo("1001.01");
        assertThat(result.get(7).path("memo").asString()).isNotBlank();   // not in the catalog
        assertThat(his.call("2204", msgid, input)).as("a retry answers the first answer").isEqualTo(answer);
    }

    @Test
    void an_upload_repeating_a_serial_already_uploaded_is_refused_and_stores_nothing() {
        HisClient his = client(ref.hospital("L2"));
        String psn = ref.person("in_service");
        String mdtrtId = register(his, psn, now().minusMinutes(5));
        JsonNode first = uploadWithSerial(his, mdtrtId, psn, "SN-A", ref.classA());
        ok(first);

        JsonNode again = refused(uploadWithSerial(his, mdtrtId, psn, "SN-A", ref.classA()));

        assertThat(again.path("err_msg").asString()).contains("SN-A", "already uploaded");
        assertThat(db.sql("select count(*) from fee_line where mdtrt_id = :m").param("m", mdtrtId).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void an_upload_to_a_settled_visit_is_refused_and_stores_nothing() {
        HisClient his = client(ref.hospital("L2"));
        String psn = ref.person("in_service");
        String mdtrtId = register(his, psn, now().minusMinutes(5));
        upload(his, mdtrtId, psn, line(ref.classA(), "10.00", "1"));
        settle(his, psn, mdtrtId, "10.00", false);

        JsonNode r = refused(his.call("2204", feedetail(mdtrtId, psn, line(ref.classA(), "5.00", "1"))));

        assertThat(r.path("err_msg").asString()).contains("the visit is settled");
        assertThat(db.sql("select count(*) from fee_line where mdtrt_id = :m").param("m", mdtrtId).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void an_item_level_set_through_the_agency_api_applies_to_the_next_upload_at_once_although_limits_are_cached() {
        HisClient his = client(ref.hospital("L2"));
        String psn = ref.person("in_service");
        String item = ref.item("01", "0", null, true);
        upload(his, register(his, psn, now().minusMinutes(5)), psn, line(item, "10.00", "1"));   // its limits now cached

        assertThat(new AgencyClient(port).put("/api/admin/supervision/item-levels/" + item, "{\"min_level\":\"L3\"}").status())
                .isEqualTo(200);
        String mdtrtId = register(his, psn, now().minusMinutes(4));
        JsonNode r = refused(his.call("2204", feedetail(mdtrtId, psn, line(item, "10.00", "1"))));

        assertThat(r.path("err_msg").asString()).contains("R05");
        assertThat(db.sql("select count(*) from fee_line where mdtrt_id = :m").param("m", mdtrtId).query(Long.class).single())
                .isZero();
    }

    /** One fee line with a chosen serial (HisSteps numbers them itself). */
    @SuppressWarnings("unchecked")
    private static JsonNode uploadWithSerial(HisClient his, String mdtrtId, String psn, String sn, String code) {
        var body = feedetail(mdtrtId, psn, line(code, "10.00", "1"));
        ((java.util.List<java.util.Map<String, Object>>) body.get("feedetail")).getFirst().put("feedetl_sn", sn);
        return his.call("2204", body);
    }
}
