package io.bemcom.api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import io.bemcom.api.support.Browser;
import io.bemcom.api.support.Http;
import io.bemcom.api.support.BrowserApiTest;
import io.bemcom.connector.testkit.Recorded;
import io.bemcom.protocol.AvailableDatapointsMessage;
import io.bemcom.protocol.DatapointMapMessage;
import io.bemcom.protocol.HeartbeatMessage;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.LogMessage;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.testsupport.TestNames;

/**
 * The admin UI in a real browser (headless Chromium) against the running service, a real broker
 * and PostgreSQL, with a test connector on the broker. Screenshots of the main pages go to
 * {@code target/screenshots/}.
 */
class AdminBrowserTest extends BrowserApiTest {

    private Browser asAdmin() {
        Browser b = browser();
        b.login(ADMIN, ADMIN_PASSWORD);
        return b;
    }

    @Test
    void logsInWithTheRestUsersAndLogsOut() {
        Browser b = browser();
        b.driver().manage().deleteAllCookies();
        b.open("/admin/datapoints/");
        assertThat(b.path()).startsWith("/admin/login/?next=");
        b.type("#id_username", ADMIN);
        b.type("#id_password", "wrong");
        b.submit("#login-form button[type=submit]");
        assertThat(b.text(".errornote")).contains("Please enter the correct username and password");
        b.screenshot("01-login-error");
        b.type("#id_password", ADMIN_PASSWORD);
        b.submit("#login-form button[type=submit]");
        assertThat(b.path()).isEqualTo("/admin/datapoints/"); // back where we wanted to go
        b.open("/admin/");
        assertThat(b.text("header")).contains("Welcome, admin");
        assertThat(b.text("aside")).contains("Connectors", "Datapoints", "Datapoint values", "Controllers", "Tokens");
        b.screenshot("02-index");
        b.submit("#logout");
        assertThat(b.path()).startsWith("/admin/login/");
        assertThat(b.text(".flash")).contains("Logged out");
        b.open("/admin/connectors/");
        assertThat(b.path()).startsWith("/admin/login/");
    }

