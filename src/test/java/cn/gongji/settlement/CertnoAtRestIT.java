package cn.gongji.settlement;

import static cn.gongji.settlement.HisSteps.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gongji.GongjiApplication;
import cn.gongji.console.person.PersonQueries;
import cn.gongji.console.signin.InsuredCredentials;
import cn.gongji.console.signin.InsuredUsers;
import cn.gongji.ops.pii.PiiCrypto;
import cn.gongji.support.HisClient;
import cn.gongji.support.RefData;
import cn.gongji.support.ServiceIT;
import cn.gongji.web.AgencyClient;
import cn.gongji.web.AgencyClient.Answer;
import java.sql.Connection;
import java.util.Base64;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import tools.jackson.databind.JsonNode;

/**
 * ID numbers at rest (issue 8 item 5): the person table holds ciphertext and a keyed hash, never
 * the number; every lookup by ID number still finds the person; the protocol still returns the
 * full number to the institution; a wrong key stops the start.
 */
@ServiceIT
class CertnoAtRestIT extends HisTestBase {

    @Autowired
    PersonQueries consolePersons;

    @Autowired
    InsuredCredentials insuredCredentials;

    @Autowired
    PiiCrypto crypto;

    @Autowired
    DataSource dataSource;

    @Test
    void the_person_table_holds_no_plaintext_id_number_only_ciphertext_and_the_keyed_hash() {
        AgencyClient api = new AgencyClient(port);
        String certno = AgencyClient.newCertno(true);
        String other = String.valueOf(System.nanoTime());  // the fixture's card and e-voucher contain the certno
        String psn = api.post("/api/admin/persons", AgencyClient.personJson(certno, "in_service")
                .replace("C" + certno, "C" + other).replace("E" + certno, "E" + other)).field("psn_no");

        assertThat(db.sql("""
                select count(*) from information_schema.columns where table_name = 'person' and column_name = 'certno'
                """).query(Long.class).single()).as("plaintext column dropped").isZero();
        String row = db.sql("select p::text from person p where psn_no = :p").param("p", psn).query(String.class).single();
        assertThat(row).doesNotContain(certno).doesNotContain(certno.substring(0, 17));
        assertThat(db.sql("select certno_enc from person where psn_no = :p").param("p", psn).query(String.class).single())
                .startsWith("v1:");
        assertThat(db.sql("select certno_hash from person where psn_no = :p").param("p", psn).query(String.class).single())
                .isEqualTo(RefData.CRYPTO.hash(certno)).doesNotContain(certno);
        assertThat(db.sql("select count(*) from person where certno_enc is null or certno_hash is null")
                .query(Long.class).single()).isZero();

        Answer read = api.get("/api/admin/persons/" + psn);
        assertThat(read.json().path("certno").asString()).as("the agency API shows the full number").isEqualTo(certno);
    }

    @Test
    void registry_lookups_by_id_number_find_the_person_through_the_hash() {
        AgencyClient api = new AgencyClient(port);
        String certno = AgencyClient.newCertno(false);
        String psn = api.post("/api/admin/persons", AgencyClient.personJson(certno, "retired")).field("psn_no");

        Answer again = api.post("/api/admin/persons", AgencyClient.personJson(certno, "retired").replace("\"C", "\"D")
                .replace("\"E", "\"F"));
        assertThat(again.status()).as(again.text()).isEqualTo(409);
        assertThat(again.text()).contains("certno");

        String holder = api.newPerson("in_service");
        Answer bound = api.post("/api/admin/persons/" + holder + "/family-bindings",
                "{\"member_certno\":\"" + certno.toLowerCase(Locale.ROOT) + "\",\"relation\":\"parent\"}");
        assertThat(bound.status()).as(bound.text()).isEqualTo(200);
        assertThat(db.sql("select member_psn_no from family_binding where binding_id = :b")
                .param("b", bound.json().get("binding_id").asLong()).query(String.class).single()).isEqualTo(psn);

        assertThat(consolePersons.find(certno)).contains(psn);
        assertThat(consolePersons.holder(psn).orElseThrow().certno()).isEqualTo(certno);

        insuredCredentials.set(psn, "insured-secret-1", "test");
        assertThat(new InsuredUsers(db, crypto).loadUserByUsername(" " + certno + " ").getUsername()).isEqualTo(psn);
    }

    @Test
    void settlement_finds_the_person_by_id_card_and_returns_the_full_number_in_1101_and_setlinfo() {
        RefData.Inst inst = ref.hospital("L2");
        HisClient his = client(inst);
        String psn = ref.person("in_service");
        String certno = ref.certno(psn);

        JsonNode info = ok(his.call("1101", data("mdtrt_cert_type", "02", "mdtrt_cert_no", certno, "card_sn", "",
                "psn_cert_type", "01", "certno", certno, "psn_name", "")));
        assertThat(info.path("baseinfo").path("psn_no").asString()).isEqualTo(psn);
        assertThat(info.path("baseinfo").path("certno").asString()).isEqualTo(certno);

        refused(his.call("1101", data("mdtrt_cert_type", "02", "mdtrt_cert_no", "9" + "0".repeat(17), "card_sn", "",
                "psn_cert_type", "01", "certno", "", "psn_name", "")));

        JsonNode setl = visit(his, psn, now().minusMinutes(30), false, line(ref.classA(), "10.00", "2"));
        assertThat(setl.path("certno").asString()).isEqualTo(certno);
    }

    @Test
    void a_wrong_key_stops_the_start_with_a_clear_message_and_an_external_store_without_a_key_does_not_start()
            throws Exception {
        ref.person("in_service"); // at least one encrypted row to check against
        String url;
        try (Connection c = dataSource.getConnection()) {
            url = c.getMetaData().getURL();
        }
        String user = System.getenv().getOrDefault("GONGJI_TEST_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("GONGJI_TEST_DB_PASSWORD", "");
        String wrong = Base64.getEncoder().encodeToString(new byte[32]);

        assertThatThrownBy(() -> start(url, user, password, "--gongji.pii.key=" + wrong))
                .hasStackTraceContaining("gongji.pii.key does not open the stored ID numbers");
        assertThatThrownBy(() -> start(url, user, password))
                .hasStackTraceContaining("gongji.pii.key is not set");
    }

    private static void start(String url, String user, String password, String... more) {
        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("--spring.datasource.url=" + url,
                "--spring.datasource.username=" + user, "--spring.datasource.password=" + password,
                "--gongji.accounts.credit-cron=-", "--logging.level.root=OFF"),
                java.util.stream.Stream.of(more.length == 0 ? new String[] {"--gongji.pii.key="} : more))
                .toArray(String[]::new);
        new SpringApplicationBuilder(GongjiApplication.class).web(WebApplicationType.NONE).run(args).close();
    }
}
