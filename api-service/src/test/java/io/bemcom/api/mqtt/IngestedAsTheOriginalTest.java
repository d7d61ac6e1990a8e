package io.bemcom.api.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;

import io.bemcom.api.support.LogLines;
import io.bemcom.api.support.PostgresApiTest;
import io.bemcom.protocol.Topics;
import io.bemcom.testsupport.TestNames;
import tools.jackson.databind.JsonNode;

/**
 * What a connector or an original service publishes is stored and served as the original stores
 * and serves it (issue 12): values of numeric datapoints as floats, lists and objects on them not
 * stored, null schedules and setpoints not stored, timestamps with a fraction of a millisecond
 * rounded, numbers of other datapoints with the text they were sent with.
 */
class IngestedAsTheOriginalTest extends PostgresApiTest {

    private static final long NOW = System.currentTimeMillis();

    @Test
    void valuesOfANumericDatapointAreServedAsPythonFloatsAndListsOrObjectsAreNotStored() {
        String connector = TestNames.unique("conn");
        long id = createDatapoint(connector, "n", "sensor", "\"data_format\": \"generic_numeric\"");
        String topic = Topics.value(connector, id);
        String[] payloads = {"25", "\"23\"", "NaN", "1e-07", "\" 1_000.5 \"", "\"abc\"", "true", "null", "-Infinity"};
        try (LogLines log = LogLines.of(MqttIngestion.class)) {
            probe.publishText(topic, "{\"value\": [1, 2], \"timestamp\": " + (NOW - 2) + "}", false);
            probe.publishText(topic, "{\"value\": {\"a\": 1}, \"timestamp\": " + (NOW - 1) + "}", false);
            for (int i = 0; i < payloads.length; i++) {
                probe.publishText(topic, "{\"value\": " + payloads[i] + ", \"timestamp\": " + (NOW + i) + "}", false);
            }
            await().atMost(WAIT).until(() -> admin().get("/datapoint/" + id + "/value/").json().size() == payloads.length);
            assertThat(log.containing("its datapoint is numeric and the value is a list or an object"))
                    .singleElement().asString().startsWith("WARN").contains(topic);
        }
        JsonNode history = admin().get("/datapoint/" + id + "/value/").json();
        String[] expected = {"25.0", "23.0", "NaN", "1e-07", "1000.5", "\"abc\"", "true", "null", "-Infinity"};
        for (int i = 0; i < expected.length; i++) {
            assertThat(history.get(i).get("value").stringValue()).as(payloads[i]).isEqualTo(expected[i]);
            assertThat(history.get(i).get("timestamp").longValue()).isEqualTo(NOW + i);
        }
        assertThat(admin().get("/datapoint/last_value/?datapoint__id__in=" + id).json().get("msgs_by_datapoint_id")
                .get(Long.toString(id)).get("value").stringValue()).isEqualTo("-Infinity");
        assertThat(admin().get("/metrics/").text()).containsPattern(
                "bemcom_api_ingest_messages_rejected_total\\{[^}]*kind=\"value\",reason=\"non_numeric_value\"[^}]*} 2.0");
    }

    @Test
    void otherDatapointsKeepTheTextOfTheirNumbersAndAnswerTextAsciiEscaped() {
        String connector = TestNames.unique("conn");
        long id = createDatapoint(connector, "u", "sensor", null);
        String topic = Topics.value(connector, id);
        String[] payloads = {"1e-07", "[1.50, 2.5E+3, 25]", "\"23\"", "\"°C ü \\ud83d\\ude00\"", "{\"k\": \"ä\"}"};
        for (int i = 0; i < payloads.length; i++) {
            probe.publishText(topic, "{\"value\": " + payloads[i] + ", \"timestamp\": " + (NOW + i) + "}", false);
        }
        await().atMost(WAIT).until(() -> admin().get("/datapoint/" + id + "/value/").json().size() == payloads.length);
        JsonNode history = admin().get("/datapoint/" + id + "/value/").json();
        String[] expected = {"1e-07", "[1.50,2.5E+3,25]", "\"23\"", "\"\\u00b0C \\u00fc \\ud83d\\ude00\"",
                "{\"k\":\"\\u00e4\"}"};
        for (int i = 0; i < expected.length; i++) {
            assertThat(history.get(i).get("value").stringValue()).as(payloads[i]).isEqualTo(expected[i]);
        }
    }

