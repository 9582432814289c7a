package cn.gongji.settlement;

import static cn.gongji.settlement.HisSteps.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.support.HisClient;
import cn.gongji.support.ServiceIT;
import cn.gongji.web.AgencyClient;
import cn.gongji.web.AgencyClient.Answer;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Off-site registrations filed, changed and ended through the agency API, as settlement sees them (issue 4 item 5). */
@ServiceIT
class OffsiteRegistrationIT extends HisTestBase {

    AgencyClient api;
    String psn;
    String a;
    HisClient away;
    String base;

    @BeforeEach
    void scene() {
        api = new AgencyClient(port);
        psn = ref.person("in_service");
        a = ref.classA();
        away = client(ref.hospitalIn("L1", "410100")).mdtrtarea("410100");
        base = "/api/admin/persons/" + psn + "/offsite-registrations";
    }

    private long file(String admdvs, LocalDate from, LocalDate to) {
        Answer r = api.post(base, "{\"admdvs\":\"%s\",\"category\":\"异地长期居住\",\"begndate\":\"%s\",\"enddate\":%s}"
                .formatted(admdvs, from, to == null ? "null" : "\"" + to + "\""));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().get("registration_id").asLong();
    }

    private String fundPay() {
        return visit(away, psn, now().minusMinutes(5), false, line(a, "100.00", "1")).path("hifp_pay").decimalValue().toPlainString();
    }

    @Test
    void a_registration_changed_to_another_area_covers_the_new_area_and_keeps_the_old_version() {
        LocalDate today = now().toLocalDate();
        long id = file("420100", today.minusDays(10), null);
        assertThat(fundPay()).as("registered elsewhere only").isEqualTo("0.00");

        Answer changed = api.patch(base + "/" + id, "{\"admdvs\":\"410100\",\"reason\":\"居住地变更\"}");
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        JsonNode v = changed.json();
        assertThat(v.get("registration_id").asLong()).isNotEqualTo(id);
        assertThat(v.get("first_id").asLong()).isEqualTo(id);
        assertThat(v.get("change_kind").asString()).isEqualTo("changed");
        assertThat(v.get("category").asString()).isEqualTo("long_term_residence");
        assertThat(fundPay()).isEqualTo("60.00");

        JsonNode history = api.get(base).json();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("admdvs").asString()).isEqualTo("420100");
        assertThat(history.get(0).get("current").asBoolean()).isFalse();
        assertThat(history.get(0).get("superseded_by").asLong()).isEqualTo(v.get("registration_id").asLong());
        assertThat(api.patch(base + "/" + id, "{\"admdvs\":\"430100\"}").status()).as("a superseded version").isEqualTo(409);
    }

    @Test
    void an_ended_registration_no_longer_covers_care_after_its_end() {
        LocalDate today = now().toLocalDate();
        long id = file("410100", today.minusDays(30), today.plusDays(30));
        assertThat(fundPay()).isEqualTo("60.00");
        Answer ended = api.post(base + "/" + id + "/end", "{\"enddate\":\"" + today.minusDays(1) + "\",\"reason\":\"回参保地\"}");
        assertThat(ended.status()).as(ended.text()).isEqualTo(200);
        assertThat(ended.json().get("change_kind").asString()).isEqualTo("ended");
        assertThat(ended.json().get("enddate").asString()).isEqualTo(today.minusDays(1).toString());
        JsonNode after = visit(away, psn, now().minusMinutes(4), false, line(a, "100.00", "1"));
        assertThat(after.path("hifp_pay").decimalValue()).isEqualByComparingTo("0.00");
        long newId = ended.json().get("registration_id").asLong();
        assertThat(api.post(base + "/" + newId + "/end", "{}").status()).as("already ended").isEqualTo(409);
        assertThat(api.get(base).json()).hasSize(2);
    }

    @Test
    void a_change_or_end_that_makes_no_sense_is_refused_and_changes_nothing() {
        LocalDate today = now().toLocalDate();
        long id = file("410100", today.minusDays(5), today.plusDays(5));
        long before = ref.count("offsite_registration");
        assertThat(api.patch(base + "/" + id, "{\"enddate\":\"" + today.minusDays(6) + "\"}").status()).isEqualTo(400);
        assertThat(api.patch(base + "/" + id, "{\"admdvs\":\"411302\"}").status()).as("home city").isEqualTo(400);
        assertThat(api.patch(base + "/" + id, "{\"category\":\"旅游\"}").status()).isEqualTo(400);
        assertThat(api.post(base + "/" + id + "/end", "{\"enddate\":\"" + today.plusDays(6) + "\"}").status())
                .as("an end never extends").isEqualTo(400);
        assertThat(api.post(base + "/999999999/end", "{}").status()).isEqualTo(404);
        assertThat(ref.count("offsite_registration")).isEqualTo(before);
    }

    @Test
    void insurance_suspended_through_the_agency_api_stops_pooling_until_it_is_resumed() {
        HisClient home = client(ref.hospital("L1"));
        String path = "/api/admin/persons/" + psn + "/insurance-status";
        LocalDate today = now().toLocalDate();
        Answer s = api.post(path, "{\"status\":\"suspended\",\"effective_date\":\"" + today.minusDays(2) + "\",\"reason\":\"停保\"}");
        assertThat(s.status()).as(s.text()).isEqualTo(200);
        JsonNode v = visit(home, psn, now().minusMinutes(5), false, line(a, "100.00", "1"));
        assertThat(v.path("hifp_pay").decimalValue()).isEqualByComparingTo("0.00");
        JsonNode info = ok(home.call("1101", data("mdtrt_cert_type", "02", "mdtrt_cert_no", ref.certno(psn), "certno", ref.certno(psn),
                "psn_cert_type", "01")));
        assertThat(info.path("insuinfo").get(0).path("psn_insu_stas").asString()).isEqualTo("2");
        assertThat(api.post(path, "{\"status\":\"suspended\",\"effective_date\":\"" + today + "\"}").status()).isEqualTo(409);
        assertThat(api.post(path, "{\"status\":\"active\",\"effective_date\":\"" + today + "\"}").status()).isEqualTo(200);
        JsonNode back = visit(home, psn, now().minusMinutes(4), false, line(a, "100.00", "1"));
        assertThat(back.path("hifp_pay").decimalValue()).isEqualByComparingTo("60.00");
        assertThat(api.get(path).json().get("history")).hasSize(2);
    }
}
