package io.bemcom.api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import io.bemcom.api.support.Browser;
import io.bemcom.api.support.BrowserApiTest;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.testsupport.TestNames;

/**
 * The admin UI's polish (issue 18): the datapoint list fits a 1366 px screen with the last value and
 * its age and sorts by its columns; the chart's default range fits the data; empty tables say so;
 * a user changes their own password; permissions are grouped by model with plain names; the audit
 * trail shows who changed what in "Recent actions" and on the object's History page.
 */
class AdminPolishBrowserTest extends BrowserApiTest {

    private Browser as(String username, String password) {
        Browser browser = browser();
        browser.driver().manage().window().setSize(new Dimension(1400, 1000));
        browser.login(username, password);
        return browser;
    }

    private long connectorId(String connector) {
        return jdbc.queryForObject("SELECT id FROM connector WHERE name = ?", Long.class, connector);
    }

    @Test
    void theDatapointListFits1366PixelsWithTheLastValueAndItsAgeAndSortsByItsColumns() {
        String connector = TestNames.unique("ui-polish-list");
        long b = createDatapoint(connector, "key_b", "sensor", "\"short_name\": \"" + connector + "_b\", "
                + "\"description\": \"a rather long description of what this sensor measures\"");
        long a = createDatapoint(connector, "key_a", "sensor", "\"short_name\": \"" + connector + "_a\"");
        long c = createDatapoint(connector, "key_c", "sensor", "\"short_name\": \"" + connector + "_c\"");
        String longValue = "\"" + "a long text value ".repeat(6) + "\"";
        probe.publish(Topics.value(connector, b), Delivery.SENSOR_VALUE,
                new ValueMessage(JsonValues.parse(longValue), System.currentTimeMillis() - 5_000));
        await().atMost(WAIT).until(() -> jdbc.queryForObject("SELECT count(*) FROM datapoint_value WHERE datapoint_id = ?",
                Integer.class, b) == 1);

        Browser browser = as(ADMIN, ADMIN_PASSWORD);
        browser.driver().manage().window().setSize(new Dimension(1366, 768));
        browser.open("/admin/datapoints/?connector=" + connectorId(connector));
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        Number page = (Number) js.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        Number table = (Number) js.executeScript("var s = document.querySelector('#datapoint-list').parentElement;"
                + " return s.scrollWidth - s.clientWidth;");
        browser.screenshot("20-datapoint-list-1366");
        assertThat(page.intValue()).as("horizontal scrolling of the page").isLessThanOrEqualTo(0);
        assertThat(table.intValue()).as("horizontal scrolling of the list").isLessThanOrEqualTo(0);
        WebElement last = browser.find("#dp-" + b + " td.last-value");
        assertThat(last.getText()).contains("a long text value").containsPattern("\\d+ s ago");

        browser.clickAndAwaitNextPage(browser.find("#sort-short_name"));
        assertThat(rowIds(browser)).containsExactly(a, b, c);
        assertThat(browser.text("#sort-short_name")).endsWith("\u25B2");
        browser.clickAndAwaitNextPage(browser.find("#sort-short_name"));
        assertThat(rowIds(browser)).containsExactly(c, b, a);
        assertThat(browser.path()).contains("o=-short_name").contains("connector=");
        browser.clickAndAwaitNextPage(browser.find("#sort-key"));
        assertThat(rowIds(browser)).containsExactly(a, b, c);
    }

    private static List<Long> rowIds(Browser browser) {
        return browser.driver().findElements(By.cssSelector("#datapoint-list tbody tr")).stream()
                .map(row -> Long.parseLong(row.getAttribute("id").substring("dp-".length()))).toList();
    }

    @Test
    void theChartsDefaultRangeFitsTheDataItHas() {
        String connector = TestNames.unique("ui-polish-chart");
        long id = createDatapoint(connector, "energy", "sensor", "\"data_format\": \"continuous_numeric\"");
        long tenDaysAgo = System.currentTimeMillis() - 10 * 86_400_000L;
        for (int i = 0; i < 12; i++) {
            probe.publish(Topics.value(connector, id), Delivery.SENSOR_VALUE,
                    new ValueMessage(JsonValues.of(i), tenDaysAgo + i * 3_600_000L));
        }
        await().atMost(WAIT).until(() -> jdbc.queryForObject("SELECT count(*) FROM datapoint_value WHERE datapoint_id = ?",
                Integer.class, id) == 12);
        Browser browser = as(ADMIN, ADMIN_PASSWORD);
        browser.open("/admin/datapoints/" + id + "/chart/");
        assertThat(browser.text("#point-count")).isEqualTo("12"); // a default of the last 24 h showed none
        assertThat(browser.text(".range.current")).isEqualTo("all values");
        browser.open("/admin/datapoints/" + id + "/chart/?range=24h");
        assertThat(browser.text("#point-count")).isEqualTo("0");
    }

    @Test
    void emptyTablesSaySo() {
        Browser browser = as(ADMIN, ADMIN_PASSWORD);
        browser.open("/admin/datapoints/?q=" + TestNames.unique("nothing-like-this"));
        assertThat(browser.text("#datapoint-list tr.empty")).isEqualTo("No datapoints match.");
        browser.open("/admin/logs/?q=" + TestNames.unique("nothing-like-this"));
        assertThat(browser.text("#log-list tr.empty")).isEqualTo("Nothing to show yet.");
        assertThat(browser.find("#log-list tr.empty td").getAttribute("colspan"))
                .isEqualTo(Integer.toString(browser.driver().findElements(By.cssSelector("#log-list thead th")).size()));
    }

