package cn.gongji.console;

import cn.gongji.support.TempDirs;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian's /usr/bin/chromium with /usr/bin/chromedriver), driven by
 * Selenium with the driver path set explicitly so Selenium Manager never tries to download
 * anything. Missing browser = a failing test with the install command, unless the browser tests
 * are switched off on purpose with {@code GONGJI_BROWSER_TESTS=off} (or {@code -Dgongji.browser-tests=off}).
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = env("GONGJI_CHROMIUM", "/usr/bin/chromium");
    static final String DRIVER = env("GONGJI_CHROMEDRIVER", "/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;

    private Browser(ChromeDriver driver, ChromeDriverService service, Path profile) {
        this.driver = driver;
        this.service = service;
        this.profile = profile;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static Browser start() {
        String off = System.getProperty("gongji.browser-tests", System.getenv("GONGJI_BROWSER_TESTS"));
        Assumptions.assumeFalse("off".equalsIgnoreCase(off),
                "browser tests switched off (GONGJI_BROWSER_TESTS=off / -Dgongji.browser-tests=off)");
        for (String exe : new String[] {CHROMIUM, DRIVER}) {
            if (!new File(exe).canExecute()) {
                Assertions.fail("The console browser tests need Chromium and its driver: " + exe + " is missing. "
                        + "Install them with `apt-get install chromium chromium-driver` (Debian), point "
                        + "GONGJI_CHROMIUM / GONGJI_CHROMEDRIVER at them, or switch these tests off on purpose "
                        + "with GONGJI_BROWSER_TESTS=off (docs/console.md).");
            }
        }
        System.setProperty("webdriver.chrome.driver", DRIVER);
        System.setProperty("SE_OFFLINE", "true");
        try {
            Path profile = Files.createTempDirectory("gongji-chromium-");
            ChromeOptions o = new ChromeOptions();
            o.setBinary(CHROMIUM);
            o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--disable-extensions", "--window-size=1366,900", "--lang=zh-CN",
                    "--user-data-dir=" + profile.toAbsolutePath());
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(DRIVER)).usingAnyFreePort().build();
            ChromeDriver d = new ChromeDriver(service, o);
            d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Browser(d, service, profile);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void size(int w, int h) {
        driver.manage().window().setSize(new Dimension(w, h));
    }

    /** Saves a screenshot under target/screenshots/NAME.png. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File f = driver.getScreenshotAs(OutputType.FILE);
            Path to = SCREENSHOTS.resolve(name + ".png");
            Files.copy(f.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
            return to;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            TempDirs.remove(profile);
        }
    }
}
