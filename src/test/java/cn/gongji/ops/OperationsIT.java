package cn.gongji.ops;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.support.HisClient;
import cn.gongji.support.RefData;
import cn.gongji.support.ServiceIT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What an operator scrapes and reads: probes, Prometheus metrics, log lines carrying the msgid. */
@ServiceIT
@ExtendWith(OutputCaptureExtension.class)
class OperationsIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;

    private String get(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    @Test
    void liveness_and_readiness_probes_answer_up() throws Exception {
        assertThat(get("/actuator/health/readiness")).contains("\"UP\"");
        assertThat(get("/actuator/health/liveness")).contains("\"UP\"");
    }

    @Test
    void prometheus_shows_settlements_by_infno_and_infcode_their_latency_and_the_connection_pool() throws Exception {
        RefData ref = new RefData(db);
        RefData.Inst inst = ref.hospital("L1");
        HisClient his = new HisClient("http://127.0.0.1:" + port, inst.code(), inst.secret());
        String psn = ref.person("in_service");
        new Workload(List.of(), List.of(), ref.classA()).settled(his, psn);
        his.call("5203", Workload.data("psn_no", psn, "setl_id", "S-none"));
        String metrics = get("/actuator/prometheus");
        assertThat(metrics).containsPattern("gongji_his_seconds_count\\{[^}]*infcode=\"0\",infno=\"2207\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("gongji_his_seconds_count\\{[^}]*infcode=\"-2\",infno=\"5203\"[^}]*} [1-9]");
        assertThat(metrics).contains("gongji_his_seconds_bucket{", "le=\"0.05\"");
        assertThat(metrics).contains("hikaricp_connections_active", "hikaricp_connections_pending");
        assertThat(metrics).as("HTTP timings of the HIS endpoint too").containsPattern(
                "http_server_requests_seconds_count\\{[^}]*uri=\"/fsi/api/rsfComIfsService/callService\"[^}]*} [1-9]");
    }

    @Test
    void a_his_answer_is_json_in_utf_8_with_its_length() {
        RefData ref = new RefData(db);
        RefData.Inst inst = ref.hospital("L1");
        HisClient his = new HisClient("http://127.0.0.1:" + port, inst.code(), inst.secret());
        var r = his.postRaw(his.envelope("5206", his.nextMsgid(), Workload.data("psn_no", "41130000000000000000", "cum_ym", ""))
                .toString(), his.signedHeaders());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json;charset=utf-8");
        assertThat(r.headers().firstValue("content-length")).hasValue(
                String.valueOf(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        assertThat(r.body()).contains("\"infcode\"");
    }

    @Test
    void a_his_log_line_carries_the_institution_and_the_msgid(CapturedOutput output) {
        RefData ref = new RefData(db);
        RefData.Inst inst = ref.hospital("L1");
        HisClient his = new HisClient("http://127.0.0.1:" + port, inst.code(), inst.secret());
        String msgid = his.nextMsgid();
        his.call("5206", msgid, Workload.data("psn_no", "41130000000000000000", "cum_ym", ""));
        assertThat(output.getOut()).contains("[" + inst.code() + "|" + msgid + "]");
    }
}
