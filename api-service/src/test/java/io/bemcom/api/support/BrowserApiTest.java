package io.bemcom.api.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The shared context with one headless Chromium per test class (started by the first test that
 * asks, closed after the class); the class is skipped where Chromium is not installed.
 */
public abstract class BrowserApiTest extends PostgresApiTest {

    private static Browser browser;

    @BeforeAll
    static void requireBrowser() {
        Browser.assumeAvailable();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    protected Browser browser() {
        if (browser == null) {
            browser = new Browser("http://localhost:" + port());
        }
        return browser;
    }
}
