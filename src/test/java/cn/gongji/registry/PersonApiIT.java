package cn.gongji.registry;

import static cn.gongji.web.AgencyClient.newCertno;
import static cn.gongji.web.AgencyClient.personJson;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.support.ServiceIT;
import cn.gongji.web.AgencyClient;
import cn.gongji.web.AgencyClient.Answer;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@ServiceIT
class PersonApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;

    AgencyClient api;

    @BeforeEach
    void setUp() {
        api = new AgencyClient(port);
    }

    private List<Long> counts() {
        return List.of("person", "person_status", "account", "contribution_base", "family_binding", "offsite_registration")
                .stream().map(t -> db.sql("select count(*) from " + t).query(Long.class).single()).toList();
    }

    private static void assertProblem(Answer a, int status, String field) {
        assertThat(a.status()).as(a.text()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/problem+json");
        if (field != null) {
            assertThat(a.json().get("errors").toString()).contains("\"field\":\"" + field + "\"");
        }
    }

    @Test
    void registering_a_person_writes_person_status_base_and_empty_account() {
        String certno = newCertno(true);
        Answer a = api.post("/api/admin/persons", personJson(certno, "in_service"));
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        String psnNo = a.field("psn_no");
        assertThat(psnNo).matches("4113\\d{16}");

        Answer profile = api.get("/api/admin/persons/" + psnNo);
        assertThat(profile.status()).isEqualTo(200);
        var p = profile.json();
        assertThat(p.get("certno").asString()).isEqualTo(certno);
        assertThat(p.get("status_history").get(0).get("status").asString()).isEqualTo("in_service");
        assertThat(p.get("status_history").get(0).get("processed_date").asString()).isEqualTo("2015-03-20");
        assertThat(p.get("contribution_bases").get(0).get("effective_month").asString()).isEqualTo("2015-03-01");
        assertThat(p.get("contribution_bases").get(0).get("amount").decimalValue()).isEqualByComparingTo("5000");

        Answer account = api.get("/api/admin/persons/" + psnNo + "/account");
        assertThat(account.status()).isEqualTo(200);
        assertThat(account.json().get("balance").decimalValue()).isEqualByComparingTo("0");
        assertThat(account.json().get("entries").size()).isZero();
    }

    @Test
    void gend_and_brdy_may_be_omitted_and_are_taken_from_the_certno() {
        String certno = newCertno(false);
        Answer a = api.post("/api/admin/persons", """
                {"certno":"%s","psn_name":"李四","insuplc_admdvs":"411302","status":"retired","insu_date":"2000-01-01"}
                """.formatted(certno));
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        var p = api.get("/api/admin/persons/" + a.field("psn_no")).json();
        assertThat(p.get("gend").asString()).isEqualTo("2");
        assertThat(p.get("brdy").asString()).isEqualTo(CertNo.parse(certno).birthDate().toString());
    }

    @Test
    void person_with_wrong_check_digit_is_refused_and_nothing_changes() {
        String good = newCertno(true);
        char wrong = good.charAt(17) == '0' ? '1' : '0';
        String bad = good.substring(0, 17) + wrong;
        var before = counts();
        Answer a = api.post("/api/admin/persons", personJson(bad, "in_service"));
        assertProblem(a, 400, "certno");
        assertThat(a.text()).contains("校验位错误").contains("check digit is wrong");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void person_whose_brdy_disagrees_with_the_certno_is_refused() {
        String certno = newCertno(true);
        String body = personJson(certno, "in_service").replaceFirst("\"brdy\":\"[^\"]+\"", "\"brdy\":\"1999-12-31\"");
        assertProblem(api.post("/api/admin/persons", body), 400, "brdy");
    }

    @Test
    void a_certno_whose_birth_date_lies_in_the_future_is_refused() {
        // 2030-01-01 with a valid check digit: no insured person is born after today
        var before = counts();
        Answer a = api.post("/api/admin/persons", """
                {"certno":"411302203001011235","psn_name":"未来人","insuplc_admdvs":"411302","status":"in_service",
                 "insu_date":"2031-01-01"}
                """);
        assertProblem(a, 400, "certno");
        assertThat(a.text()).contains("2030-01-01").contains("after today");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void every_invalid_field_is_reported_at_once() {
        Answer a = api.post("/api/admin/persons", """
                {"certno":"123","psn_name":"","insuplc_admdvs":"41","status":"working","insu_date":"2020-13-01",
                 "contribution_base":"-1"}
                """);
        assertProblem(a, 400, null);
        String errors = a.json().get("errors").toString();
        for (String f : List.of("certno", "psn_name", "insuplc_admdvs", "status", "insu_date", "contribution_base")) {
            assertThat(errors).contains("\"field\":\"" + f + "\"");
        }
    }

    @Test
    void a_wrongly_typed_field_is_refused_as_a_field_error() {
        String body = personJson(newCertno(true), "in_service").replace("\"psn_name\":\"张三\"", "\"psn_name\":{\"a\":1}");
        assertProblem(api.post("/api/admin/persons", body), 400, "psn_name");
    }

    @Test
    void duplicate_certno_is_refused_with_409_and_nothing_changes() {
        String certno = newCertno(true);
        assertThat(api.post("/api/admin/persons", personJson(certno, "in_service")).status()).isEqualTo(200);
        var before = counts();
        String again = personJson(certno, "retired").replace("\"card_no\":\"C", "\"card_no\":\"X").replace("\"evoucher_token\":\"E", "\"evoucher_token\":\"Y");
        assertProblem(api.post("/api/admin/persons", again), 409, "certno");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void unknown_person_is_404_problem_json() {
        assertProblem(api.get("/api/admin/persons/41139999999999999999"), 404, null);
        assertProblem(api.get("/api/admin/persons/41139999999999999999/account"), 404, null);
        assertProblem(api.post("/api/admin/persons/41139999999999999999/status-changes",
                "{\"status\":\"retired\",\"processed_date\":\"2022-09-15\"}"), 404, null);
    }

    @Test
    void a_status_change_appends_to_the_history_in_force_next_month() {
        String psnNo = api.newPerson("in_service");
        Answer a = api.post("/api/admin/persons/" + psnNo + "/status-changes",
                "{\"status\":\"retired\",\"processed_date\":\"2022-09-15\"}");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        var history = a.json().get("history");
        assertThat(history.size()).isEqualTo(2);
        assertThat(history.get(1).get("seq").asInt()).isEqualTo(1);
        assertThat(history.get(1).get("status").asString()).isEqualTo("retired");
        assertThat(history.get(1).get("in_force_from").asString()).isEqualTo("2022-10-01");
    }

    @Test
    void a_status_change_dated_before_the_previous_one_is_refused() {
        String psnNo = api.newPerson("in_service");
        var before = counts();
        assertProblem(api.post("/api/admin/persons/" + psnNo + "/status-changes",
                "{\"status\":\"retired\",\"processed_date\":\"2014-01-01\"}"), 400, "processed_date");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void a_status_change_dated_in_the_future_is_refused() {
        // review finding: one was taken, and every later change dated before it was then refused
        String psnNo = api.newPerson("in_service");
        var before = counts();
        assertProblem(api.post("/api/admin/persons/" + psnNo + "/status-changes",
                "{\"status\":\"retired\",\"processed_date\":\"" + java.time.LocalDate.now().plusDays(2) + "\"}"),
                400, "processed_date");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void a_status_change_to_the_same_status_is_refused() {
        String psnNo = api.newPerson("in_service");
        assertProblem(api.post("/api/admin/persons/" + psnNo + "/status-changes",
                "{\"status\":\"in_service\",\"processed_date\":\"2022-09-15\"}"), 409, "status");
    }

    @Test
    void a_family_member_is_bound_by_psn_no_or_certno_and_unbound_with_history_kept() {
        String holder = api.newPerson("in_service");
        String member = api.newPerson("retired");
        Answer a = api.post("/api/admin/persons/" + holder + "/family-bindings",
                "{\"member_psn_no\":\"" + member + "\",\"relation\":\"parent\"}");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        long id = a.json().get("binding_id").asLong();

        assertProblem(api.post("/api/admin/persons/" + holder + "/family-bindings",
                "{\"member_psn_no\":\"" + member + "\",\"relation\":\"parent\"}"), 409, "member_psn_no");

        Answer del = api.delete("/api/admin/persons/" + holder + "/family-bindings/" + id);
        assertThat(del.status()).as(del.text()).isEqualTo(200);
        assertThat(del.json().get("unbound_at").isNull()).isFalse();

        String memberCertno = api.get("/api/admin/persons/" + member).field("certno");
        Answer again = api.post("/api/admin/persons/" + holder + "/family-bindings",
                "{\"member_certno\":\"" + memberCertno + "\",\"relation\":\"parent\"}");
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        var bindings = api.get("/api/admin/persons/" + holder).json().get("family_bindings");
        assertThat(bindings.size()).isEqualTo(2);
    }

    @Test
    void binding_oneself_or_an_unknown_member_is_refused() {
        String holder = api.newPerson("in_service");
        var before = counts();
        assertProblem(api.post("/api/admin/persons/" + holder + "/family-bindings",
                "{\"member_psn_no\":\"" + holder + "\",\"relation\":\"spouse\"}"), 400, "member_psn_no");
        assertProblem(api.post("/api/admin/persons/" + holder + "/family-bindings",
                "{\"member_psn_no\":\"41139999999999999999\",\"relation\":\"spouse\"}"), 400, "member_psn_no");
        assertProblem(api.post("/api/admin/persons/" + holder + "/family-bindings",
                "{\"relation\":\"cousin\"}"), 400, "relation");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void an_empty_family_binding_lists_the_member_and_the_relation_at_once() {
        String holder = api.newPerson("in_service");
        var before = counts();
        Answer a = api.post("/api/admin/persons/" + holder + "/family-bindings", "{}");
        assertProblem(a, 400, "relation");
        assertProblem(a, 400, "member_psn_no");
        assertThat(a.json().get("errors").size()).isEqualTo(2);
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void a_malformed_member_certno_is_a_format_error_not_an_unknown_person() {
        String holder = api.newPerson("in_service");
        var before = counts();
        Answer a = api.post("/api/admin/persons/" + holder + "/family-bindings",
                "{\"member_certno\":\"12345\",\"relation\":\"spouse\"}");
        assertProblem(a, 400, "member_certno");
        assertThat(a.text()).contains("18").doesNotContain("no such insured person");
        Answer both = api.post("/api/admin/persons/" + holder + "/family-bindings", "{\"member_certno\":\"12345\"}");
        assertProblem(both, 400, "relation");
        assertThat(both.json().get("errors").toString()).contains("member_certno").doesNotContain("member_psn_no");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void unbinding_an_unknown_binding_is_404() {
        String holder = api.newPerson("in_service");
        assertProblem(api.delete("/api/admin/persons/" + holder + "/family-bindings/987654321"), 404, null);
    }

    @Test
    void an_offsite_registration_accepts_chinese_category_names() {
        String psnNo = api.newPerson("retired");
        Answer a = api.post("/api/admin/persons/" + psnNo + "/offsite-registrations",
                "{\"admdvs\":\"410105\",\"category\":\"异地安置退休人员\",\"begndate\":\"2022-07-01\",\"enddate\":\"2025-06-30\"}");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(a.json().get("registration_id").asLong()).isPositive();
        var regs = api.get("/api/admin/persons/" + psnNo).json().get("offsite_registrations");
        assertThat(regs.get(0).get("category").asString()).isEqualTo("resettled_retiree");
    }

    @Test
    void an_offsite_registration_ending_before_it_begins_or_in_the_home_city_is_refused() {
        String psnNo = api.newPerson("retired");
        var before = counts();
        assertProblem(api.post("/api/admin/persons/" + psnNo + "/offsite-registrations",
                "{\"admdvs\":\"410105\",\"category\":\"temporary\",\"begndate\":\"2022-07-01\",\"enddate\":\"2022-06-30\"}"),
                400, "enddate");
        assertProblem(api.post("/api/admin/persons/" + psnNo + "/offsite-registrations",
                "{\"admdvs\":\"411303\",\"category\":\"temporary\",\"begndate\":\"2022-07-01\"}"), 400, "admdvs");
        assertProblem(api.post("/api/admin/persons/" + psnNo + "/offsite-registrations",
                "{\"admdvs\":\"410105\",\"category\":\"旅游\",\"begndate\":\"2022-07-01\"}"), 400, "category");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void accumulators_answer_zero_paid_and_the_limit_of_the_status_in_force() {
        String psnNo = api.newPerson("in_service");
        Answer a = api.get("/api/admin/persons/" + psnNo + "/accumulators?year=2022");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(a.json().get("outpatient_pool_paid").decimalValue()).isEqualByComparingTo("0");
        assertThat(a.json().get("outpatient_pool_limit").decimalValue()).isEqualByComparingTo("1500.00");
        assertThat(a.json().get("remaining").decimalValue()).isEqualByComparingTo("1500.00");

        api.post("/api/admin/persons/" + psnNo + "/status-changes", "{\"status\":\"retired\",\"processed_date\":\"2022-06-10\"}");
        // a year of usage with no settlements behind it: removed again so the database-wide
        // invariant (accumulator = sum of hifp_pay) holds for the tests that run after this one
        db.sql("insert into year_accumulator (psn_no, year, pool_paid) values (:p, 2022, 1500.00)").param("p", psnNo).update();
        try {
            var b = api.get("/api/admin/persons/" + psnNo + "/accumulators?year=2022").json();
            assertThat(b.get("outpatient_pool_limit").decimalValue()).isEqualByComparingTo("2000.00");
            assertThat(b.get("remaining").decimalValue()).isEqualByComparingTo("500.00");
        } finally {
            db.sql("delete from year_accumulator where psn_no = :p and year = 2022").param("p", psnNo).update();
        }
    }

    @Test
    void accumulators_with_a_bad_year_are_refused() {
        String psnNo = api.newPerson("in_service");
        assertProblem(api.get("/api/admin/persons/" + psnNo + "/accumulators?year=abc"), 400, "year");
        assertProblem(api.get("/api/admin/persons/" + psnNo + "/accumulators?year=1800"), 400, "year");
    }
}
