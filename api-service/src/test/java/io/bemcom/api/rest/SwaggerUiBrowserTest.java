package io.bemcom.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.bemcom.api.support.Browser;
import io.bemcom.api.support.PostgresApiTest;

/**
 * Swagger UI at {@code /} in headless Chromium: it loads {@code /schema/} and its assets from the
 * service (no CDN), offers Authorize for Basic and Bearer, and "Try it out" answers with the
 * credentials given there. Skipped without Debian's chromium and chromedriver.
 */
class SwaggerUiBrowserTest extends PostgresApiTest {

    @Test
    void authorizeWithBasicAndTryOutAnOperation() {
        Browser.assumeAvailable();
        try (Browser browser = new Browser("http://localhost:" + port())) {
            authorizeAndTryOut(browser.open("/"));
        }
    }

    private static void authorizeAndTryOut(Browser b) {
        b.await(d -> b.has("#operations-Datapoint-datapoint_list"));
        assertThat(b.has("#operations-Datapoint_Value-datapoint_value_create")).isTrue();

        b.find("button.btn.authorize").click();
        b.await(d -> b.has(".modal-ux .auth-container input[type=password]"));
        WebElement basic = b.driver().findElements(By.cssSelector(".modal-ux .auth-container")).stream()
                .filter(container -> container.getText().contains("basicAuth")).findFirst().orElseThrow();
        assertThat(b.text(".modal-ux")).contains("basicAuth", "tokenAuth", "Bearer");
        basic.findElement(By.cssSelector("input[type=text]")).sendKeys(ADMIN);
        basic.findElement(By.cssSelector("input[type=password]")).sendKeys(ADMIN_PASSWORD);
        basic.findElement(By.cssSelector("button.authorize")).click();
        b.await(d -> basic.getText().contains("Logout"));
        b.find(".modal-ux button.btn-done").click();

        WebElement operation = b.find("#operations-Datapoint-datapoint_list");
        operation.findElement(By.cssSelector(".opblock-summary")).click();
        b.await(d -> !operation.findElements(By.cssSelector("button.try-out__btn")).isEmpty());
        operation.findElement(By.cssSelector("button.try-out__btn")).click();
        b.await(d -> !operation.findElements(By.cssSelector("button.execute")).isEmpty());
        operation.findElement(By.cssSelector("button.execute")).click();
        b.await(d -> !operation.findElements(By.cssSelector(".live-responses-table tr.response .response-col_status")).isEmpty());
        b.screenshot("swagger-ui-try-it-out");
        assertThat(operation.findElement(By.cssSelector(".live-responses-table tr.response .response-col_status")).getText())
                .startsWith("200");
    }
}
