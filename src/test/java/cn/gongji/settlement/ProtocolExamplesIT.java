package cn.gongji.settlement;

import static cn.gongji.settlement.HisSteps.*;

import cn.gongji.support.HisClient;
import cn.gongji.support.RefData;
import cn.gongji.support.ServiceIT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Captures a real conversation (1101 → 2201 → 2204 → 2206 → 2207 → 2208, one refusal) into
 * target/protocol-examples.json; docs/protocol.md shows these exchanges.
 */
@ServiceIT
class ProtocolExamplesIT extends HisTestBase {

    private final ArrayNode log = HisClient.JSON.createArrayNode();

    private JsonNode exchange(HisClient his, String infno, Object input) {
        ObjectNode req = his.envelope(infno, his.nextMsgid(), input);
        JsonNode res = his.post(req.toString(), his.signedHeaders());
        ObjectNode e = log.addObject();
        e.set("request", req);
        e.set("response", res);
        return res;
    }

    @Test
    void a_documented_conversation_runs_as_shown() throws Exception {
        RefData.Inst inst = ref.hospital("L3");
        HisClient his = client(inst);
        String psn = ref.person("in_service");
        ref.credit(psn, "100.00");
        String a = ref.classA();
        String b = ref.item("02", "0.10", "9.50", true);
        ok(exchange(his, "1101", data("mdtrt_cert_type", "02", "mdtrt_cert_no", ref.certno(psn), "card_sn", "",
                "psn_cert_type", "01", "certno", "", "psn_name", "")));
        String mdtrtId = ok(exchange(his, "2201", data("psn_no", psn, "insutype", "310", "begntime",
                now().minusMinutes(20).format(HisClient.DATE_TIME), "mdtrt_cert_type", "02", "mdtrt_cert_no", ref.certno(psn),
                "ipt_otp_no", "MZ0001", "atddr_no", "D01", "dr_name", "王医生", "dept_code", "A03", "dept_name", "内科",
                "caty", "A03"))).path("data").path("mdtrt_id").asString();
        ok(exchange(his, "2204", feedetail(mdtrtId, psn, line(a, "150.00", "1"), line(b, "10.00", "5"))));
        ok(exchange(his, "2206", settleInput(psn, mdtrtId, "200.00", true)));
        JsonNode s = ok(exchange(his, "2207", settleInput(psn, mdtrtId, "200.00", true)));
        String setlId = s.path("setlinfo").path("setl_id").asString();
        ok(exchange(his, "2208", data("setl_id", setlId, "mdtrt_id", mdtrtId, "psn_no", psn)));
        refused(exchange(his, "2208", data("setl_id", setlId, "mdtrt_id", mdtrtId, "psn_no", psn)));
        ok(exchange(his, "5206", data("psn_no", psn, "cum_ym", "")));
        ok(exchange(his, "9001", Map.of("signIn", Map.of("opter_no", "001", "mac", "00-16-3E-00-00-01", "ip", "10.0.0.8"))));
        Path dir = Path.of("target", "protocol-examples");
        Files.createDirectories(dir);
        var pretty = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        for (int i = 0; i < log.size(); i++) {
            JsonNode e = log.get(i);
            String name = String.format("%02d-%s", i, e.path("request").path("infno").asString());
            Files.writeString(dir.resolve(name + "-request.json"), pretty.writeValueAsString(e.path("request")));
            Files.writeString(dir.resolve(name + "-response.json"), pretty.writeValueAsString(e.path("response")));
        }
    }
}
