package io.bemcom.api.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its chromedriver, both at fixed paths: Selenium Manager
 * never runs (driver and binary are given explicitly), nothing is downloaded. One browser per
 * test class; screenshots go to {@code target/screenshots/}.
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM = System.getProperty("bemcom.chromium", "/usr/bin/chromium");
    public static final String CHROMEDRIVER = System.getProperty("bemcom.chromedriver", "/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;
    private final String base;

    public Browser(String base) {
        this.base = base;
        try {
            profile = Files.createTempDirectory("bemcom-chromium-");
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        System.setProperty("SE_AVOID_STATS", "true");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        driver.manage().window().setSize(new Dimension(1400, 1000));
    }

    public static boolean available() {
        return Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
    }

    /** Skips the calling test (class) when Debian's chromium or chromedriver is missing. */
    public static void assumeAvailable() {
        org.junit.jupiter.api.Assumptions.assumeTrue(available(),
                "needs " + CHROMIUM + " and " + CHROMEDRIVER + " (see .ci/run)");
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a path of the service ({@code /admin/…}). */
    public Browser open(String path) {
        driver.get(base + path);
        return this;
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public boolean has(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    public String text(String css) {
        return find(css).getText();
    }

    public String pageText() {
        return find("body").getText();
    }

    public void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    public <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(15)).until(condition);
    }

    /** Clicks a submit button and waits until the next page has replaced this one. */
    public void submit(String css) {
        clickAndAwaitNextPage(find(css));
    }

    /** Clicks {@code target} and waits until the next page has replaced this one. */
    public void clickAndAwaitNextPage(WebElement target) {
        WebElement html = find("html");
        target.click();
        await(d -> isGone(html));
    }

    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException gone) {
            return true;
        } catch (org.openqa.selenium.WebDriverException navigating) {
            // Mid-navigation ChromeDriver may answer "Node with given id does not belong to the
            // document" instead: the old page is gone just the same. Anything else: ask again.
            return String.valueOf(navigating.getMessage()).contains("does not belong to the document");
        }
    }

    public void login(String username, String password) {
        driver.manage().deleteAllCookies();
        open("/admin/login/");
        type("#id_username", username);
        type("#id_password", password);
        submit("#login-form button[type=submit]");
    }

    public void screenshot(String name) {
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir
        }
    }
}
