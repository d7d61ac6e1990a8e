package io.bemcom.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.bemcom.api.support.Http;
import io.bemcom.api.support.PostgresApiTest;
import io.bemcom.testsupport.TestNames;
import tools.jackson.databind.JsonNode;

/**
 * What Grafana asks of the service (tools/grafana): the requests of the original's
 * {@code bemcom-django-api} data source plugin, exactly as it builds them, are answered as it
 * expects; and every api-service metric that the provisioned "BEMCom services" dashboard queries
 * is served by {@code /metrics/}.
 */
class GrafanaClientsTest extends PostgresApiTest {

    private static final long NOW = System.currentTimeMillis();

    private String connector;
    private long sensor;
    private long actuator;

    @BeforeEach
    void data() {
        connector = TestNames.unique("grafana");
        sensor = createDatapoint(connector, "temp", "sensor",
                "\"data_format\": \"generic_numeric\", \"short_name\": \"" + connector + "_T\", \"description\": \"room\"");
        actuator = createDatapoint(connector, "set", "actuator",
                "\"data_format\": \"continuous_numeric\", \"min_value\": 15, \"max_value\": 30");
        StringBuilder values = new StringBuilder("[");
        for (int i = 0; i < 120; i++) {
            values.append(i == 0 ? "" : ",").append("{\"value\": \"").append(20 + i % 3).append("\", \"timestamp\": ")
                    .append(NOW - 3_600_000L + i * 30_000L).append('}');
        }
        assertThat(admin().put("/datapoint/" + sensor + "/value/", values.append(']').toString()).status()).isEqualTo(200);
        assertThat(admin().put("/datapoint/" + actuator + "/schedule/", "[{\"schedule\": [{\"from_timestamp\": null,"
                + " \"to_timestamp\": " + (NOW + 3_600_000) + ", \"value\": \"21\"}], \"timestamp\": " + (NOW - 60_000) + "}]")
                .status()).isEqualTo(200);
        assertThat(admin().put("/datapoint/" + actuator + "/setpoint/", "[{\"setpoint\": [{\"from_timestamp\": null,"
                + " \"to_timestamp\": " + (NOW + 3_600_000) + ", \"preferred_value\": \"21\", \"min_value\": 20, \"max_value\": 22}],"
                + " \"timestamp\": " + (NOW - 60_000) + "}]").status()).isEqualTo(200);
    }

    @Test
    void thePluginsTestAndDatapointListAnswer() {
        assertThat(admin().get("/datapoint/?format=json").status()).isEqualTo(200);
        JsonNode temp = null;
        for (JsonNode item : admin().get("/datapoint/").json()) {
            if (item.get("id").longValue() == sensor) {
                temp = item;
            }
        }
        // The query editor's select: label short_name, value id, description.
        assertThat(temp).isNotNull();
        assertThat(temp.get("short_name").stringValue()).isEqualTo(connector + "_T");
        assertThat(temp.get("description").stringValue()).isEqualTo("room");
    }

    @Test
    void thePluginsValueQueriesWithGrafanasIntervalsAndOffsetsAnswer() {
        String range = "timestamp__gte=" + (NOW - 7_200_000) + "&timestamp__lte=" + NOW;
        JsonNode raw = ok("/datapoint/" + sensor + "/value/?" + range);
        assertThat(raw).hasSize(120);
        for (JsonNode row : raw) {
            // JavaScript's Number() of the value string must be a number.
            assertThat(Double.parseDouble(row.get("value").stringValue())).isBetween(20.0, 22.0);
            assertThat(row.get("timestamp").isIntegralNumber()).isTrue();
        }
        // The plugin turns Grafana's auto interval (30s, 100ms, 2m, 1h, 1d) into "<n> <unit>" and always
        // adds an offset ("0 seconds" when none, empty when it cannot read the field), which is ignored.
        // The values span one hour (NOW - 1 h to NOW - 30 s): one or two hour buckets, as the clock falls.
        Map<String, Integer> buckets = Map.of("30%20seconds", 120, "100+milliseconds", 120, "2%20minutes", 30,
                "1%20hours", 1, "1%20days", 1);
        for (Map.Entry<String, Integer> interval : buckets.entrySet()) {
            for (String offset : List.of("0%20seconds", "-2.5+seconds", "-1%20hours", "")) {
                JsonNode bucketed = ok("/datapoint/" + sensor + "/value/?" + range + "&interval=" + interval.getKey()
                        + "&offset=" + offset);
                assertThat(bucketed.size()).as(interval.getKey()).isBetween(interval.getValue(), interval.getValue() + 1);
                for (JsonNode row : bucketed) {
                    assertThat(Double.parseDouble(row.get("value").stringValue())).isBetween(20.0, 22.0);
                }
            }
        }
    }

    @Test
    void thePluginsScheduleAndSetpointQueriesAnswerWithTheirExtraParameters() {
        String query = "?timestamp__gte=" + (NOW - 7_200_000) + "&timestamp__lte=" + NOW + "&interval=30%20seconds&offset=0%20seconds";
        JsonNode schedules = ok("/datapoint/" + actuator + "/schedule/" + query);
        assertThat(schedules).hasSize(1);
        JsonNode item = schedules.get(0).get("schedule").get(0);
        assertThat(item.get("from_timestamp").isNull()).isTrue();
        assertThat(Double.parseDouble(item.get("value").asString())).isEqualTo(21.0);
        JsonNode setpoints = ok("/datapoint/" + actuator + "/setpoint/" + query);
        assertThat(setpoints).hasSize(1);
        JsonNode setpoint = setpoints.get(0).get("setpoint").get(0);
        assertThat(Double.parseDouble(setpoint.get("preferred_value").asString())).isEqualTo(21.0);
        assertThat(setpoint.get("to_timestamp").longValue()).isEqualTo(NOW + 3_600_000);
    }

    private static final Pattern METRIC = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");

    @Test
    void everyApiServiceMetricOfTheServicesDashboardIsServed() throws Exception {
        // Counters with labels appear once counted: a value posted to the actuator comes back over the
        // broker and is stored; one for an unknown datapoint of the connector is not stored.
        assertThat(admin().post("/datapoint/" + actuator + "/value/",
                "{\"value\": \"22\", \"timestamp\": " + System.currentTimeMillis() + "}").status()).isEqualTo(201);
        probe.publishText(connector + "/messages/999999999/value", "{\"value\": 1, \"timestamp\": " + NOW + "}", false);
        Http.at(port(), "").basic(ADMIN, "wrong").get("/datapoint/");
        Awaitility.await().atMost(WAIT).until(() -> {
            String text = admin().get("/metrics/").text();
            return text.contains("bemcom_api_ingest_messages_stored_total")
                    && text.contains("bemcom_api_ingest_messages_rejected_total");
        });
        Set<String> served = new LinkedHashSet<>();
        for (String line : admin().get("/metrics/").text().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                served.add(line.split("[{ ]", 2)[0]);
            }
        }
        JsonNode dashboard = json(Files.readString(Path.of("../tools/grafana/dashboards/bemcom-services.json")));
        int checked = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.get("expr").stringValue();
                Matcher matcher = METRIC.matcher(expr);
                while (matcher.find()) {
                    if (expr.contains("job=\"api-service\"") || expr.contains("job=~\"$job\"") && !matcher.group(1).equals("up")) {
                        assertThat(served).as(expr).contains(matcher.group(1));
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(15);
    }

    private JsonNode ok(String path) {
        Http.Response response = admin().get(path);
        assertThat(response.status()).as(path + ": " + response.text()).isEqualTo(200);
        return response.json();
    }
}
