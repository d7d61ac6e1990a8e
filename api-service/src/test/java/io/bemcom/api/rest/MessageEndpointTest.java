package io.bemcom.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.bemcom.api.history.SqlDialect;
import io.bemcom.api.support.Http;
import io.bemcom.api.support.PostgresApiTest;
import io.bemcom.connector.testkit.Recorded;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.ScheduleMessage;
import io.bemcom.protocol.SetpointMessage;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.testsupport.TestNames;
import tools.jackson.databind.JsonNode;

/** {@code /datapoint/{id}/value|schedule|setpoint/} and the last-message endpoints (sections 8.7–8.11, 13). */
class MessageEndpointTest extends PostgresApiTest {

    private static final long NOW = System.currentTimeMillis();

    @Autowired
    SqlDialect dialect;

    @Test
    void postToASensorIsRejectedBeforeTheBodyIsChecked() {
        long sensor = createDatapoint(TestNames.unique("conn"), "s", "sensor", null);
        Http.Response response = admin().post("/datapoint/" + sensor + "/value/", "{}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text()).isEqualTo("[\"This message can only be written for an actuator datapoint.\"]");
        assertThat(admin().post("/datapoint/999999999/value/", "{}").text()).isEqualTo("{\"detail\":\"Not found.\"}");
    }

    @Test
    void postValueToAnActuatorPublishesTheDecodedValueAndRoundTripsIntoHistory() {
        String connector = TestNames.unique("conn");
        long actuator = createDatapoint(connector, "a", "actuator", null);
        Recorded<ValueMessage> sent = probe.record(Topics.value(connector, actuator), MessageCodec::decodeValue);
        String body = "{\"value\": \"17.0\", \"timestamp\": " + NOW + "}";
        Http.Response response = admin().post("/datapoint/" + actuator + "/value/", body);
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.text()).isEqualTo("{\"value\":17.0,\"timestamp\":" + NOW + "}");
        ValueMessage message = sent.awaitOn(Topics.value(connector, actuator), WAIT).message();
        assertThat(message.value().doubleValue()).isEqualTo(17.0);
        assertThat(sent.all().get(0).retained()).isFalse();
        org.awaitility.Awaitility.await().atMost(WAIT).until(() ->
                admin().get("/datapoint/" + actuator + "/value/?timestamp__gte=" + NOW + "&timestamp__lte=" + NOW)
                        .json().size() == 1);
        assertThat(admin().get("/datapoint/" + actuator + "/value/?timestamp__gte=" + NOW + "&timestamp__lte=" + NOW).text())
                .isEqualTo("[{\"value\":\"17.0\",\"timestamp\":" + NOW + "}]");
        assertThat(admin().get("/datapoint/last_value/?datapoint__id__in=" + actuator).text())
                .isEqualTo("{\"msgs_by_datapoint_id\":{\"" + actuator + "\":{\"value\":\"17.0\",\"timestamp\":" + NOW + "}}}");
    }