    @Test
    void connectorLifecycleFromAvailableDatapointsToValues() {
        String connector = TestNames.unique("ui-conn");
        Recorded<DatapointMapMessage> maps = probe.record(Topics.datapointMap(connector), MessageCodec::decodeDatapointMap);
        Browser b = asAdmin();

        // add a connector: an empty name is reported next to the field
        b.open("/admin/connectors/");
        b.type("#id_name", "bad/name");
        b.submit("#add-connector button[type=submit]");
        assertThat(b.text("#add-connector .error")).contains("must not contain '/'");
        b.type("#id_name", connector);
        b.submit("#add-connector button[type=submit]");
        assertThat(b.text("#connector-name")).isEqualTo(connector);
        assertThat(b.text(".flash")).contains("was added successfully");

        // the test connector announces itself: heartbeat, a log line, its available datapoints
        long now = System.currentTimeMillis();
        probe.publish(Topics.heartbeat(connector), Delivery.HEARTBEAT, new HeartbeatMessage(now, now + 60_000));
        probe.publish(Topics.logs(connector), Delivery.LOG, new LogMessage(now, "connector started", "main", LogMessage.INFO));
        probe.publish(Topics.availableDatapoints(connector), Delivery.AVAILABLE_DATAPOINTS, new AvailableDatapointsMessage(
                Map.of("temperature", JsonValues.of(21.5), "humidity", JsonValues.of(40)),
                Map.of("setpoint", JsonValues.of(20))));
        await().atMost(WAIT).until(() -> jdbc.queryForObject("SELECT count(*) FROM datapoint d JOIN connector c"
                + " ON c.id = d.connector_id WHERE c.name = ?", Integer.class, connector) == 3);
        await().atMost(WAIT).until(() -> {
            b.driver().navigate().refresh();
            return b.text("#available-count").equals("3") && b.text("#alive").equals("yes")
                    && b.pageText().contains("connector started");
        });
        assertThat(b.text("#used-count")).isEqualTo("0");
        b.screenshot("04-connector-detail");
        b.open("/admin/connectors/");
        WebElement row = b.driver().findElement(By.xpath("//table[@id='connector-list']//tr[td/a[text()='" + connector + "']]"));
        assertThat(row.findElement(By.cssSelector("td.alive")).getText()).isEqualTo("✔");
        b.screenshot("03-connectors");

        // "Go to available datapoints" leads to the list filtered by connector
        b.clickAndAwaitNextPage(b.driver().findElement(By.linkText(connector)));
        b.submit("#go-datapoints");
        assertThat(b.path()).startsWith("/admin/datapoints/?connector=");
        assertThat(b.driver().findElements(By.cssSelector("#datapoint-list tbody tr"))).hasSize(3);
        long temperature = jdbc.queryForObject("SELECT d.id FROM datapoint d JOIN connector c ON c.id = d.connector_id"
                + " WHERE c.name = ? AND d.key_in_connector = 'temperature'", Long.class, connector);

        // bulk action: activate "temperature" → the datapoint map reaches the broker
        b.find("#dp-" + temperature + " input.select-row").click();
        new Select(b.find("#action")).selectByValue("activate");
        b.submit("#run-action");
        assertThat(b.text(".flash")).contains("Mark datapoints as active");
        maps.await(m -> m.message().sensor().equals(Map.of("temperature", Topics.value(connector, temperature))), WAIT);
        assertThat(b.find("#dp-" + temperature + " input.is-active").isSelected()).isTrue();

        // its value arrives and shows in the list
        probe.publish(Topics.value(connector, temperature), Delivery.SENSOR_VALUE,
                new ValueMessage(JsonValues.of(22.25), System.currentTimeMillis()));
        await().atMost(WAIT).until(() -> {
            b.driver().navigate().refresh();
            return b.text("#dp-" + temperature + " td.last-value code").equals("22.25");
        });
        b.screenshot("05-datapoints");

        // inline edit: deactivate again and give a unit; the map follows
        b.find("#dp-" + temperature + " input.is-active").click();
        b.type("#dp-" + temperature + " input[name=unit_" + temperature + "]", "°C");
        b.submit("#save-list");
        maps.await(m -> m.message().sensor().isEmpty(), WAIT);
        assertThat(jdbc.queryForObject("SELECT unit FROM datapoint WHERE id = ?", String.class, temperature)).isEqualTo("°C");

        // delete: the retained map is cleared
        b.open("/admin/connectors/");
        b.clickAndAwaitNextPage(b.driver().findElement(By.linkText(connector)));
        ((org.openqa.selenium.JavascriptExecutor) b.driver()).executeScript("window.confirm = function () { return true; };");
        b.submit("#delete-connector");
        assertThat(b.text(".flash")).contains("deleted successfully");
        maps.await(m -> m.message().equals(DatapointMapMessage.EMPTY), WAIT);
    }