    @Test
    void aNullSetpointOrScheduleLeavesTheLastOneInForce() {
        String connector = TestNames.unique("conn");
        long id = createDatapoint(connector, "a", "actuator", null);
        String setpoint = "[{\"from_timestamp\": null, \"to_timestamp\": null, \"preferred_value\": 21}]";
        String schedule = "[{\"from_timestamp\": null, \"to_timestamp\": null, \"value\": 20}]";
        probe.publishText(Topics.setpoint(connector, id), "{\"setpoint\": " + setpoint + ", \"timestamp\": " + NOW + "}", true);
        probe.publishText(Topics.schedule(connector, id), "{\"schedule\": " + schedule + ", \"timestamp\": " + NOW + "}", true);
        await().atMost(WAIT).until(() -> admin().get("/datapoint/" + id + "/setpoint/").json().size() == 1
                && admin().get("/datapoint/" + id + "/schedule/").json().size() == 1);
        try (LogLines log = LogLines.of(MqttIngestion.class)) {
            probe.publishText(Topics.setpoint(connector, id), "{\"setpoint\": null, \"timestamp\": " + (NOW + 1) + "}", true);
            probe.publishText(Topics.schedule(connector, id), "{\"schedule\": null, \"timestamp\": " + (NOW + 1) + "}", true);
            await().atMost(WAIT).until(() -> log.containing("it is null: the last").size() == 2);
            assertThat(log.containing("a setpoint message on")).singleElement().asString().startsWith("WARN");
        }
        JsonNode lastSetpoint = admin().get("/datapoint/last_setpoint/?datapoint__id__in=" + id).json()
                .get("msgs_by_datapoint_id").get(Long.toString(id));
        assertThat(lastSetpoint.get("timestamp").longValue()).isEqualTo(NOW);
        assertThat(lastSetpoint.get("setpoint").get(0).get("preferred_value").stringValue()).isEqualTo("21");
        JsonNode lastSchedule = admin().get("/datapoint/last_schedule/?datapoint__id__in=" + id).json()
                .get("msgs_by_datapoint_id").get(Long.toString(id));
        assertThat(lastSchedule.get("schedule").get(0).get("value").stringValue()).isEqualTo("20");
        assertThat(admin().get("/datapoint/" + id + "/setpoint/").text()).doesNotContain("null,\"timestamp\"");
        assertThat(admin().get("/datapoint/" + id + "/schedule/").json().size()).isEqualTo(1);
        String metrics = admin().get("/metrics/").text();
        assertThat(metrics).containsPattern("bemcom_api_ingest_messages_rejected_total\\{[^}]*kind=\"setpoint\","
                + "reason=\"null_setpoint\"").containsPattern("bemcom_api_ingest_messages_rejected_total\\{[^}]*"
                + "kind=\"schedule\",reason=\"null_schedule\"");
        probe.clearRetained(Topics.setpoint(connector, id));
        probe.clearRetained(Topics.schedule(connector, id));
    }

    @Test
    void aTimestampWithAFractionOfAMillisecondIsStoredRoundedAsTheOriginalReadsItBack() {
        String connector = TestNames.unique("conn");
        long id = createDatapoint(connector, "s", "sensor", null);
        long even = NOW - NOW % 2;
        probe.publishText(Topics.value(connector, id), "{\"value\": 1, \"timestamp\": " + even + ".7}", false);
        probe.publishText(Topics.value(connector, id), "{\"value\": 2, \"timestamp\": " + (even + 10) + ".5}", false);
        await().atMost(WAIT).until(() -> admin().get("/datapoint/" + id + "/value/").json().size() == 2);
        assertThat(admin().get("/datapoint/" + id + "/value/").text()).isEqualTo("[{\"value\":\"1\",\"timestamp\":"
                + (even + 1) + "},{\"value\":\"2\",\"timestamp\":" + (even + 10) + "}]");
    }
}
