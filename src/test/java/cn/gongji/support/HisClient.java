package cn.gongji.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A HIS as the national interface sees it: builds the envelope, signs with the x-tif headers
 * (PROTOCOL.md §1) and posts over HTTP. Plain Java (no Spring), so the load generator can reuse it.
 * Thread-safe: msgids come from an atomic counter.
 */
public final class HisClient {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    public static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI uri;
    private final String fixmedinsCode;
    private final String secret;
    private final AtomicInteger seq = new AtomicInteger();
    private volatile String insuplcAdmdvs = "411300";
    private volatile String mdtrtareaAdmvs = "411300";

    public HisClient(String baseUrl, String fixmedinsCode, String secret) {
        this.uri = URI.create(baseUrl + "/fsi/api/rsfComIfsService/callService");
        this.fixmedinsCode = fixmedinsCode;
        this.secret = secret;
    }

    public String code() {
        return fixmedinsCode;
    }

    /** Place of care for the following messages (off-site care). */
    public HisClient mdtrtarea(String admvs) {
        this.mdtrtareaAdmvs = admvs;
        return this;
    }

    public HisClient insuplc(String admdvs) {
        this.insuplcAdmdvs = admdvs;
        return this;
    }

    /** Institution code (12) + yyyyMMddHHmmss + 4-digit sequence. */
    public String nextMsgid() {
        return fixmedinsCode + LocalDateTime.now(ZONE).format(STAMP) + String.format("%04d", seq.incrementAndGet() % 10000);
    }

    public JsonNode call(String infno, Object input) {
        return call(infno, nextMsgid(), input);
    }

    public JsonNode call(String infno, String msgid, Object input) {
        return post(envelope(infno, msgid, input).toString(), signedHeaders());
    }

    public ObjectNode envelope(String infno, String msgid, Object input) {
        ObjectNode e = JSON.createObjectNode();
        e.put("infno", infno);
        e.put("msgid", msgid);
        e.put("mdtrtarea_admvs", mdtrtareaAdmvs);
        e.put("insuplc_admdvs", insuplcAdmdvs);
        e.put("recer_sys_code", "FSI_LOCAL");
        e.put("dev_no", "");
        e.put("dev_safe_info", "");
        e.put("cainfo", "");
        e.put("signtype", "SM3");
        e.put("infver", "V1.0");
        e.put("opter_type", "1");
        e.put("opter", "001");
        e.put("opter_name", "收费员");
        e.put("inf_time", LocalDateTime.now(ZONE).format(DATE_TIME));
        e.put("fixmedins_code", fixmedinsCode);
        e.put("fixmedins_name", "测试机构");
        e.put("sign_no", "");
        e.set("input", JSON.valueToTree(input));
        return e;
    }

    public Map<String, String> signedHeaders() {
        String ts = String.valueOf(Instant.now().getEpochSecond());
        String nonce = UUID.randomUUID().toString().replace("-", "");
        Map<String, String> h = new LinkedHashMap<>();
        h.put("x-tif-paasid", fixmedinsCode);
        h.put("x-tif-timestamp", ts);
        h.put("x-tif-nonce", nonce);
        h.put("x-tif-signature", sign(ts, secret, nonce));
        return h;
    }

    /** lowercase hex SHA-256 of timestamp + secret + nonce + timestamp. */
    public static String sign(String timestamp, String secret, String nonce) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((timestamp + secret + nonce + timestamp).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Posts any body with any headers; answers the parsed envelope (the service always answers JSON). */
    public JsonNode post(String body, Map<String, String> headers) {
        HttpResponse<String> r = postRaw(body, headers);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** {@link #postRaw} without a Content-Length: the body goes chunked. */
    public HttpResponse<String> postChunked(String body, Map<String, String> headers) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json;charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes)));
        headers.forEach(b::header);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> postRaw(String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json;charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
