package cn.gongji.bench.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One HIS: builds the PROTOCOL.md §1 envelope, signs it (x-tif headers, SHA-256 of
 * timestamp + secret + nonce + timestamp) and posts it over pooled keep-alive HTTP/1.1 sockets
 * ({@link LoopbackHttp}).
 */
public final class HisClient {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final DateTimeFormatter MSGID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    static final DateTimeFormatter INF_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private final LoopbackHttp http;
    private final String endpoint;
    private final JsonMapper json;
    private final String area;

    public HisClient(LoopbackHttp http, JsonMapper json, String area) {
        this.http = http;
        this.endpoint = "/fsi/api/rsfComIfsService/callService";
        this.json = json;
        this.area = area;
    }

    /** An answer, or the transport failure; micros = time from send to the parsed answer. */
    public record Answer(int http, Integer infcode, String errMsg, JsonNode output, long micros, String failure) {
        public boolean ok() {
            return failure == null && infcode != null && infcode == 0;
        }

        /** The error class used in the summary: the infcode, else http-NNN, else the exception. */
        public String code() {
            if (failure != null) {
                return "transport";
            }
            if (infcode != null) {
                return String.valueOf(infcode);
            }
            return "http-" + http;
        }
    }

    public Answer call(Institution inst, String infno, ObjectNode input) {
        long ts = Instant.now().getEpochSecond();
        String nonce = nonce();
        byte[] body = envelope(inst, infno, input).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json;charset=utf-8");
        headers.put("x-tif-paasid", inst.code());
        headers.put("x-tif-timestamp", Long.toString(ts));
        headers.put("x-tif-nonce", nonce);
        headers.put("x-tif-signature", signature(ts, inst.secret(), nonce));
        long t0 = System.nanoTime();
        try {
            LoopbackHttp.Response res = http.post(endpoint, headers, body);
            return parse(res.status(), res.text(), (System.nanoTime() - t0) / 1000);
        } catch (IOException | RuntimeException e) {
            return new Answer(0, null, null, null, (System.nanoTime() - t0) / 1000, e.toString());
        }
    }

    private Answer parse(int status, String body, long micros) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (RuntimeException e) {
            return new Answer(status, null, abbreviate(body), null, micros, null);
        }
        JsonNode code = root.path("infcode");
        Integer infcode = null;
        if (code.isNumber()) {
            infcode = code.asInt();
        } else if (code.isString()) {
            try {
                infcode = Integer.parseInt(code.stringValue().trim());
            } catch (NumberFormatException e) {
                infcode = null;
            }
        }
        String err = root.path("err_msg").isString() ? root.path("err_msg").stringValue() : null;
        if (infcode == null && err == null) {
            err = abbreviate(body); // e.g. a problem+json refusal of the envelope
        }
        return new Answer(status, infcode, err, root.path("output"), micros, null);
    }

    String envelope(Institution inst, String infno, ObjectNode input) {
        LocalDateTime now = LocalDateTime.now(ZONE);
        ObjectNode e = json.createObjectNode();
        e.put("infno", infno);
        e.put("msgid", inst.nextMsgid(now));
        e.put("mdtrtarea_admvs", area);
        e.put("insuplc_admdvs", area);
        e.put("recer_sys_code", "FSI");
        e.put("dev_no", "");
        e.put("dev_safe_info", "");
        e.put("cainfo", "");
        e.put("signtype", "SM3");
        e.put("infver", "V1.0");
        e.put("opter_type", "1");
        e.put("opter", "sim01");
        e.put("opter_name", "simulate");
        e.put("inf_time", INF_TIME.format(now));
        e.put("fixmedins_code", inst.code());
        e.put("fixmedins_name", inst.code());
        e.put("sign_no", "");
        e.set("input", input);
        return json.writeValueAsString(e);
    }

    static String signature(long ts, String secret, String nonce) {
        String t = Long.toString(ts);
        byte[] d = SHA256.get().digest((t + secret + nonce + t).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(d);
    }

    private static String nonce() {
        var r = ThreadLocalRandom.current();
        return Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong()) + Long.toHexString(System.nanoTime());
    }

    static String abbreviate(String s) {
        if (s == null) {
            return null;
        }
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
