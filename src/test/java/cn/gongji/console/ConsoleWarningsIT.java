package cn.gongji.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.console.staff.Role;
import cn.gongji.console.staff.StaffStore;
import cn.gongji.support.HisClient;
import cn.gongji.support.Invariants;
import cn.gongji.support.RefData;
import cn.gongji.support.ServiceIT;
import cn.gongji.supervision.db.IndicatorRun;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The warnings review queue, the institution page's indicator and statement panels and the
 * console's audit-log entries, over HTTP with a session (no JavaScript): who may read, who may
 * review, what a refused move leaves behind (nothing), and what an export shows of a person.
 */
@ServiceIT
class ConsoleWarningsIT {

    static final String PASSWORD = "warnings-password-1";

    @LocalServerPort
    int port;

    @Autowired
    StaffStore staff;

    @Autowired
    JdbcClient db;

    @Autowired
    IndicatorRun indicators;

    RefData ref;
    String suffix;
    java.util.List<String> brokenBefore;

    @BeforeEach
    void users() {
        ref = new RefData(db);
        suffix = Integer.toString(ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999));
        for (Role r : Role.values()) {
            staff.create(r.code() + suffix, "预警 " + r.code(), r, PASSWORD, "test");
        }
        brokenBefore = Invariants.violations(db);
    }

    @AfterEach
    void invariantsHold() {
        assertThat(Invariants.violations(db)).as("invariants this test broke").isSubsetOf(brokenBefore);
    }

    ConsoleClient as(Role r) {
        ConsoleClient c = new ConsoleClient(port);
        assertThat(c.staff(r.code() + suffix, PASSWORD).location()).doesNotContain("error");
        return c;
    }

    record Made(RefData.Inst inst, HisClient his, String psn, String setlId, long warningId) {}

    /** A visit with the same item charged twice at one price, settled over the protocol: one R01 warning in 初审. */
    Made suspicious() {
        RefData.Inst inst = ref.hospital("L2");
        HisClient his = new HisClient("http://127.0.0.1:" + port, inst.code(), inst.secret());
        String psn = ref.person("in_service");
        String a = ref.classA();
        JsonNode s = Protocol.settle(his, psn, false, new String[] {a, "40.00", "1"}, new String[] {a, "40.00", "1"});
        String setlId = s.path("setl_id").asString();
        long id = db.sql("select warning_id from supervision_warning where setl_id = :s and rule_id = 'R01'")
                .param("s", setlId).query(Long.class).single();
        return new Made(inst, his, psn, setlId, id);
    }

    String status(long id) {
        return db.sql("select status from supervision_warning where warning_id = :w").param("w", id).query(String.class).single();
    }

    @Test
    void auditors_and_admins_review_finance_only_reads_and_operators_are_refused_the_queue() {
        Made m = suspicious();
        String page = "/console/warnings/" + m.warningId();

        assertThat(as(Role.OPERATOR).get("/console/warnings").status()).isEqualTo(403);
        assertThat(as(Role.OPERATOR).get(page).status()).isEqualTo(403);

        ConsoleClient finance = as(Role.FINANCE);
        ConsoleClient.Answer read = finance.get(page);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).contains("id=\"w-readonly\"").doesNotContain("id=\"do-escalate\"");
        assertThat(finance.post(page, page + "/transitions", Map.of("action", "escalate")).status()).isEqualTo(403);
        assertThat(finance.get("/console/warnings?inst=" + m.inst().code()).body()).contains("id=\"w-" + m.warningId() + "\"");

        ConsoleClient auditor = as(Role.AUDITOR);
        String body = auditor.get(page).body();
        assertThat(body).contains("id=\"do-escalate\"", "id=\"do-dismiss\"").doesNotContain("id=\"do-confirm\"", "id=\"do-notify\"");
        assertThat(auditor.postRaw(page + "/transitions", Map.of("action", "escalate")).status()).as("no CSRF token").isEqualTo(403);
        assertThat(status(m.warningId())).isEqualTo("first_review");

        ConsoleClient.Answer moved = auditor.post(page, page + "/transitions", Map.of("action", "escalate", "note", "初审：同一项目重复"));
        assertThat(moved.status()).isEqualTo(302);
        assertThat(moved.location()).endsWith(page);
        assertThat(status(m.warningId())).isEqualTo("second_review");
        assertThat(db.sql("select actor from supervision_warning_event where warning_id = :w and action = 'escalate'")
                .param("w", m.warningId()).query(String.class).single()).isEqualTo("console:auditor" + suffix);
        assertThat(as(Role.ADMIN).get(page).body()).contains("id=\"do-notify\"");
    }

    @Test
    void a_move_the_lifecycle_does_not_allow_or_a_bad_amount_is_explained_and_changes_nothing() {
        Made m = suspicious();
        String page = "/console/warnings/" + m.warningId();
        ConsoleClient auditor = as(Role.AUDITOR);

        assertThat(auditor.post(page, page + "/transitions", Map.of("action", "confirm")).status()).isEqualTo(302);
        assertThat(auditor.get(page).body()).contains("id=\"w-problem\"", "初审");
        assertThat(auditor.post(page + "?lang=en", page + "/transitions", Map.of("action", "appeal", "note", "x")).status())
                .isEqualTo(302);
        assertThat(auditor.get(page).body()).contains("id=\"w-problem\"", "Action not allowed");
        assertThat(status(m.warningId())).isEqualTo("first_review");

        auditor.post(page + "?lang=zh", page + "/transitions", Map.of("action", "escalate"));
        auditor.post(page, page + "/transitions", Map.of("action", "notify"));
        Protocol.appeal(m.his(), m.warningId(), "两次为不同部位治疗");
        assertThat(status(m.warningId())).isEqualTo("verification");
        auditor.post(page, page + "/transitions", Map.of("action", "confirm", "amount", "12.345"));
        assertThat(auditor.get(page).body()).contains("id=\"w-problem\"", "最多两位小数");
        auditor.post(page, page + "/transitions", Map.of("action", "confirm", "amount", "99999.00"));
        assertThat(auditor.get(page).body()).contains("id=\"w-problem\"", "超过该结算的统筹基金支付");
        assertThat(status(m.warningId())).isEqualTo("verification");
        assertThat(db.sql("select count(*) from supervision_recovery where warning_id = :w").param("w", m.warningId())
                .query(Long.class).single()).isZero();
        assertThat(auditor.get(page).body()).contains("两次为不同部位治疗");
    }

    @Test
    void the_english_queue_names_rules_in_english_keeps_its_filter_on_a_language_switch_and_closing_moves_ask_first() {
        Made m = suspicious();
        ConsoleClient auditor = as(Role.AUDITOR);
        String queue = auditor.get("/console/warnings?inst=" + m.inst().code() + "&lang=en").body();
        // review: the rule names in the filter and in every row stayed Chinese on the English page
        assertThat(queue).contains("R01 duplicate charge in one visit").doesNotContain("同一就诊重复收费");
        assertThat(queue).contains("<span>duplicate charge in one visit</span>");
        // review: the language switch went to the bare path and dropped the filter
        assertThat(queue).contains("href=\"/console/warnings?inst=" + m.inst().code() + "&amp;lang=zh\"");
        assertThat(auditor.get("/console/warnings?inst=" + m.inst().code() + "&lang=zh").body()).contains("R01 同一就诊重复收费");

        // review: dismiss and confirm closed a warning on one click; the browser now asks first (confirm.js)
        String page = auditor.get("/console/warnings/" + m.warningId()).body();
        assertThat(page).contains("/console/assets/confirm.js");
        assertThat(page).containsPattern("id=\"do-dismiss\"[^>]*data-confirm=\"排除疑点？");
        assertThat(page).doesNotContainPattern("id=\"do-escalate\"[^>]*data-confirm");
    }

    @Test
    void the_overdue_filter_lists_open_warnings_past_their_deadline_only() {
        Made late = suspicious();
        Made fresh = suspicious();
        db.sql("update supervision_warning set due_at = now() - interval '1 day' where warning_id = :w")
                .param("w", late.warningId()).update();
        ConsoleClient auditor = as(Role.AUDITOR);
        String all = auditor.get("/console/warnings?rule=R01&status=first_review").body();
        assertThat(all).contains("id=\"w-" + late.warningId() + "\"", "id=\"w-" + fresh.warningId() + "\"");
        String overdue = auditor.get("/console/warnings?overdue=true&rule=R01").body();
        assertThat(overdue).contains("id=\"w-" + late.warningId() + "\"").doesNotContain("id=\"w-" + fresh.warningId() + "\"");
        assertThat(auditor.get("/console/warnings?status=flying").body()).contains("环节参数无效");
    }

    @Test
    void reading_a_persons_record_or_a_warning_about_them_is_written_to_the_audit_log() {
        Made m = suspicious();
        long before = db.sql("select count(*) from audit_log where psn_no = :p").param("p", m.psn()).query(Long.class).single();
        assertThat(as(Role.AUDITOR).get("/console/persons/" + m.psn()).status()).isEqualTo(200);
        assertThat(as(Role.FINANCE).get("/console/warnings/" + m.warningId()).status()).isEqualTo(200);
        var rows = db.sql("select kind, actor, path from audit_log where psn_no = :p order by audit_id")
                .param("p", m.psn()).query((rs, i) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)).list();
        assertThat(rows).hasSize((int) before + 2);
        assertThat(rows.subList((int) before, rows.size())).containsExactly(
                "read staff:auditor" + suffix + " /console/persons/" + m.psn(),
                "read staff:finance" + suffix + " /console/warnings/" + m.warningId());
    }

    @Test
    void the_institution_page_shows_its_indicators_and_its_statement_and_finance_exports_it_with_person_numbers_masked() {
        Made m = suspicious();
        YearMonth month = YearMonth.now(ZoneId.of("Asia/Shanghai"));
        indicators.run(month);

        JsonNode api = HisClient.JSON.readTree(as(Role.OPERATOR).get("/console/api/institutions/" + m.inst().code() + "/indicators").body());
        JsonNode last = api.get(api.size() - 1);
        assertThat(last.path("month").asString()).isEqualTo(month.toString());
        assertThat(last.path("visits").asInt()).isEqualTo(1);
        assertThat(last.path("cells").get(2).path("indicator").asString()).isEqualTo("I03");
        assertThat(last.path("cells").get(2).path("value").decimalValue()).isEqualByComparingTo("80.00");

        ConsoleClient finance = as(Role.FINANCE);
        String page = finance.get("/console/institutions/" + m.inst().code()).body();
        assertThat(page).contains("id=\"chart-indicators\"", "id=\"ind-" + month + "\"", "id=\"st-latest\"", "id=\"st-export\"");
        String fund = db.sql("select hifp_pay::text from settlement where setl_id = :s").param("s", m.setlId()).query(String.class).single();
        assertThat(page).contains("<dd id=\"st-latest-fund\">" + fund + "</dd>");
        // review: the payment method and the clearing type were shown as codes (fee_for_service, 11) on both languages
        assertThat(page).contains("按项目付费", "11 门诊").doesNotContain("fee_for_service", "明细 detail");
        assertThat(finance.get("/console/institutions/" + m.inst().code() + "?lang=en").body())
                .contains("fee for service", "11 outpatient", "CSV (detail lines)").doesNotContain("fee_for_service");

        String export = "/console/institutions/" + m.inst().code() + "/statements/" + month + "/export?format=csv-detail";
        ConsoleClient.Answer csv = finance.get(export);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).contains(m.setlId()).doesNotContain(m.psn())
                .contains(m.psn().substring(0, 4) + "************" + m.psn().substring(16));
        assertThat(finance.get(export.replace("csv-detail", "pdf")).status()).isEqualTo(400);
        assertThat(as(Role.OPERATOR).get(export).status()).isEqualTo(403);
        assertThat(as(Role.OPERATOR).get("/console/institutions/" + m.inst().code()).body()).doesNotContain("id=\"st-export\"");
    }
}