    @Test
    void editsMetadataWithAValidationErrorNextToTheFieldThenCorrectly() {
        String connector = TestNames.unique("ui-meta");
        long id = createDatapoint(connector, "mode", "actuator", null);
        long other = createDatapoint(connector, "other", "sensor", "\"short_name\": \"" + connector + "-taken\"");
        Recorded<DatapointMapMessage> maps = probe.record(Topics.datapointMap(connector), MessageCodec::decodeDatapointMap);
        Browser b = asAdmin();
        b.open("/admin/datapoints/" + id + "/");
        new Select(b.find("#id_data_format")).selectByValue("discrete_numeric");
        assertThat(b.find("#id_allowed_values").isDisplayed()).isTrue(); // the format's fields appear at once
        assertThat(b.find("#id_min_value").isDisplayed()).isFalse();
        b.type("#id_short_name", connector + "-taken");
        b.type("#id_allowed_values", "[1, 2");
        b.type("#id_unit", "kW");
        b.submit("#save-continue");
        assertThat(b.text(".errornote")).contains("Please correct the errors below.");
        assertThat(b.text("#error_allowed_values")).isEqualTo("Enter a valid JSON.");
        assertThat(b.text("#error_short_name")).isEqualTo("Datapoint with this Short name already exists.");
        assertThat(b.find("#id_allowed_values").getAttribute("value")).isEqualTo("[1, 2"); // input kept
        b.screenshot("06-datapoint-validation-error");
        assertThat(jdbc.queryForObject("SELECT data_format FROM datapoint WHERE id = ?", String.class, id)).isEqualTo("unknown");

        b.type("#id_short_name", connector + "-mode");
        b.type("#id_allowed_values", "[1, 2]");
        b.type("#id_description", "Operating mode");
        b.submit("#save-continue");
        assertThat(b.text(".flash")).contains("was changed successfully");
        assertThat(b.has(".error")).isFalse();
        b.screenshot("07-datapoint-detail");
        Map<String, Object> row = jdbc.queryForMap("SELECT data_format, short_name, allowed_values, unit, description"
                + " FROM datapoint WHERE id = ?", id);
        assertThat(row).containsEntry("data_format", "discrete_numeric").containsEntry("short_name", connector + "-mode")
                .containsEntry("allowed_values", "[1,2]").containsEntry("unit", "kW").containsEntry("description", "Operating mode");
        // the REST API validates values against the new metadata at once
        Http.Response refused = admin().post("/datapoint/" + id + "/value/", "{\"value\": \"3\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(other).isPositive();
        assertThat(maps).isNotNull();
    }

    @Test
    void createsATokenShownOnceThatWorksOnTheRestApiAndRevokesIt() {
        String client = TestNames.unique("ui-client");
        users.createUser(client, "pw", "", false);
        users.grant(client, "api_main.view_datapoint");
        Browser b = asAdmin();
        b.open("/admin/tokens/");
        b.submit("#create-token");
        assertThat(b.text("#add-token .error")).isEqualTo("Select a valid choice.");
        new Select(b.find("#id_user")).selectByVisibleText(client);
        b.submit("#create-token");
        String token = b.text("#new-token");
        assertThat(token).matches("[0-9a-f]{40}");
        b.screenshot("08-token-created");
        assertThat(anonymous().bearer(token).get("/datapoint/").status()).isEqualTo(200);
        b.open("/admin/tokens/");
        assertThat(b.pageText()).doesNotContain(token).contains(token.substring(0, 6) + "…");
        ((org.openqa.selenium.JavascriptExecutor) b.driver()).executeScript("window.confirm = function () { return true; };");
        WebElement row = b.driver().findElement(By.xpath("//table[@id='token-list']//tr[td[text()='" + client + "']]"));
        b.clickAndAwaitNextPage(row.findElement(By.cssSelector("button.danger")));
        assertThat(b.text(".flash")).contains("was revoked");
        assertThat(anonymous().bearer(token).get("/datapoint/").status()).isEqualTo(401);
    }

    @Test
    void usersWithoutPermissionAreRefused() {
        String plain = TestNames.unique("ui-plain");
        users.createUser(plain, "pw", "", false);
        users.grant(plain, "api_main.view_datapoint");
        Browser b = browser();
        b.login(plain, "pw"); // not staff: like Django, no admin login at all
        assertThat(b.text(".errornote")).contains("staff account");

        String staff = TestNames.unique("ui-staff");
        users.createUser(staff, "pw", "", false);
        users.setStaff(staff, true);
        users.grant(staff, "api_main.view_connector");
        b.login(staff, "pw");
        assertThat(b.text("aside")).contains("Connectors").doesNotContain("Datapoints");
        b.open("/admin/datapoints/");
        assertThat(b.text("h1")).isEqualTo("403 Forbidden");
        assertThat(b.pageText()).contains("api_main.view_datapoint");
        b.screenshot("09-forbidden");
        b.open("/admin/connectors/");
        assertThat(b.has("#add-connector")).isFalse(); // no add_connector: no form
        // the same permission, granted now, applies at once (as on REST)
        users.grant(staff, "api_main.view_datapoint");
        b.open("/admin/datapoints/");
        assertThat(b.text("h1")).isEqualTo("Datapoints");
        assertThat(b.has("#save-list")).isFalse(); // view only
    }

    @Test
    void mqttMonitorShowsTheLastMessagePerTopicLive() {
        String prefix = TestNames.unique("ui-monitor");
        Browser b = asAdmin();
        b.open("/admin/mqtt-monitor/");
        b.type("#id_topic", prefix + "/#");
        b.submit("#monitor-filter button[type=submit]");
        assertThat(b.text("h1")).isEqualTo("MQTT monitor");
        // published after the page was loaded: only the live updates can bring them. Published again
        // while waiting: on the shared broker other tests' traffic may evict a topic from the monitor
        // before the page's next update.
        probe.publishText("other-" + prefix + "/heartbeat", "{}", false); // filtered out
        await().atMost(WAIT).untilAsserted(() -> {
            probe.publishText(prefix + "/heartbeat", "{\"this_heartbeats_timestamp\": 1}", false);
            probe.publishText(prefix + "/messages/7/value", "{\"value\": 1, \"timestamp\": 1}", false);
            assertThat(b.driver().findElements(By.cssSelector("#monitor-list tbody tr"))).hasSize(2);
        });
        String row = "#monitor-list tr[data-topic='" + prefix + "/messages/7/value']";
        await().atMost(WAIT).untilAsserted(() -> {
            probe.publishText(prefix + "/messages/7/value", "{\"value\": 2, \"timestamp\": 2}", false);
            assertThat(b.text(row + " .payload")).contains("\"value\": 2");
            assertThat(Integer.parseInt(b.text(row + " .count"))).isGreaterThan(1);
        });
        List<String> topics = b.driver().findElements(By.cssSelector("#monitor-list tbody td.topic")).stream()
                .map(WebElement::getText).toList();
        assertThat(topics).containsExactly(prefix + "/heartbeat", prefix + "/messages/7/value");
        b.screenshot("12-mqtt-monitor");
    }

    @Test
    void formsWithoutTheCsrfTokenAreRejected() {
        Http.Response response = anonymous().send("POST", "/admin/login/", null);
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.text()).contains("CSRF verification failed");
        Http.Response restStillJson = anonymous().get("/datapoint/");
        assertThat(restStillJson.status()).isEqualTo(401); // a session login never authenticates REST
    }

