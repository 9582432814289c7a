package cn.gongji.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.console.staff.Role;
import cn.gongji.console.staff.StaffStore;
import cn.gongji.support.HisClient;
import cn.gongji.support.Invariants;
import cn.gongji.support.RefData;
import cn.gongji.support.ServiceIT;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The console in a real headless Chromium: sign-in, a settlement made over the HIS protocol and
 * explained on the person page, the dashboard's charts drawn, a page refused to a role, the
 * insured person's page. Screenshots go to target/screenshots/.
 */
@ServiceIT
class ConsoleBrowserIT {

    static final String PASSWORD = "browser-password-1";
    static Browser browser;

    @LocalServerPort
    int port;

    @Autowired
    StaffStore staff;

    @Autowired
    JdbcClient db;

    @Autowired
    cn.gongji.supervision.db.IndicatorRun indicators;

    RefData ref;
    String suffix;

    @BeforeAll
    static void open() {
        browser = Browser.start();
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void fresh() {
        ref = new RefData(db);
        suffix = Integer.toString(ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999));
        for (Role r : Role.values()) {
            staff.create(r.code() + suffix, "浏览器 " + r.code(), r, PASSWORD, "test");
        }
        browser.size(1366, 900);
        go("/console/login?lang=zh");
        browser.driver.manage().deleteAllCookies();
    }

    /** Invariants broken before this test by other tests' fixtures (see Invariants.violations). */
    java.util.List<String> brokenBefore;

    @BeforeEach
    void invariantsBefore() {
        brokenBefore = Invariants.violations(db);
    }

