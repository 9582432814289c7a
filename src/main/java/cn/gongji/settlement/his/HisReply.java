package cn.gongji.settlement.his;

import cn.gongji.settlement.Formats;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The response envelope: {infcode, inf_refmsgid, refmsg_time, respond_time, err_msg, output}.
 * inf_refmsgid = receiver area (setting {@code gongji.his.admdvs}, default 411300 Nanyang) +
 * yyyyMMddHHmmss + a 10-digit serial (in memory, started at a random point so restarts rarely reuse one).
 */
@Component
public class HisReply {

    private final ObjectMapper json;
    private final Clock clock;
    private final String area;
    private final AtomicLong serial = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000_000L));

    public HisReply(ObjectMapper json, Clock clock, @Value("${gongji.his.admdvs:411300}") String area) {
        this.json = json;
        this.clock = clock;
        this.area = area;
    }

    public ObjectNode success(JsonNode output, Instant received) {
        return envelope(0, null, output, received);
    }

    public ObjectNode error(int infcode, String message, Instant received) {
        return envelope(infcode, message, null, received);
    }

    private ObjectNode envelope(int infcode, String errMsg, JsonNode output, Instant received) {
        LocalDateTime now = LocalDateTime.now(clock);
        ObjectNode o = json.createObjectNode();
        o.put("infcode", infcode);
        o.put("inf_refmsgid", area + now.format(Formats.STAMP) + String.format("%010d", serial.incrementAndGet() % 10_000_000_000L));
        o.put("refmsg_time", LocalDateTime.ofInstant(received, clock.getZone()).format(Formats.STAMP_MILLIS));
        o.put("respond_time", now.format(Formats.STAMP_MILLIS));
        o.put("err_msg", errMsg);
        o.set("output", output);
        return o;
    }
}
