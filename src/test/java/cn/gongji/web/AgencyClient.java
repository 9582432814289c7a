package cn.gongji.web;

import cn.gongji.registry.CertNo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the agency API in integration tests. */
public final class AgencyClient {

    public static final String TOKEN = "test-admin-token";
    private static final AtomicLong SEQ = new AtomicLong(System.nanoTime() % 900);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public AgencyClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Answer(int status, String contentType, String text) {
        public JsonNode json() {
            return JSON.readTree(text);
        }

        public String field(String name) {
            return json().get(name).asString();
        }
    }

    public Answer post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Answer patch(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    public Answer put(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN)
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN).GET());
    }

    public Answer delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN).DELETE());
    }

    public Answer send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh valid certno (born 1980-01-01 in 411302, male when {@code male}). */
    public static String newCertno(boolean male) {
        long n = SEQ.incrementAndGet();
        int seq3 = (int) ((n % 500) * 2 + (male ? 1 : 0));
        long k = n / 500;
        int year = 1950 + (int) (k % 50);
        int day = 1 + (int) ((k / 50) % 28);
        return CertNo.complete("411302" + year + "03" + String.format("%02d%03d", day, seq3)).value();
    }

    public static String personJson(String certno, String status) {
        String brdy = certno.substring(6, 10) + "-" + certno.substring(10, 12) + "-" + certno.substring(12, 14);
        return """
                {"certno":"%s","psn_name":"张三","gend":"%s","brdy":"%s","insuplc_admdvs":"411302",
                 "emp_name":"南阳某公司","status":"%s","insu_date":"2015-03-20","contribution_base":5000.00,
                 "card_no":"C%s","evoucher_token":"E%s"}
                """.formatted(certno, (certno.charAt(16) - '0') % 2 == 1 ? "1" : "2", brdy, status, certno, certno);
    }

    public String newPerson(String status) {
        Answer a = post("/api/admin/persons", personJson(newCertno(true), status));
        if (a.status() != 200) {
            throw new IllegalStateException(a.text());
        }
        return a.field("psn_no");
    }
}
