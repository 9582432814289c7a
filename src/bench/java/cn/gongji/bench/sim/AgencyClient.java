package cn.gongji.bench.sim;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The agency API (PROTOCOL.md §4) as far as the generator needs it: bearer token, JSON in and out. */
public final class AgencyClient {

    private final HttpClient http;
    private final URI base;
    private final JsonMapper json;
    private final String token;

    public AgencyClient(HttpClient http, URI base, JsonMapper json, String token) {
        this.http = http;
        this.base = base;
        this.json = json;
        this.token = token;
    }

    /** An HTTP status and the parsed body (a missing node when the body was not JSON). */
    public record Reply(int status, JsonNode body, String raw) {
        public boolean ok() {
            return status / 100 == 2;
        }

        public String describe() {
            String detail = body.path("detail").isString() ? body.path("detail").stringValue() : raw;
            return "HTTP " + status + ": " + HisClient.abbreviate(detail) + errorsOf(body);
        }

        private static String errorsOf(JsonNode b) {
            return b.path("errors").isArray() && !b.path("errors").isEmpty() ? " " + b.path("errors") : "";
        }
    }

    public Reply post(String path, JsonNode body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body),
                StandardCharsets.UTF_8)).header("Content-Type", "application/json").build());
    }

    public Reply get(String path) {
        return send(request(path).GET().build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    private Reply send(HttpRequest req) {
        try {
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode body;
            try {
                body = res.body().isBlank() ? json.missingNode() : json.readTree(res.body());
            } catch (RuntimeException e) {
                body = json.missingNode();
            }
            return new Reply(res.statusCode(), body, res.body());
        } catch (IOException e) {
            throw new SimulationException("agency API " + req.method() + " " + req.uri() + " failed: " + e
                    + " (is Gongji running at " + base + "?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimulationException("interrupted");
        }
    }
}