    @AfterEach
    void invariantsHold() {
        assertThat(Invariants.violations(db)).as("invariants this test broke").isSubsetOf(brokenBefore);
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    void go(String path) {
        browser.driver.get(url(path));
    }

    /** Waits for the element: after a click the next page may still be loading. */
    WebElement find(String css) {
        return waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    /** Pages that poll re-render their elements: a reference gone stale is looked up again. */
    WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(browser.driver, Duration.ofSeconds(20));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    void signIn(Role role, String password) {
        go("/console/login");
        find("#username").sendKeys(role.code() + suffix);
        find("#password").sendKeys(password);
        find("#sign-in").click();
    }

    @Test
    void a_wrong_password_is_refused_and_the_right_one_opens_the_dashboard() {
        signIn(Role.OPERATOR, "not-the-password");
        assertThat(find("#login-error").getText()).contains("用户名或密码错误");
        assertThat(browser.driver.getCurrentUrl()).contains("/console/login");
        browser.screenshot("01-login-refused");

        signIn(Role.OPERATOR, PASSWORD);
        waiting().until(ExpectedConditions.urlToBe(url("/console")));
        assertThat(find(".top .user").getText()).contains("operator" + suffix).contains("经办员");
    }

    @Test
    void the_person_page_explains_in_words_why_a_settlement_made_over_the_protocol_paid_what_it_did() {
        RefData.Inst inst = ref.hospital("L3");
        String psn = ref.person("in_service");
        ref.credit(psn, "100.00");
        HisClient his = new HisClient("http://127.0.0.1:" + port, inst.code(), inst.secret());
        JsonNode s = Protocol.settle(his, psn, true, new String[] {ref.classA(), "20.00", "10"});
        assertThat(s.path("hifp_pay").decimalValue()).isEqualByComparingTo("75.00");
        String setlId = s.path("setl_id").asString();

        signIn(Role.AUDITOR, PASSWORD);
        waiting().until(ExpectedConditions.urlToBe(url("/console")));
        go("/console/persons");
        find("#q").sendKeys(ref.certno(psn));
        find("#lookup").click();
        waiting().until(ExpectedConditions.urlContains("/console/persons/" + psn));

        String certno = ref.certno(psn);
        assertThat(find("#certno").getText()).as("ID number masked")
                .isEqualTo(certno.substring(0, 4) + "**********" + certno.substring(14));
        assertThat(find("#psn-name").getText()).as("name masked").matches("\\S\\*+\\S?");
        assertThat(find("#pool-used").getText()).isEqualTo("75.00");
        assertThat(find("#pool-remaining").getText()).isEqualTo("1425.00");
        WebElement card = find("#s-" + setlId);
        List<String> why = card.findElements(By.cssSelector("ol.why li")).stream().map(WebElement::getText).toList();
        assertThat(why).hasSize(6);
        assertThat(why.get(0)).contains("200.00", "政策范围内 200.00");
        assertThat(why.get(1)).contains("起付标准", "50.00", "三级");
        assertThat(why.get(2)).contains("(200.00 − 50.00) × 50% = 75.00");
        assertThat(why.get(3)).contains("1500.00", "75.00", "1425.00");
        assertThat(why.get(5)).contains("本人账户支付 100.00", "现金 25.00");
        assertThat(card.findElement(By.cssSelector("pre.trace")).getText()).contains("NY-2022-07", "统筹基金支付 75.00");
        browser.screenshot("02-person-settlement-zh");

        go("/console/persons/" + psn + "?lang=en");
        List<String> en = find("#s-" + setlId).findElements(By.cssSelector("ol.why li")).stream()
                .map(WebElement::getText).toList();
        assertThat(en.get(1)).contains("Deductible: 50.00 yuan", "level 3");
        assertThat(en.get(3)).contains("the fund paid 75.00 yuan, leaving 1425.00 yuan");
        browser.screenshot("03-person-settlement-en");
        browser.size(820, 1180);
        go("/console/persons/" + psn + "?lang=zh");
        browser.screenshot("04-person-tablet");
    }

    @Test
    void the_dashboard_draws_its_four_charts_from_the_settlement_rows() {
        RefData.Inst inst = ref.hospital("L2");
        HisClient his = new HisClient("http://127.0.0.1:" + port, inst.code(), inst.secret());
        Protocol.settle(his, ref.person("retired"), false, new String[] {ref.classA(), "36.50", "4"});
        signIn(Role.FINANCE, PASSWORD);
        waiting().until(ExpectedConditions.urlToBe(url("/console")));
        for (String id : List.of("chart-days", "chart-levels", "chart-usage", "chart-top")) {
            WebElement canvas = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#" + id + " canvas")));
            assertThat(canvas.getSize().getWidth()).as("%s width", id).isGreaterThan(200);
            assertThat(canvas.getSize().getHeight()).as("%s height", id).isGreaterThan(200);
        }
        assertThat(Integer.parseInt(find("#kpi-settlements").getText())).as("today's settlements").isPositive();
        browser.screenshot("05-dashboard");
    }

    @Test
    void a_role_without_the_page_is_shown_the_refusal() {
        signIn(Role.OPERATOR, PASSWORD);
        waiting().until(ExpectedConditions.urlToBe(url("/console")));
        assertThat(browser.driver.findElements(By.linkText("账户划入"))).as("no link for the operator").isEmpty();
        go("/console/credits");
        assertThat(find("#denied").getText()).isEqualTo("无权访问");
        browser.screenshot("06-denied");
    }

    @Test
    void finance_runs_the_monthly_credit_and_watches_it_finish() {
        signIn(Role.FINANCE, PASSWORD);
        waiting().until(ExpectedConditions.urlToBe(url("/console")));
        go("/console/credits");
        WebElement month = find("#month");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("arguments[0].value='2024-07'", month);
        find("#start-credit").click();
        waiting().until(ExpectedConditions.alertIsPresent()).accept();   // the credit asks first (confirm.js)
        waiting().until(d -> "DONE".equals(d.findElement(By.id("job-state")).getDomAttribute("data-state")));
        assertThat(find("#job-month").getText()).isEqualTo("2024-07");
        assertThat(Integer.parseInt(find("#sum-persons").getText())).isPositive();
        browser.screenshot("07-credit-done");
    }

    @Test
    void the_insured_person_signs_in_and_sees_balance_limit_settlements_and_family_use() {
        RefData.Inst inst = ref.hospital("L3");
        String member = ref.person("in_service");
        String holder = ref.person("retired");
        ref.credit(member, "10.00");
        ref.credit(holder, "500.00");
        ref.bind(holder, member, "child");
        HisClient his = new HisClient("http://127.0.0.1:" + port, inst.code(), inst.secret());
        JsonNode s = Protocol.settle(his, member, true, new String[] {ref.classA(), "200.00", "1"});
        assertThat(s.path("acct_mulaid_pay").decimalValue()).isEqualByComparingTo("115.00");

        signIn(Role.OPERATOR, PASSWORD);
        waiting().until(ExpectedConditions.urlToBe(url("/console")));
        go("/console/persons/" + member);
        find("#insured-password").sendKeys("member-pass-1");
        find("#set-insured-password").click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("pw-done")));

        go("/me/login");
        find("#certno").sendKeys(ref.certno(member));
        find("#password").sendKeys("wrong-pass-1");
        find("#sign-in").click();
        assertThat(find("#login-error").getText()).contains("身份证号或密码错误");
        find("#certno").sendKeys(ref.certno(member));
        find("#password").sendKeys("member-pass-1");
        find("#sign-in").click();
        waiting().until(ExpectedConditions.urlToBe(url("/me")));
        assertThat(find("#me-balance").getText()).isEqualTo("0.00");
        assertThat(find("#me-used").getText()).isEqualTo("75.00");
        assertThat(find("#me-remaining").getText()).isEqualTo("1425.00");
        assertThat(find("#me-who").getText()).contains("**********").doesNotContain(ref.certno(member));
        assertThat(find("#me-settlements").getText()).contains("200.00", "75.00");
        assertThat(find("#me-paid-for-me").getText()).contains("115.00");
        browser.screenshot("08-insured");
        go("/console/staff");
        assertThat(find("#denied").getText()).as("the staff session is still the operator's").isEqualTo("无权访问");
    }