    @Test
    void postScheduleAndSetpointPublishAndRoundTrip() {
        String connector = TestNames.unique("conn");
        long actuator = createDatapoint(connector, "a", "actuator", "\"data_format\": \"continuous_numeric\"");
        Recorded<ScheduleMessage> schedules = probe.record(Topics.schedule(connector, actuator), MessageCodec::decodeSchedule);
        Recorded<SetpointMessage> setpoints = probe.record(Topics.setpoint(connector, actuator), MessageCodec::decodeSetpoint);
        String schedule = "{\"schedule\": [{\"from_timestamp\": null, \"to_timestamp\": " + (NOW + 1000)
                + ", \"value\": \"21\"}], \"timestamp\": " + NOW + "}";
        Http.Response posted = admin().post("/datapoint/" + actuator + "/schedule/", schedule);
        assertThat(posted.status()).isEqualTo(201);
        assertThat(posted.json().get("schedule").get(0).get("value").intValue()).isEqualTo(21);
        assertThat(schedules.awaitOn(Topics.schedule(connector, actuator), WAIT).message().schedule().get(0).value().intValue())
                .isEqualTo(21);
        String setpoint = "{\"setpoint\": [{\"from_timestamp\": null, \"to_timestamp\": " + (NOW + 1000)
                + ", \"preferred_value\": \"21\", \"min_value\": 20, \"max_value\": 22}], \"timestamp\": " + NOW + "}";
        assertThat(admin().post("/datapoint/" + actuator + "/setpoint/", setpoint).status()).isEqualTo(201);
        SetpointMessage sent = setpoints.awaitOn(Topics.setpoint(connector, actuator), WAIT).message();
        assertThat(sent.setpoint().get(0).minValue()).isEqualTo(20.0);
        org.awaitility.Awaitility.await().atMost(WAIT).until(() ->
                admin().get("/datapoint/" + actuator + "/setpoint/").json().size() == 1
                        && admin().get("/datapoint/" + actuator + "/schedule/").json().size() == 1);
        assertThat(admin().get("/datapoint/" + actuator + "/schedule/").json().get(0)).isEqualTo(json(schedule));
        assertThat(admin().get("/datapoint/" + actuator + "/setpoint/").json().get(0))
                .isEqualTo(json(setpoint.replace("\"min_value\": 20, \"max_value\": 22", "\"min_value\": 20.0, \"max_value\": 22.0")));
        JsonNode last = admin().get("/datapoint/last_schedule/?datapoint__id__in=" + actuator).json();
        assertThat(last.get("msgs_by_datapoint_id").get(Long.toString(actuator))).isEqualTo(json(schedule));
    }

    @Test
    void valuesAreValidatedAgainstTheMetadata() {
        String connector = TestNames.unique("conn");
        long numeric = createDatapoint(connector, "n", "actuator",
                "\"data_format\": \"continuous_numeric\", \"min_value\": 15, \"max_value\": 35");
        long text = createDatapoint(connector, "t", "actuator",
                "\"data_format\": \"discrete_text\", \"allowed_values\": [\"on\", \"off\"]");
        long bool = createDatapoint(connector, "b", "actuator", "\"data_format\": \"bool\"");
        assertThat(error(numeric, "\"x\"")).isEqualTo("Value (x) cannot be parsed as JSON.");
        assertThat(error(numeric, "\"\\\"x\\\"\"")).isEqualTo("Value (x) for numeric datapoint cannot be parsed to float or int.");
        assertThat(error(numeric, "\"10\"")).isEqualTo("Value (10) for numeric datapoint is smaller then minimum allowed value (15.0).");
        assertThat(error(numeric, "\"40\"")).isEqualTo("Value (40) for numeric datapoint is larger then maximum allowed value (35.0).");
        assertThat(error(numeric, "\"true\"")).isEqualTo("Value (True) for numeric datapoint cannot be parsed to float or int.");
        assertThat(error(text, "\"1\"")).isEqualTo("Value (1) for text datapoint is no string.");
        assertThat(error(text, "\"\\\"dim\\\"\"")).isEqualTo("Value (dim) for discrete datapoint in list of allowed_values (['on', 'off']).");
        assertThat(error(bool, "\"null\"")).isEqualTo("Value (None) for boolean datapoint is no bool.");
        assertThat(post(text, "{\"value\": \"\\\"on\\\"\", \"timestamp\": " + NOW + "}").status()).isEqualTo(201);
        assertThat(post(numeric, "{\"value\": 20, \"timestamp\": " + NOW + "}").status()).isEqualTo(201);
        assertThat(post(bool, "{\"value\": true, \"timestamp\": " + NOW + "}").text()).isEqualTo("{\"value\":[\"Not a valid string.\"]}");
        assertThat(post(bool, "{\"value\": null, \"timestamp\": " + NOW + "}").status()).isEqualTo(400);
        assertThat(post(bool, "{\"value\": \"\", \"timestamp\": " + NOW + "}").text()).isEqualTo("{\"value\":[\"This field may not be blank.\"]}");
        assertThat(post(bool, "{}").text()).isEqualTo("{\"value\":[\"This field is required.\"],\"timestamp\":[\"This field is required.\"]}");
    }

