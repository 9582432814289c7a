package cn.gongji.settlement.his;

import cn.gongji.settlement.Formats;
import cn.gongji.settlement.HisBusinessException;
import cn.gongji.settlement.Ids;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * 9001 sign in / 9002 sign out. The sign_no is issued and recorded; later messages need not carry a
 * valid one (the x-tif signature authenticates the institution; sign_no identifies the operator's
 * session for audit only).
 */
@Component
public class SignTx {

    private final JdbcClient db;
    private final Ids ids;
    private final ObjectMapper json;
    private final Clock clock;

    public SignTx(JdbcClient db, Ids ids, ObjectMapper json, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.json = json;
        this.clock = clock;
    }

    public JsonNode signIn(HisCall call) {
        Fields d = call.input().obj("signIn");
        String opter = d.str("opter_no");
        String signNo = ids.signNo();
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.sql("insert into sign_in (sign_no, fixmedins_code, opter_no, sign_time) values (:s, :i, :o, :t)")
                .param("s", signNo).param("i", call.inst().code()).param("o", opter).param("t", now).update();
        return answer(signNo, now);
    }

    public JsonNode signOut(HisCall call) {
        Fields d = call.input().obj("signOut");
        String signNo = d.str("sign_no");
        OffsetDateTime now = OffsetDateTime.now(clock);
        int n = db.sql("""
                update sign_in set signed_out_at = :t
                where sign_no = :s and fixmedins_code = :i and signed_out_at is null
                """).param("t", now).param("s", signNo).param("i", call.inst().code()).update();
        if (n == 0) {
            throw new HisBusinessException("SIGN_NO", "签到编号 sign_no " + signNo + " 不存在或已签退 / unknown or already signed out");
        }
        return answer(signNo, now);
    }

    private JsonNode answer(String signNo, OffsetDateTime at) {
        ObjectNode out = json.createObjectNode();
        ObjectNode b = out.putObject("signinoutb");
        b.put("sign_time", LocalDateTime.ofInstant(at.toInstant(), clock.getZone()).format(Formats.DATE_TIME));
        b.put("sign_no", signNo);
        return out;
    }
}
