package cn.gongji.clearing;

import static cn.gongji.clearing.ClearingSteps.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.support.HisClient;
import cn.gongji.support.Invariants;
import cn.gongji.support.RefData;
import cn.gongji.support.ServiceIT;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** 3201, 9101, 3202, 9102 and 3203 over the protocol, against settlements made through the protocol. */
@ServiceIT
class ReconciliationIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;

    RefData ref;
    HisClient his;
    String item;
    List<JsonNode> settled;
    /** The day the settlements are moved to, one month back: an application is for a month that has ended. */
    LocalDate today = LocalDate.now(HisClient.ZONE).minusMonths(1);

    @BeforeEach
    void threeSettlementsAndOneCancelled() {
        ref = new RefData(db);
        RefData.Inst inst = ref.hospital("L1");
        his = new HisClient("http://127.0.0.1:" + port, inst.code(), inst.secret());
        item = ref.classA();
        String psn = ref.person("in_service");
        settled = new ArrayList<>();
        settled.add(visit(his, psn, item, "100.00", null));
        settled.add(visit(his, psn, item, "80.00", null));
        settled.add(visit(his, psn, item, "50.00", null));
        settled.add(cancel(his, settled.get(1)));
        settled.forEach(s -> backdate(s.path("setl_id").asString()));
    }

    /** Moves a settlement made now to the same local time one month back (Asia/Shanghai), as `today` is. */
    void backdate(String setlId) {
        db.sql("""
                update settlement set setl_time = ((setl_time at time zone 'Asia/Shanghai') - interval '1 month')
                    at time zone 'Asia/Shanghai' where setl_id = :s
                """).param("s", setlId).update();
    }

    @AfterEach
    void invariants() {
        Invariants.check(db);
    }

    Map<String, Object> totals(long count, String medfee, String fund, String acct) {
        return map("data", map("insutype", "310", "clr_type", "11", "setl_optins", "411300", "stmt_begndate",
                today.toString(), "stmt_enddate", today.toString(), "medfee_sumamt", new BigDecimal(medfee),
                "fund_pay_sumamt", new BigDecimal(fund), "acct_pay", new BigDecimal(acct), "fixmedins_setl_cnt", count));
    }

    @Test
    void totals_that_match_ours_agree_and_a_missing_settlement_is_explained() {
        // 4 rows: 100 + 80 − 80 + 50 = 150.00 medfee; L1 in-service 60%: 60 + 48 − 48 + 30 = 90.00 fund
        JsonNode agree = ok(his.call("3201", totals(4, "150.00", "90.00", "0.00"))).path("stmtinfo");
        assertThat(agree.path("stmt_rslt").asInt()).isZero();
        assertThat(agree.path("setl_optins").asString()).isEqualTo("411300");

        JsonNode differ = ok(his.call("3201", totals(3, "100.00", "60.00", "0.00"))).path("stmtinfo");
        assertThat(differ.path("stmt_rslt").asInt()).isEqualTo(1);
        assertThat(differ.path("stmt_rslt_dscr").asString()).contains("fixmedins_setl_cnt 中心 4，机构 3")
                .contains("fund_pay_sumamt 中心 90.00，机构 60.00，差额 -30.00");
    }

    @Test
    void a_detail_file_lacking_one_settlement_gets_a_result_naming_exactly_that_settlement() {
        String missing = settled.get(2).path("setl_id").asString();
        StringBuilder file = new StringBuilder("setl_id\tmdtrt_id\tpsn_no\tmedfee_sumamt\tfund_pay_sumamt\tacct_pay\trefd_setl_flag\n");
        for (JsonNode s : settled) {
            if (!s.path("setl_id").asString().equals(missing)) {
                file.append(String.join("\t", s.path("setl_id").asString(), s.path("mdtrt_id").asString(),
                        s.path("psn_no").asString(), s.path("medfee_sumamt").decimalValue().toPlainString(),
                        s.path("fund_pay_sumamt").decimalValue().toPlainString(),
                        s.path("acct_pay").decimalValue().toPlainString(),
                        s.path("medfee_sumamt").decimalValue().signum() < 0 ? "1" : "0")).append('\n');
            }
        }
        String fileId = upload(file.toString());

        YearMonth ym = YearMonth.from(today);
        JsonNode info = ok(his.call("3202", map("data", map("setl_optins", "411300", "clr_type", "11",
                "stmt_begndate", ym.atDay(1).toString(), "stmt_enddate", ym.atEndOfMonth().toString(), "medfee_sumamt", new BigDecimal("100.00"),
                "fund_pay_sumamt", new BigDecimal("60.00"), "cash_payamt", new BigDecimal("40.00"), "fixmedins_setl_cnt", 3,
                "file_qury_no", fileId)))).path("fileinfo");
        assertThat(info.path("stmt_rslt").asInt()).isEqualTo(1);
        assertThat(info.path("agree_cnt").asLong()).isEqualTo(3);
        assertThat(info.path("fixmedins_missing_cnt").asLong()).isEqualTo(1);
        assertThat(info.path("center_missing_cnt").asLong()).isZero();
        assertThat(info.path("differ_cnt").asLong()).isZero();

        List<String> lines = download(info.path("file_qury_no").asString()).lines().skip(1).toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.stream().filter(l -> !l.split("\t")[3].equals("0")))
                .singleElement().satisfies(l -> {
                    String[] f = l.split("\t", -1);
                    assertThat(f[0]).isEqualTo(missing);
                    assertThat(f[3]).isEqualTo("2");
                    assertThat(f[5]).as("their medfee").isEmpty();
                    assertThat(f[6]).as("our medfee").isEqualTo("50.00");
                    assertThat(f[8]).as("our fund").isEqualTo("30.00");
                });

        String err = refused(his.call("3203", application("90.00")));
        assertThat(err).contains("不一致");
    }

    @Test
    void an_application_is_refused_until_the_month_agrees_then_recorded_once() {
        YearMonth ym = YearMonth.from(today);
        YearMonth current = ym.plusMonths(1);
        assertThat(refused(his.call("3203", application(current, "0.00")))).as("the current month has not ended")
                .contains("尚未结束");
        assertThat(refused(his.call("3203", application("90.00")))).contains("尚未对账");
        JsonNode agree = ok(his.call("3201", map("data", map("insutype", "310", "clr_type", "11", "stmt_begndate",
                ym.atDay(1).toString(), "stmt_enddate", ym.atEndOfMonth().toString(), "medfee_sumamt", new BigDecimal("150.00"),
                "fund_pay_sumamt", new BigDecimal("90.00"), "acct_pay", BigDecimal.ZERO, "fixmedins_setl_cnt", 4))));
        assertThat(agree.path("stmtinfo").path("stmt_rslt").asInt()).isZero();
        assertThat(refused(his.call("3203", application("95.00")))).contains("fund_appy_sum");
        var wrongMedfee = application("90.00");
        data(wrongMedfee).put("medfee_sumamt", new BigDecimal("999.00"));
        assertThat(refused(his.call("3203", wrongMedfee))).as("every figure must be ours").contains("medfee_sumamt", "150.00");
        var wrongCash = application("90.00");
        data(wrongCash).put("cash_payamt", new BigDecimal("59.99"));
        assertThat(refused(his.call("3203", wrongCash))).contains("cash_payamt");
        var partial = application("90.00");
        data(partial).put("begndate", ym.atDay(2).toString());
        assertThat(refused(his.call("3203", partial))).as("the whole month or nothing").contains("整个清算年月");
        assertThat(db.sql("select count(*) from clearing_application where fixmedins_code = :i").param("i", his.code())
                .query(Long.class).single()).as("nothing recorded by a refusal").isZero();

        JsonNode out = ok(his.call("3203", application("90.00")));
        assertThat(out.path("data").path("clr_appy_evt_id").asString()).startsWith("C");
        assertThat(refused(his.call("3203", application("90.00")))).contains("已申请");
    }

    @Test
    void a_settlement_after_the_reconciliation_makes_it_stale() {
        YearMonth ym = YearMonth.from(today);
        ok(his.call("3201", map("data", map("clr_type", "11", "stmt_begndate", ym.atDay(1).toString(),
                "stmt_enddate", ym.atEndOfMonth().toString(), "medfee_sumamt", new BigDecimal("150.00"),
                "fund_pay_sumamt", new BigDecimal("90.00"), "acct_pay", BigDecimal.ZERO, "fixmedins_setl_cnt", 4))));
        // a settlement of that month arriving after the reconciliation (here: a visit moved back into it)
        backdate(visit(his, settled.get(0).path("psn_no").asString(), item, "10.00", null).path("setl_id").asString());
        assertThat(refused(his.call("3203", application("90.00")))).contains("重新对账");
    }

    @Test
    void bad_input_gets_a_protocol_error_and_changes_nothing() {
        long before = db.sql("select count(*) from clearing_reconciliation").query(Long.class).single();
        refused(his.call("3201", map("data", map("clr_type", "99", "stmt_begndate", "2026-01-01", "stmt_enddate",
                "2026-01-31", "medfee_sumamt", 1, "fund_pay_sumamt", 1, "acct_pay", 0))));
        refused(his.call("3201", map("data", map("clr_type", "11", "stmt_begndate", "2026-02-01", "stmt_enddate",
                "2026-01-31", "medfee_sumamt", 1, "fund_pay_sumamt", 1, "acct_pay", 0))));
        var otherCity = totals(4, "150.00", "90.00", "0.00");
        data(otherCity).put("setl_optins", "410100");
        assertThat(refused(his.call("3201", otherCity))).as("another city's agency").contains("setl_optins");
        refused(his.call("3202", map("data", map("stmt_begndate", today.toString(), "stmt_enddate", today.toString(),
                "file_qury_no", "F-none"))));
        String bad = upload("S1\tM1\tonly-three-columns\n");
        assertThat(refused(his.call("3202", map("data", map("stmt_begndate", today.toString(), "stmt_enddate",
                today.toString(), "file_qury_no", bad))))).contains("第 1 行");
        refused(his.call("9101", map("fsUploadIn", map("filename", "x.txt", "in", "***not base64***"))));
        assertThat(refused(his.call("9101", map("fsUploadIn", map("filename", "x.txt", "in", "@@@@")))))
                .as("characters outside base64 are not skipped").contains("base64");
        assertThat(refused(his.call("9101", map("fsUploadIn", map("filename", "x.txt", "in", "!!notb64"))))).contains("base64");
        assertThat(db.sql("select count(*) from clearing_reconciliation").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void a_gzip_upload_is_stored_uncompressed_and_another_institution_cannot_read_it() throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(bytes)) {
            gz.write("压缩内容\n".getBytes(StandardCharsets.UTF_8));
        }
        JsonNode up = ok(his.call("9101", map("fsUploadIn", map("filename", "d.txt.gz",
                "in", Base64.getEncoder().encodeToString(bytes.toByteArray()), "fixmedins_code", his.code()))));
        assertThat(download(up.path("file_qury_no").asString())).isEqualTo("压缩内容\n");
        RefData.Inst other = ref.hospital("L1");
        HisClient stranger = new HisClient("http://127.0.0.1:" + port, other.code(), other.secret());
        refused(stranger.call("9102", map("fsDownloadIn", map("file_qury_no", up.path("file_qury_no").asString()))));
    }

    Map<String, Object> application(String fund) {
        return application(YearMonth.from(today), fund);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Map<String, Object> message) {
        return (Map<String, Object>) message.get("data");
    }

    Map<String, Object> application(YearMonth ym, String fund) {
        return map("data", map("clr_type", "11", "clr_way", "1", "setlym", ym.toString().replace("-", ""),
                "begndate", ym.atDay(1).toString(), "enddate", ym.atEndOfMonth().toString(),
                "medfee_sumamt", new BigDecimal("150.00"), "med_sumfee", new BigDecimal("150.00"),
                "fund_appy_sum", new BigDecimal(fund), "cash_payamt", new BigDecimal("60.00"), "acct_pay", BigDecimal.ZERO));
    }

    String upload(String content) {
        return ok(his.call("9101", map("fsUploadIn", map("filename", "detail.txt",
                "in", Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)),
                "fixmedins_code", his.code())))).path("file_qury_no").asString();
    }

    String download(String id) {
        JsonNode out = ok(his.call("9102", map("fsDownloadIn", map("file_qury_no", id, "fixmedins_code", his.code()))));
        return new String(Base64.getDecoder().decode(out.path("in").asString()), StandardCharsets.UTF_8);
    }
}
