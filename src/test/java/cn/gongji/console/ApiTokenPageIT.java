package cn.gongji.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.console.staff.Role;
import cn.gongji.console.staff.StaffStore;
import cn.gongji.support.ServiceIT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A member of staff makes a personal API token in the console, uses it on the agency API, and revokes it. */
@ServiceIT
class ApiTokenPageIT {

    @LocalServerPort
    int port;

    @Autowired
    StaffStore staff;

    @Test
    void a_token_made_on_the_page_is_shown_once_works_on_the_agency_api_and_stops_when_revoked() throws Exception {
        String user = "finance-page-" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        staff.create(user, "页面 finance", Role.FINANCE, "page-password-123", "test");
        ConsoleClient c = new ConsoleClient(port);
        assertThat(c.staff(user, "page-password-123").location()).endsWith("/console");

        var made = c.post("/console/tokens", "/console/tokens", Map.of("name", "月度脚本", "days", "30"));
        assertThat(made.status()).isEqualTo(302);
        String page = c.get("/console/tokens").body();
        Matcher m = Pattern.compile("gjt_[A-Za-z0-9_-]{43}").matcher(page);
        assertThat(m.find()).as(page).isTrue();
        String token = m.group();
        assertThat(c.get("/console/tokens").body()).as("shown once").doesNotContain(token).contains("月度脚本");

        assertThat(api(token)).isEqualTo(200);

        Matcher id = Pattern.compile("/console/tokens/(\\d+)/revoke").matcher(c.get("/console/tokens").body());
        assertThat(id.find()).isTrue();
        c.post("/console/tokens", "/console/tokens/" + id.group(1) + "/revoke", Map.of());
        assertThat(api(token)).isEqualTo(401);

        assertThat(c.post("/console/tokens", "/console/tokens", Map.of("name", "x", "days", "0")).status()).isEqualTo(302);
        assertThat(c.get("/console/tokens").body()).contains("token-error");
    }

    private int api(String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/admin/supervision/rules")).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