    @Test
    void chartsTheHistoryOfANumericDatapoint() {
        String connector = TestNames.unique("ui-chart");
        long id = createDatapoint(connector, "power", "sensor", "\"data_format\": \"continuous_numeric\", \"unit\": \"W\"");
        long now = System.currentTimeMillis();
        for (int i = 0; i < 30; i++) {
            probe.publish(Topics.value(connector, id), Delivery.SENSOR_VALUE,
                    new ValueMessage(JsonValues.of(100 + 50 * Math.sin(i / 4.0)), now - (30 - i) * 60_000L));
        }
        await().atMost(WAIT).until(() -> jdbc.queryForObject("SELECT count(*) FROM datapoint_value WHERE datapoint_id = ?",
                Integer.class, id) == 30);
        Browser b = asAdmin();
        b.open("/admin/datapoints/" + id + "/");
        b.driver().findElement(By.id("chart-link")).click();
        b.await(d -> b.has("#series"));
        assertThat(b.text("#point-count")).isEqualTo("30");
        assertThat(b.driver().findElements(By.cssSelector("#chart circle"))).hasSize(30);
        b.screenshot("10-chart");
        b.open("/admin/datapoints/" + id + "/chart/?range=1h&from=2000-01-01T00:00&to=2000-01-02T00:00");
        assertThat(b.text("#point-count")).isEqualTo("0");
        assertThat(b.has("#no-data")).isTrue();
    }