    @Test
    void an_auditor_reviews_a_warning_raised_at_settlement_through_the_institutions_appeal_to_confirmation() {
        RefData.Inst inst = ref.hospital("L2");
        HisClient his = new HisClient("http://127.0.0.1:" + port, inst.code(), inst.secret());
        String a = ref.classA();
        JsonNode s = Protocol.settle(his, ref.person("in_service"), false, new String[] {a, "40.00", "1"},
                new String[] {a, "40.00", "1"});
        String setlId = s.path("setl_id").asString();
        long id = db.sql("select warning_id from supervision_warning where setl_id = :s and rule_id = 'R01'")
                .param("s", setlId).query(Long.class).single();

        signIn(Role.AUDITOR, PASSWORD);
        waiting().until(ExpectedConditions.urlToBe(url("/console")));
        find("a[href='/console/warnings']").click();
        find("#f-inst").sendKeys(inst.code());
        find("#filter").click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("w-" + id)));
        assertThat(find("#w-" + id + " .w-status").getText()).isEqualTo("初审");
        browser.screenshot("09-warning-queue");
        find("#w-" + id + " a").click();

        waiting().until(ExpectedConditions.urlContains("/console/warnings/" + id));
        assertThat(find("#w-evidence").getText()).contains("min_repeats");
        assertThat(find("#w-rule").getText()).contains("R01", "同一就诊重复收费");
        assertThat(find("#w-trace").getText()).contains("统筹基金支付 " + s.path("hifp_pay").decimalValue().toPlainString());
        assertThat(browser.driver.findElements(By.id("do-confirm"))).as("no confirmation at first review").isEmpty();
        find("#w-note").sendKeys("初审：同一项目同价收费两次");
        find("#do-escalate").click();
        waiting().until(ExpectedConditions.textToBe(By.id("w-status"), "复审"));
        find("#do-notify").click();
        waiting().until(ExpectedConditions.textToBe(By.id("w-status"), "待机构申诉"));
        assertThat(browser.driver.findElements(By.cssSelector("#w-review button"))).extracting(WebElement::getText)
                .containsExactly("排除疑点");

        Protocol.appeal(his, id, "两次为不同部位治疗");
        go("/console/warnings/" + id);
        assertThat(find("#w-status").getText()).isEqualTo("核实");
        assertThat(find("#w-appeal").getText()).isEqualTo("两次为不同部位治疗");
        find("#w-note").sendKeys("核实：同一部位，重复收费成立");
        find("#do-confirm").click();
        Alert ask = waiting().until(ExpectedConditions.alertIsPresent());   // closing a warning asks first
        assertThat(ask.getText()).startsWith("确认违规并追回？");
        ask.accept();
        waiting().until(ExpectedConditions.textToBe(By.id("w-status"), "已处理：确认违规"));
        assertThat(find("#w-events").findElements(By.cssSelector(".e-action"))).extracting(WebElement::getText)
                .containsExactly("生成预警", "初审成立，转复审", "复审成立，通知机构申诉", "机构申诉", "确认违规并追回");
        assertThat(browser.driver.findElements(By.cssSelector("#w-review button"))).as("closed: no more moves").isEmpty();
        assertThat(db.sql("select amount from supervision_recovery where warning_id = :w").param("w", id)
                .query(java.math.BigDecimal.class).single()).isEqualByComparingTo(s.path("hifp_pay").decimalValue());
        browser.screenshot("10-warning-confirmed");
    }

    @Test
    void the_institution_page_draws_its_indicator_history_and_shows_its_latest_statement() {
        RefData.Inst inst = ref.hospital("L1");
        HisClient his = new HisClient("http://127.0.0.1:" + port, inst.code(), inst.secret());
        JsonNode s = Protocol.settle(his, ref.person("retired"), false, new String[] {ref.classA(), "50.00", "2"});
        java.time.YearMonth month = java.time.YearMonth.now(HisClient.ZONE);
        // five earlier months of the institution's indicator sums, as the monthly run would have kept them
        for (int k = 5; k >= 1; k--) {
            db.sql("""
                    insert into supervision_indicator_month (fixmedins_code, month, kind, level, visits, total, selfpay,
                        exam_test, outside_catalog)
                    values (:c, :m, 'hospital', 'L1', :v, :t, :sp, :e, 0)
                    """).param("c", inst.code()).param("m", month.minusMonths(k).atDay(1)).param("v", 20 + k)
                    .param("t", new java.math.BigDecimal(2000 + 150 * k)).param("sp", new java.math.BigDecimal(100 + 10 * k))
                    .param("e", new java.math.BigDecimal(300 + 20 * k)).update();
        }
        indicators.run(month);

        signIn(Role.FINANCE, PASSWORD);
        waiting().until(ExpectedConditions.urlToBe(url("/console")));
        browser.size(1366, 2200);
        go("/console/institutions/" + inst.code());
        WebElement canvas = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-indicators canvas")));
        assertThat(canvas.getSize().getWidth()).isGreaterThan(200);
        assertThat(canvas.getSize().getHeight()).isGreaterThan(200);
        assertThat(find("#indicators").findElements(By.cssSelector("tbody tr"))).hasSize(6);
        assertThat(find("#ind-" + month + " td[data-ind='I03'] .ind-value").getText()).isEqualTo("100.00");
        assertThat(find("#st-latest-fund").getText()).isEqualTo(s.path("hifp_pay").decimalValue().setScale(2).toPlainString());
        assertThat(find("#st-latest-status").getText()).contains("未结");
        assertThat(find("#st-export-detail").getDomAttribute("href")).endsWith("/export?format=csv-detail");
        waiting().until(d -> "true".equals(d.findElement(By.id("chart-indicators")).getDomAttribute("data-drawn")));
        browser.screenshot("11-institution-indicators-statement");
    }
}
