package cn.gongji.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gongji.support.HisClient;
import cn.gongji.support.Invariants;
import cn.gongji.support.RefData;
import cn.gongji.support.ServiceIT;
import cn.gongji.web.AgencyClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 8 §4–5 on the HIS side and the agency API: an institution reaches only its own visits and
 * settlements; rate and size limits answer in each interface's own error shape; persons' ID
 * numbers stay out of traces and logs; the audit log records reads and changes and refuses to be
 * rewritten.
 */
@ServiceIT
@ExtendWith(OutputCaptureExtension.class)
class SecurityControlsIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;

    @Autowired
    HisRateLimit rateLimit;

    @Value("${gongji.his.rate-limit.per-second}")
    double perSecond;

    @Value("${gongji.his.rate-limit.burst}")
    double burst;

    RefData ref;
    HisClient a;
    HisClient b;
    Workload steps;
    String psn;
    Workload.Answered setl;

    @BeforeEach
    void scene() {
        ref = new RefData(db);
        RefData.Inst ia = ref.hospital("L2");
        RefData.Inst ib = ref.hospital("L2");
        a = new HisClient("http://127.0.0.1:" + port, ia.code(), ia.secret());
        b = new HisClient("http://127.0.0.1:" + port, ib.code(), ib.secret());
        steps = new Workload(List.of(), List.of(), ref.classA());
        psn = ref.person("in_service");
        ref.credit(psn, "50.00");
        setl = steps.settled(a, psn);
    }

    @AfterEach
    void invariantsHold() {
        rateLimit.configure(perSecond, burst);
        Invariants.check(db);
    }

    private static void refused(JsonNode r, String text) {
        assertThat(r.path("infcode").asInt()).as("%s", r).isEqualTo(-2);
        assertThat(r.path("err_msg").asString()).contains(text);
    }

    @Test
    void another_institution_can_neither_query_nor_cancel_nor_reverse_a_settlement_it_did_not_make() {
        Map<String, Object> bySetl = Workload.data("psn_no", psn, "setl_id", setl.setlId());
        refused(b.call("5203", bySetl), "不属于本机构");
        refused(b.call("5203", Workload.data("psn_no", psn, "mdtrt_id", setl.mdtrtId())), "不属于本机构");
        refused(b.call("5204", bySetl), "不属于本机构");
        refused(b.call("5204", Workload.data("psn_no", psn, "mdtrt_id", setl.mdtrtId())), "不属于本机构");
        refused(b.call("2208", Workload.data("psn_no", psn, "setl_id", setl.setlId(), "mdtrt_id", setl.mdtrtId())), "本机构");
        refused(b.call("2202", Workload.data("psn_no", psn, "mdtrt_id", setl.mdtrtId(), "ipt_otp_no", "x")), "本机构");
        String settleMsgid = db.sql("select msgid from settlement where setl_id = :s").param("s", setl.setlId())
                .query(String.class).single();
        JsonNode rev = b.call("2601", Workload.data("psn_no", psn, "omsgid", settleMsgid, "oinfno", "2207"));
        assertThat(rev.path("infcode").asInt()).as("B's reversal names a msgid B never sent: nothing to undo").isZero();
        assertThat(db.sql("select cancelled_at is null from settlement where setl_id = :s").param("s", setl.setlId())
                .query(Boolean.class).single()).as("A's settlement is untouched").isTrue();
        assertThat(steps.ok(a, "5203", bySetl).path("setlinfo").path("setl_id").asString()).isEqualTo(setl.setlId());
    }

    @Test
    void an_institution_over_its_rate_is_refused_with_minus_two_and_nothing_changes() {
        rateLimit.configure(3, 3);
        long messages = ref.count("his_message");
        int refusedCount = 0;
        for (int i = 0; i < 6; i++) {
            JsonNode r = a.call("2201", Workload.data("psn_no", psn, "insutype", "310", "begntime",
                    java.time.LocalDateTime.now(HisClient.ZONE).minusMinutes(1).withNano(0).format(HisClient.DATE_TIME),
                    "mdtrt_cert_type", "02", "mdtrt_cert_no", "x", "ipt_otp_no", "RL" + i, "atddr_no", "D01", "dr_name", "王医生",
                    "dept_code", "A03", "dept_name", "内科", "caty", "A03"));
            if (r.path("infcode").asInt() != 0) {
                refused(r, "请求过于频繁");
                refusedCount++;
            }
        }
        assertThat(refusedCount).isGreaterThanOrEqualTo(2);
        assertThat(ref.count("his_message")).isEqualTo(messages + 6 - refusedCount);
        assertThat(b.call("1101", Workload.data("mdtrt_cert_type", "02", "mdtrt_cert_no", ref.certno(psn)))
                .path("infcode").asInt()).as("another institution has its own bucket").isZero();
    }

    @Test
    void a_his_body_over_one_megabyte_is_answered_in_the_envelope() {
        String big = "{\"infno\":\"1101\",\"pad\":\"" + "x".repeat(1_100_000) + "\"}";
        var r = a.postRaw(big, a.signedHeaders());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"infcode\":-2", "1 MB");
    }

    @Test
    void a_his_body_sent_chunked_is_read_as_one_with_a_content_length_and_limited_alike() {
        String body = a.envelope("1101", a.nextMsgid(), Workload.data("mdtrt_cert_type", "02", "mdtrt_cert_no", ref.certno(psn)))
                .toString();
        var r = a.postChunked(body, a.signedHeaders());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).as("answered as the same message with a Content-Length").contains("\"infcode\":0", psn);
        String big = "{\"infno\":\"1101\",\"pad\":\"" + "x".repeat(1_100_000) + "\"}";
        var tooBig = a.postChunked(big, a.signedHeaders());
        assertThat(tooBig.statusCode()).isEqualTo(200);
        assertThat(tooBig.body()).contains("\"infcode\":-2", "1 MB");
    }

    /** Sent over a plain socket: the byte 0x85 (Latin-1 NEL, a C1 control character) in a header value. */
    @Test
    void a_header_with_a_control_character_is_refused_by_the_firewall() throws Exception {
        byte[] head = ("POST /fsi/api/rsfComIfsService/callService HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\nx-tif-nonce: abc")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            var out = socket.getOutputStream();
            out.write(head);
            out.write(0x85);
            out.write("def\r\n\r\n{}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.flush();
            String status = new String(socket.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(status).isEqualTo("HTTP/1.1 400");
        }
    }

    @Test
    void an_agency_body_over_five_megabytes_is_refused_413_in_problem_json() {
        AgencyClient api = new AgencyClient(port);
        String big = "{\"pad\":\"" + "x".repeat(5 * 1024 * 1024 + 10) + "\"}";
        AgencyClient.Answer declared = api.post("/api/admin/persons", big);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.contentType()).contains("application/problem+json");
        assertThat(declared.text()).contains("5 MB");
        AgencyClient.Answer chunked = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/admin/persons"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + AgencyClient.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes()))));
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.contentType()).contains("application/problem+json");
    }

    @Test
    void the_settlement_trace_shown_to_institutions_carries_no_id_number() {
        JsonNode out = steps.ok(a, "5203", Workload.data("psn_no", psn, "setl_id", setl.setlId()));
        for (JsonNode d : out.path("setldetail")) {
            assertThat(cn.gongji.ops.pii.Pii.hasIdNumber(d.path("setl_proc_info").asString())).as(d.toString()).isFalse();
            assertThat(d.path("setl_proc_info").asString()).doesNotContain(ref.certno(psn));
        }
    }

    @Test
    void id_numbers_in_log_lines_and_stack_traces_are_masked(CapturedOutput output) {
        String certno = "410102199001011234";
        JsonNode r = a.call("1101", Workload.data("mdtrt_cert_type", "02", "mdtrt_cert_no", certno));
        assertThat(r.path("infcode").asInt()).isEqualTo(-2);
        org.slf4j.LoggerFactory.getLogger(SecurityControlsIT.class)
                .error("lookup failed", new IllegalStateException("Key (certno)=(" + certno + ") already exists"));
        assertThat(output.getOut()).contains("4101**********1234").doesNotContain(certno);
    }

    @Test
    void reads_of_a_person_and_changes_are_audited_and_the_audit_log_cannot_be_rewritten() {
        AgencyClient api = new AgencyClient(port);
        long before = ref.count("audit_log");
        assertThat(api.get("/api/admin/persons/" + psn).status()).isEqualTo(200);
        api.post("/api/admin/institutions/" + a.code() + "/deactivate", "{}");
        api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/admin/persons/" + psn)).GET());
        api.get("/api/admin/catalog/items");
        List<String> rows = db.sql("""
                select kind || ' ' || actor || ' ' || method || ' ' || status || ' ' || coalesce(psn_no, '-')
                from audit_log where audit_id > (select coalesce(max(audit_id), 0) - 3 from audit_log) order by audit_id
                """).query(String.class).list();
        assertThat(ref.count("audit_log")).as("a catalog read is not a person read").isEqualTo(before + 3);
        assertThat(rows).containsExactly("read admin-token GET 200 " + psn, "change admin-token POST 200 -",
                "read anonymous GET 401 " + psn);
        for (String sql : List.of("update audit_log set actor = 'x'", "delete from audit_log", "truncate audit_log")) {
            assertThatThrownBy(() -> db.sql(sql).update()).as(sql).hasMessageContaining("append-only");
        }
        assertThat(ref.count("audit_log")).isEqualTo(before + 3);
    }
}