    @Test
    void datapointListAndChartShowNewValuesLive() {
        String connector = TestNames.unique("ui-live");
        long id = createDatapoint(connector, "power", "sensor", "\"data_format\": \"continuous_numeric\"");
        long connectorId = jdbc.queryForObject("SELECT id FROM connector WHERE name = ?", Long.class, connector);
        long now = System.currentTimeMillis();
        Browser b = asAdmin();
        b.open("/admin/datapoints/?connector=" + connectorId);
        assertThat(b.text("#dp-" + id + " .last-value code")).isEqualTo("-");
        // published after the page was loaded: only the live push can bring it
        await().atMost(WAIT).untilAsserted(() -> {
            probe.publish(Topics.value(connector, id), Delivery.SENSOR_VALUE, new ValueMessage(JsonValues.of(23.5), now));
            assertThat(b.text("#dp-" + id + " .last-value code")).isEqualTo("23.5");
        });
        assertThat(b.text("#dp-" + id + " .last-value-time")).isEqualTo("just now");

        b.open("/admin/datapoints/" + id + "/chart/?range=1h");
        b.await(d -> b.has("#series"));
        int before = Integer.parseInt(b.text("#point-count"));
        await().atMost(WAIT).untilAsserted(() -> {
            probe.publish(Topics.value(connector, id), Delivery.SENSOR_VALUE,
                    new ValueMessage(JsonValues.of(30), System.currentTimeMillis()));
            assertThat(Integer.parseInt(b.text("#point-count"))).isGreaterThan(before);
        });
        b.screenshot("13-chart-live");
    }

    @Test
    void readOnlyPagesControllersUsersAndGroupsRender() {
        String connector = TestNames.unique("ui-misc");
        long sensor = createDatapoint(connector, "t", "sensor", null);
        long actuator = createDatapoint(connector, "a", "actuator", null);
        long now = System.currentTimeMillis();
        probe.publish(Topics.logs(connector), Delivery.LOG, new LogMessage(now, "needle in the log", "reader", LogMessage.WARNING));
        probe.publish(Topics.heartbeat(connector), Delivery.HEARTBEAT, new HeartbeatMessage(now, now + 60_000));
        probe.publish(Topics.value(connector, sensor), Delivery.SENSOR_VALUE, new ValueMessage(JsonValues.of(5), now));
        await().atMost(WAIT).until(() -> jdbc.queryForObject("SELECT count(*) FROM datapoint_value WHERE datapoint_id = ?",
                Integer.class, sensor) == 1 && jdbc.queryForObject("SELECT count(*) FROM connector_log_entry l JOIN connector c"
                + " ON c.id = l.connector_id WHERE c.name = ?", Integer.class, connector) == 1);
        Browser b = asAdmin();
        b.open("/admin/logs/?q=NEEDLE");
        assertThat(b.text("#log-list")).contains("needle in the log", "WARNING", connector);
        b.screenshot("11-logs");
        b.open("/admin/heartbeats/");
        assertThat(b.text("#heartbeat-list")).contains(connector);
        b.open("/admin/history/value/?datapoint=" + sensor);
        assertThat(b.text("#history-list")).contains(connector + "/t", "5");
        b.screenshot("12-value-history");
        b.open("/admin/history/setpoint/");
        assertThat(b.text("h1")).contains("setpoints");

        // a controller; the pickers offer only the right type
        String controller = TestNames.unique("ui-ctrl");
        b.open("/admin/controllers/");
        b.type("#id_name", controller);
        b.submit("#add-controller button[type=submit]");
        assertThat(b.text("h1")).contains(controller);
        List<String> sensors = new Select(b.find("#id_sensor")).getOptions().stream().map(WebElement::getText).toList();
        List<String> actuators = new Select(b.find("#id_actuator")).getOptions().stream().map(WebElement::getText).toList();
        assertThat(sensors).contains(connector + "/t").doesNotContain(connector + "/a");
        assertThat(actuators).contains(connector + "/a").doesNotContain(connector + "/t");
        Recorded<String> published = probe.recordText(controller + "/controlled_datapoints");
        new Select(b.find("#id_sensor")).selectByVisibleText(connector + "/t");
        new Select(b.find("#id_actuator")).selectByVisibleText(connector + "/a");
        b.submit("#add-link button[type=submit]");
        assertThat(b.text("#link-list")).contains(connector + "/t", connector + "/a");
        published.await(m -> m.message().contains(connector + "/messages/" + actuator + "/value"), WAIT);
        b.screenshot("13-controller");
        b.open("/admin/controlled/");
        assertThat(b.pageText()).contains(controller);

        b.open("/admin/users/");
        assertThat(b.pageText()).contains(ADMIN);
        b.screenshot("14-users");
        b.open("/admin/groups/");
        assertThat(b.text("h1")).isEqualTo("Groups");
        b.open("/admin/permissions/");
        assertThat(b.pageText()).contains("api_main.view_datapoint");
    }
}
