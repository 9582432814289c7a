package cn.gongji.console;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without JavaScript, for the role and form tests: keeps cookies (the session), never
 * follows redirects (tests look at them), and reads the CSRF token from the page a form is on.
 */
final class ConsoleClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    record Answer(int status, String location, String body) {}

    private final String base;
    private final HttpClient http;

    ConsoleClient(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Signs in on a sign-in page ({@code /console/login} or {@code /me/login}); answers where it was sent. */
    Answer signIn(String page, String userField, String user, String password) {
        return post(page, page, Map.of(userField, user, "password", password));
    }

    Answer staff(String user, String password) {
        return signIn("/console/login", "username", user, password);
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html,application/json;q=0.9,*/*;q=0.8").GET().build());
    }

    /** Posts a form with the CSRF token of the page {@code formPage}. */
    Answer post(String formPage, String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        Answer page = get(formPage);
        Matcher m = CSRF.matcher(page.body());
        if (m.find()) {
            all.put("_csrf", m.group(1));
        }
        return postRaw(path, all);
    }

    /** Posts a form as given (no CSRF token unless the fields carry one). */
    Answer postRaw(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private Answer send(HttpRequest r) {
        try {
            HttpResponse<String> res = http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(res.statusCode(), res.headers().firstValue("Location").orElse(""), res.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
