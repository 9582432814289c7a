package cn.gongji.registry;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.support.ServiceIT;
import cn.gongji.web.AgencyClient;
import cn.gongji.web.AgencyClient.Answer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@ServiceIT
class InstitutionApiIT {

    private static final AtomicInteger SEQ = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;

    AgencyClient api;

    @BeforeEach
    void setUp() {
        api = new AgencyClient(port);
    }

    static String code(char kind) {
        return kind + "4113029" + String.format("%04d", SEQ.incrementAndGet());
    }

    static String hospital(String code, String level) {
        return """
                {"fixmedins_code":"%s","fixmedins_name":"南阳市测试医院","kind":"hospital","level":"%s","admdvs":"411302"}
                """.formatted(code, level);
    }

    private long count() {
        return db.sql("select count(*) from institution").query(Long.class).single();
    }

    @Test
    void registering_a_hospital_answers_a_random_secret_stored_for_signing() {
        String code = code('H');
        Answer a = api.post("/api/admin/institutions", hospital(code, "L3"));
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(a.field("fixmedins_code")).isEqualTo(code);
        assertThat(a.field("secret")).matches("[0-9a-f]{64}");
        assertThat(db.sql("select secret from institution where fixmedins_code = :c").param("c", code)
                .query(String.class).single()).isEqualTo(a.field("secret"));

        Answer got = api.get("/api/admin/institutions/" + code);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().get("level").asString()).isEqualTo("L3");
        assertThat(got.text()).doesNotContain("secret");
    }

    @Test
    void a_pharmacy_needs_no_level_and_keeps_its_flags() {
        String code = code('P');
        Answer a = api.post("/api/admin/institutions", """
                {"fixmedins_code":"%s","fixmedins_name":"测试大药房","kind":"pharmacy","admdvs":"411302",
                 "dual_channel":true,"external_rx":true}
                """.formatted(code));
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        var got = api.get("/api/admin/institutions/" + code).json();
        assertThat(got.get("dual_channel").asBoolean()).isTrue();
        assertThat(got.get("external_rx").asBoolean()).isTrue();
        assertThat(got.get("level").isNull()).isTrue();
    }

    @Test
    void an_internet_hospital_belongs_to_a_physical_hospital_and_inherits_its_level() {
        String parent = code('H');
        api.post("/api/admin/institutions", hospital(parent, "L2"));
        String online = code('H');
        Answer a = api.post("/api/admin/institutions", """
                {"fixmedins_code":"%s","fixmedins_name":"互联网医院","kind":"hospital","admdvs":"411302","internet_of":"%s"}
                """.formatted(online, parent));
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(api.get("/api/admin/institutions/" + online).json().get("level").asString()).isEqualTo("L2");
    }

    @Test
    void internet_of_an_unknown_institution_is_refused() {
        long before = count();
        Answer a = api.post("/api/admin/institutions", """
                {"fixmedins_code":"%s","fixmedins_name":"互联网医院","kind":"hospital","level":"L1","admdvs":"411302",
                 "internet_of":"H00000000000"}
                """.formatted(code('H')));
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.text()).contains("internet_of");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void a_hospital_without_level_or_with_bad_fields_is_refused() {
        long before = count();
        Answer a = api.post("/api/admin/institutions", """
                {"fixmedins_code":"H-1","fixmedins_name":"","kind":"clinic","admdvs":"4113"}
                """);
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.contentType()).startsWith("application/problem+json");
        for (String f : new String[] {"fixmedins_code", "fixmedins_name", "kind", "admdvs"}) {
            assertThat(a.text()).contains("\"field\":\"" + f + "\"");
        }
        Answer noLevel = api.post("/api/admin/institutions", """
                {"fixmedins_code":"%s","fixmedins_name":"无等级医院","kind":"hospital","admdvs":"411302"}
                """.formatted(code('H')));
        assertThat(noLevel.status()).isEqualTo(400);
        assertThat(noLevel.text()).contains("\"field\":\"level\"");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void a_duplicate_code_is_refused_with_409() {
        String code = code('H');
        api.post("/api/admin/institutions", hospital(code, "L1"));
        long before = count();
        Answer a = api.post("/api/admin/institutions", hospital(code, "L2"));
        assertThat(a.status()).isEqualTo(409);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void rotating_the_secret_replaces_it_and_deactivation_keeps_the_row() {
        String code = code('H');
        String first = api.post("/api/admin/institutions", hospital(code, "L1")).field("secret");
        Answer rotated = api.post("/api/admin/institutions/" + code + "/secret", "");
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.field("secret")).isNotEqualTo(first).matches("[0-9a-f]{64}");
        Answer off = api.post("/api/admin/institutions/" + code + "/deactivate", "");
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.json().get("active").asBoolean()).isFalse();
        assertThat(api.post("/api/admin/institutions/H00000000000/secret", "").status()).isEqualTo(404);
    }
}