    @Test
    void timestampsAreRangeChecked() {
        long actuator = createDatapoint(TestNames.unique("conn"), "a", "actuator", null);
        long high = NOW + 200_000_000_000L;
        assertThat(post(actuator, "{\"value\": \"1\", \"timestamp\": " + high + "}").json().get("timestamp").get(0).stringValue())
                .startsWith("Timestamp (" + high + ") seems unreasonably high.");
        assertThat(post(actuator, "{\"value\": \"1\", \"timestamp\": " + (NOW - 600_000_000_000L) + "}").json()
                .get("timestamp").get(0).stringValue()).contains("seems unreasonably low.");
        assertThat(post(actuator, "{\"value\": \"1\", \"timestamp\": 1.5}").text())
                .isEqualTo("{\"timestamp\":[\"A valid integer is required.\"]}");
        assertThat(post(actuator, "{\"value\": \"1\", \"timestamp\": \"abc\"}").status()).isEqualTo(400);
    }

    @Test
    void nanInAValueStringNeverCausesA500() {
        long actuator = createDatapoint(TestNames.unique("conn"), "a", "actuator", "\"data_format\": \"generic_numeric\"");
        Http.Response response = post(actuator, "{\"value\": \"NaN\", \"timestamp\": " + NOW + "}");
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.text()).isEqualTo("{\"value\":\"NaN\",\"timestamp\":" + NOW + "}");
    }

    @Test
    void schedulesAndSetpointsAreValidated() {
        long actuator = createDatapoint(TestNames.unique("conn"), "a", "actuator",
                "\"data_format\": \"continuous_numeric\", \"min_value\": 0, \"max_value\": 30");
        String path = "/datapoint/" + actuator + "/schedule/";
        assertThat(admin().post(path, "{\"schedule\": {}, \"timestamp\": " + NOW + "}").text())
                .isEqualTo("{\"schedule\":{\"non_field_errors\":[\"Expected a list of items but got type \\\"dict\\\".\"]}}");
        assertThat(admin().post(path, "{\"schedule\": null, \"timestamp\": " + NOW + "}").text())
                .isEqualTo("{\"schedule\":[\"This field may not be null.\"]}");
        assertThat(admin().post(path, "{\"schedule\": [{\"to_timestamp\": null, \"value\": \"1\"}], \"timestamp\": " + NOW + "}").text())
                .isEqualTo("{\"schedule\":[{\"from_timestamp\":[\"This field is required.\"]}]}");
        assertThat(admin().post(path, "{\"schedule\": [\"x\"], \"timestamp\": " + NOW + "}").status()).isEqualTo(400);
        String inverted = admin().post(path, "{\"schedule\": [{\"from_timestamp\": " + (NOW + 10) + ", \"to_timestamp\": " + NOW
                + ", \"value\": \"1\"}], \"timestamp\": " + NOW + "}").json().get("schedule").get(0).stringValue();
        assertThat(inverted).startsWith("Validation of timestamps of Schedule Item (").endsWith("to_timestamp must be larger then from_timestamp");
        String tooLarge = admin().post(path, "{\"schedule\": [{\"from_timestamp\": null, \"to_timestamp\": null, \"value\": \"99\"}], "
                + "\"timestamp\": " + NOW + "}").json().get("schedule").get(0).stringValue();
        assertThat(tooLarge).isEqualTo("Validation of value of Schedule Item ({\"from_timestamp\": null, \"to_timestamp\": null, "
                + "\"value\": \"99\"}) failed. The error was: Value (99) for numeric datapoint is larger then maximum allowed value (30.0).");
        String setpointPath = "/datapoint/" + actuator + "/setpoint/";
        assertThat(admin().post(setpointPath, "{\"setpoint\": [{\"from_timestamp\": null, \"to_timestamp\": null, "
                + "\"preferred_value\": \"21\"}], \"timestamp\": " + NOW + "}").json().get("setpoint").get(0).stringValue())
                .startsWith("Key 'min_value' is missing in Setpoint Item (");
        assertThat(admin().post(setpointPath, "{\"setpoint\": [{\"from_timestamp\": null, \"to_timestamp\": null}], \"timestamp\": "
                + NOW + "}").text()).isEqualTo("{\"setpoint\":[{\"preferred_value\":[\"This field is required.\"]}]}");
        assertThat(admin().post(setpointPath, "{\"setpoint\": [{\"from_timestamp\": null, \"to_timestamp\": null, "
                + "\"preferred_value\": \"21\", \"min_value\": \"warm\", \"max_value\": [22]}], \"timestamp\": " + NOW + "}").text())
                .isEqualTo("{\"setpoint\":[{\"min_value\":[\"A valid number is required.\"],"
                        + "\"max_value\":[\"A valid number is required.\"]}]}");
        // The original took a null setpoint, published it and could not store it; its controller exits on it.
        assertThat(admin().post(setpointPath, "{\"setpoint\": null, \"timestamp\": " + NOW + "}").text())
                .isEqualTo("{\"setpoint\":[\"This field may not be null.\"]}");
        assertThat(admin().put(setpointPath, "[{\"setpoint\": null, \"timestamp\": " + NOW + "}]").text())
                .isEqualTo("[{\"setpoint\":[\"This field may not be null.\"]}]");
        assertThat(admin().put(path, "[{\"schedule\": null, \"timestamp\": " + NOW + "}]").text())
                .isEqualTo("[{\"schedule\":[\"This field may not be null.\"]}]");
    }

    @Test
    void aNanValueIsPublishedAsTheBareTokenOriginalConnectorsRead() {
        String connector = TestNames.unique("conn");
        long actuator = createDatapoint(connector, "a", "actuator", "\"data_format\": \"generic_numeric\"");
        String topic = Topics.value(connector, actuator);
        Recorded<String> sent = probe.recordText(topic);
        assertThat(post(actuator, "{\"value\": \"NaN\", \"timestamp\": " + NOW + "}").status()).isEqualTo(201);
        assertThat(post(actuator, "{\"value\": \"-Infinity\", \"timestamp\": " + (NOW + 1) + "}").status()).isEqualTo(201);
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> sent.messages().size() == 2);
        assertThat(sent.messages()).containsExactly("{\"value\":NaN,\"timestamp\":" + NOW + "}",
                "{\"value\":-Infinity,\"timestamp\":" + (NOW + 1) + "}");
        org.awaitility.Awaitility.await().atMost(WAIT).until(() ->
                admin().get("/datapoint/" + actuator + "/value/?timestamp__gte=" + NOW).json().size() == 2);
        assertThat(admin().get("/datapoint/" + actuator + "/value/?timestamp__gte=" + NOW).text())
                .isEqualTo("[{\"value\":\"NaN\",\"timestamp\":" + NOW + "},{\"value\":\"-Infinity\",\"timestamp\":"
                        + (NOW + 1) + "}]");
    }

    @Test
    void numbersKeepTheTextTheClientSent() {
        String connector = TestNames.unique("conn");
        long actuator = createDatapoint(connector, "a", "actuator", null);
        String topic = Topics.value(connector, actuator);
        Recorded<String> sent = probe.recordText(topic);
        Http.Response posted = post(actuator, "{\"value\": \"1e-07\", \"timestamp\": " + NOW + "}");
        assertThat(posted.text()).isEqualTo("{\"value\":1e-07,\"timestamp\":" + NOW + "}");
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> sent.messages().size() == 1);
        assertThat(sent.messages().get(0)).isEqualTo("{\"value\":1e-07,\"timestamp\":" + NOW + "}");
        org.awaitility.Awaitility.await().atMost(WAIT).until(() ->
                admin().get("/datapoint/" + actuator + "/value/?timestamp__gte=" + NOW).json().size() == 1);
        assertThat(admin().get("/datapoint/" + actuator + "/value/?timestamp__gte=" + NOW).json().get(0).get("value")
                .stringValue()).isEqualTo("1e-07");
        assertThat(admin().put("/datapoint/" + actuator + "/value/", "[{\"value\": \"[1.50, 2E3]\", \"timestamp\": "
                + (NOW - 1) + "}]").status()).isEqualTo(200);
        assertThat(admin().get("/datapoint/" + actuator + "/value/?timestamp__lt=" + NOW).json().get(0).get("value")
                .stringValue()).isEqualTo("[1.50,2E3]");
    }

    @Test
    void valuesOfNumericDatapointsAreAnsweredAsFloatsAndTextAsciiEscaped() {
        String connector = TestNames.unique("conn");
        long numeric = createDatapoint(connector, "n", "sensor", "\"data_format\": \"continuous_numeric\"");
        long text = createDatapoint(connector, "t", "sensor", "\"data_format\": \"generic_text\"");
        admin().put("/datapoint/" + numeric + "/value/", "[{\"value\": \"25\", \"timestamp\": " + NOW + "}, "
                + "{\"value\": \"2.5e-3\", \"timestamp\": " + (NOW + 1) + "}, {\"value\": \"NaN\", \"timestamp\": "
                + (NOW + 2) + "}, {\"value\": \"1e16\", \"timestamp\": " + (NOW + 3) + "}]");
        assertThat(admin().get("/datapoint/" + numeric + "/value/").text()).isEqualTo("[{\"value\":\"25.0\",\"timestamp\":"
                + NOW + "},{\"value\":\"0.0025\",\"timestamp\":" + (NOW + 1) + "},{\"value\":\"NaN\",\"timestamp\":"
                + (NOW + 2) + "},{\"value\":\"1e+16\",\"timestamp\":" + (NOW + 3) + "}]");
        admin().put("/datapoint/" + text + "/value/", "[{\"value\": \"\\\"23 °C €\\\"\", \"timestamp\": " + NOW + "}]");
        assertThat(admin().get("/datapoint/" + text + "/value/").json().get(0).get("value").stringValue())
                .isEqualTo("\"23 \\u00b0C \\u20ac\"");
    }

    @Test
    void aMalformedJsonBodyIsAnsweredWithPythonsMessageNotTheParsers() {
        long actuator = createDatapoint(TestNames.unique("conn"), "a", "actuator", null);
        assertThat(post(actuator, "{\"value\": }").text())
                .isEqualTo("{\"detail\":\"JSON parse error - Expecting value: line 1 column 11 (char 10)\"}");
        assertThat(post(actuator, "{\"value\": \"1\"").text())
                .isEqualTo("{\"detail\":\"JSON parse error - Expecting ',' delimiter: line 1 column 14 (char 13)\"}");
        assertThat(post(actuator, "{\"value\": \"1\", \"timestamp\": NaN}").text())
                .isEqualTo("{\"detail\":\"JSON parse error - Out of range float values are not JSON compliant: 'NaN'\"}");
        Http.Response list = admin().put("/datapoint/", "[{\"connector\": {\"name\": \"x\"},}]");
        assertThat(list.status()).isEqualTo(400);
        assertThat(list.text()).isEqualTo("{\"detail\":\"JSON parse error - Expecting property name enclosed in double "
                + "quotes: line 1 column 30 (char 29)\"}");
        Http.Response bytes = admin().send("POST", "/datapoint/" + actuator + "/value/", new byte[] {'{', (byte) 0xff, '}'},
                "application/json");
        assertThat(bytes.text()).isEqualTo("{\"detail\":\"JSON parse error - 'utf-8' codec can't decode byte 0xff in "
                + "position 1: invalid start byte\"}");
    }

    @Test
    void putUpsertsHistoryAndDeleteRemovesOneMessage() {
        long sensor = createDatapoint(TestNames.unique("conn"), "s", "sensor", null);
        String path = "/datapoint/" + sensor + "/value/";
        StringBuilder seven = new StringBuilder("[");
        for (int i = 0; i < 7; i++) {
            seven.append(i == 0 ? "" : ",").append("{\"value\": \"").append(i).append("\", \"timestamp\": ").append(NOW + i).append('}');
        }
        assertThat(admin().put(path, seven + "]").text()).isEqualTo("{\"msgs_created\":7,\"msgs_updated\":0}");
        assertThat(admin().put(path, "[{\"value\": \"\\\"x\\\"\", \"timestamp\": " + NOW + "}, {\"value\": \"{\\\"a\\\": [1, 2]}\", "
                + "\"timestamp\": " + (NOW + 1) + "}]").text()).isEqualTo("{\"msgs_created\":0,\"msgs_updated\":2}");
        assertThat(admin().put(path, "[]").text()).isEqualTo("{\"msgs_created\":0,\"msgs_updated\":0}");
        assertThat(admin().put(path, "[{\"value\": \"1\", \"timestamp\": " + NOW + "}, {\"value\": \"abc\", \"timestamp\": " + NOW + "}]").text())
                .isEqualTo("[{},{\"value\":[\"Value (abc) cannot be parsed as JSON.\"]}]");
        assertThat(admin().put(path, "{}").status()).isEqualTo(400);
        JsonNode history = admin().get(path + "?timestamp__lt=" + (NOW + 2)).json();
        assertThat(history.toString()).isEqualTo("[{\"value\":\"\\\"x\\\"\",\"timestamp\":" + NOW + "},{\"value\":\"{\\\"a\\\":[1,2]}\","
                + "\"timestamp\":" + (NOW + 1) + "}]");
        assertThat(admin().delete(path + NOW + "/").status()).isEqualTo(204);
        assertThat(admin().delete(path + NOW + "/").status()).isEqualTo(404);
        assertThat(admin().get(path).json().size()).isEqualTo(6);
        assertThat(admin().get("/datapoint/999999999/value/").status()).isEqualTo(404);
    }

    @Test
    void intervalAveragesNumericValuesIntoLeftAlignedBuckets() {
        long sensor = createDatapoint(TestNames.unique("conn"), "s", "sensor", null);
        long base = Instant.parse("2026-01-01T15:00:00Z").toEpochMilli();
        long[] offsets = {0, 450_000, 899_000, 900_000, 1_350_000, 1_799_000};
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < offsets.length; i++) {
            body.append(i == 0 ? "" : ",").append("{\"value\": \"").append(i + 1).append(".0\", \"timestamp\": ")
                    .append(base + offsets[i]).append('}');
        }
        admin().put("/datapoint/" + sensor + "/value/", body + ",{\"value\": \"\\\"text\\\"\", \"timestamp\": " + (base + 3_600_000) + "}]");
        Http.Response response = admin().get("/datapoint/" + sensor + "/value/?interval=15%20minutes");
        assertThat(response.text()).isEqualTo("[{\"value\":\"2.0\",\"timestamp\":" + base + "},{\"value\":\"5.0\",\"timestamp\":"
                + (base + 900_000) + "},{\"value\":\"null\",\"timestamp\":" + (base + 3_600_000) + "}]");
        // Weeks start on Mondays, as with the original's time_bucket (2026-01-01 is a Thursday).
        long monday = Instant.parse("2025-12-29T00:00:00Z").toEpochMilli();
        assertThat(admin().get("/datapoint/" + sensor + "/value/?interval=1%20week").text())
                .isEqualTo("[{\"value\":\"3.5\",\"timestamp\":" + monday + "}]");
        assertThat(admin().get("/datapoint/" + sensor + "/value/?interval=1800%20").text()).as("seconds, as the Grafana "
                + "plugin's interval without a unit").isEqualTo("[{\"value\":\"3.5\",\"timestamp\":" + base + "},"
                + "{\"value\":\"null\",\"timestamp\":" + (base + 3_600_000) + "}]");
        Http.Response invalid = admin().get("/datapoint/" + sensor + "/value/?interval=fortnightly");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().has("frequency")).isTrue();
        // date_bin has no months; only TimescaleDB (TimescaleDbTest) buckets by calendar month.
        Http.Response month = admin().get("/datapoint/" + sensor + "/value/?interval=1%20month");
        if (!dialect.name().equals("TimescaleDB")) { // Testcontainers' PostgreSQL image has TimescaleDB
            assertThat(month.status()).as(month.text()).isEqualTo(400);
            assertThat(month.json().has("frequency")).isTrue();
        }
        assertThat(admin().get("/datapoint/" + sensor + "/value/?timestamp__gte=abc").text())
                .isEqualTo("{\"timestamp__gte\":[\"Enter a number.\"]}");
    }

    private Http.Response post(long id, String body) {
        return admin().post("/datapoint/" + id + "/value/", body);
    }

    private String error(long id, String encodedValue) {
        Http.Response response = post(id, "{\"value\": " + encodedValue + ", \"timestamp\": " + NOW + "}");
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        return response.json().get("value").get(0).stringValue();
    }
}