    @Test
    void aUserChangesTheirOwnPassword() {
        String name = TestNames.unique("ui-polish-user");
        users.createUser(name, "first-pass", "", false);
        users.setStaff(name, true);
        Browser browser = as(name, "first-pass");
        browser.clickAndAwaitNextPage(browser.find("#password-change"));
        browser.type("#id_old_password", "wrong");
        browser.type("#id_new_password1", "second-pass");
        browser.type("#id_new_password2", "second-pass");
        browser.submit("#change-password");
        assertThat(browser.text(".errornote")).contains("old password was entered incorrectly");
        browser.type("#id_old_password", "first-pass");
        browser.type("#id_new_password1", "second-pass");
        browser.type("#id_new_password2", "second-pass");
        browser.submit("#change-password");
        assertThat(browser.text(".flash")).isEqualTo("Your password was changed.");

        browser.login(name, "first-pass");
        assertThat(browser.path()).startsWith("/admin/login/");
        browser.login(name, "second-pass");
        assertThat(browser.path()).isEqualTo("/admin/");
    }

    @Test
    void permissionsAreGroupedByModelWithPlainNames() {
        String name = TestNames.unique("ui-polish-perms");
        long id = users.createUser(name, "pass", "", false).getId();
        users.grant(name, "api_main.view_datapoint");
        Browser browser = as(ADMIN, ADMIN_PASSWORD);
        browser.open("/admin/users/" + id + "/");
        WebElement datapoint = browser.driver().findElements(By.cssSelector("fieldset.perm-model")).stream()
                .filter(set -> set.findElement(By.tagName("legend")).getText().equals("Datapoint")).findFirst().orElseThrow();
        assertThat(datapoint.getText()).contains("Can view", "Can add", "Can change", "Can delete")
                .doesNotContain("api_main");
        WebElement view = datapoint.findElement(By.cssSelector("label[title='api_main.view_datapoint'] input"));
        assertThat(view.isSelected()).isTrue();
        String all = String.join("\n", browser.driver().findElements(By.cssSelector("fieldset.perm-model")).stream()
                .map(WebElement::getText).toList());
        assertThat(all).contains("Datapoint value (history)", "Token").doesNotContain("api_main.", "authtoken.");
    }

    @Test
    void editsAppearInRecentActionsAndOnTheDatapointsHistoryPageOnlyTheUsersOwnOnTheIndex() {
        String connector = TestNames.unique("ui-polish-audit");
        long id = createDatapoint(connector, "power", "sensor", "\"data_format\": \"generic_numeric\"");
        Browser browser = as(ADMIN, ADMIN_PASSWORD);
        browser.open("/admin/datapoints/" + id + "/");
        browser.find("#id_is_active").click();
        browser.type("#id_unit", "kW");
        browser.submit("#save-continue");
        assertThat(browser.text(".flash")).contains("was changed successfully");
        // an inline edit in the list is recorded too
        browser.open("/admin/datapoints/?connector=" + connectorId(connector));
        WebElement description = browser.find("input[name='description_" + id + "']");
        description.clear();
        description.sendKeys("Main meter");
        browser.submit("#save-list");
        assertThat(browser.text(".flash")).contains("1 datapoint(s) were changed");

        browser.open("/admin/");
        List<WebElement> recent = browser.driver().findElements(By.cssSelector("#recent-actions li"));
        assertThat(recent).hasSizeGreaterThanOrEqualTo(2);
        assertThat(recent.get(0).getText()).contains(connector + "/power", "datapoint", "Changed description.");
        assertThat(recent.get(1).getText()).contains(connector + "/power", "Changed is_active and unit.");
        assertThat(recent.get(0).getAttribute("class")).isEqualTo("changelink");
        browser.screenshot("24-recent-actions");
        browser.clickAndAwaitNextPage(recent.get(0).findElement(By.tagName("a")));
        assertThat(browser.path()).isEqualTo("/admin/datapoints/" + id + "/");

        browser.clickAndAwaitNextPage(browser.find("#history-link"));
        assertThat(browser.text("h1")).isEqualTo("Change history: " + connector + "/power");
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#change-history tbody tr"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).findElement(By.cssSelector(".user")).getText()).isEqualTo(ADMIN);
        assertThat(rows.get(0).findElement(By.cssSelector(".action")).getText()).isEqualTo("Changed description.");
        assertThat(rows.get(1).findElement(By.cssSelector(".action")).getText()).isEqualTo("Changed is_active and unit.");
        browser.screenshot("25-datapoint-history");

        // another staff user: the index shows only their own actions (none), the History page everyone's,
        // and only with the view permission of datapoints
        String other = TestNames.unique("ui-polish-auditor");
        users.createUser(other, "pass", "", false);
        users.setStaff(other, true);
        users.grant(other, "api_main.view_connector");
        as(other, "pass");
        browser.open("/admin/");
        assertThat(browser.text("#recent-actions")).contains("None available").doesNotContain(connector);
        browser.open("/admin/datapoints/" + id + "/history/");
        assertThat(browser.text("h1")).isEqualTo("403 Forbidden");
        users.grant(other, "api_main.view_datapoint");
        browser.open("/admin/datapoints/" + id + "/history/");
        assertThat(browser.driver().findElements(By.cssSelector("#change-history tbody tr"))).hasSize(2);
    }
}
