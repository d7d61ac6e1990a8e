package io.bemcom.api.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.bemcom.api.support.LogLines;
import io.bemcom.api.support.PostgresApiTest;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.Topics;
import io.bemcom.testsupport.TestNames;

/**
 * What ingestion used to change or drop silently (issue 11, item 9) is decided, and each case gets
 * a log line: a lone surrogate is stored escaped and reads back as sent; messages of inactive or
 * unknown datapoints are not stored; a timestamp of -1 is stored as sent.
 */
class OddMessagesTest extends PostgresApiTest {

    @Test
    void aValueWithALoneSurrogateIsStoredEscapedAndReadsBackAsSent() {
        String connector = TestNames.unique("conn");
        long id = createDatapoint(connector, "s", "sensor", null);
        long now = System.currentTimeMillis();
        try (LogLines log = LogLines.of(MqttIngestion.class)) {
            probe.publishText(Topics.value(connector, id), "{\"value\": \"half \\ud800 of a pair\", \"timestamp\": " + now
                    + "}", false);
            await().atMost(WAIT).until(() -> admin().get("/datapoint/" + id + "/value/").json().size() == 1);
            String stored = admin().get("/datapoint/" + id + "/value/").json().get(0).get("value").stringValue();
            assertThat(JsonValues.parse(stored).stringValue()).isEqualTo("half \ud800 of a pair");
            assertThat(jdbc.queryForObject("SELECT value FROM datapoint_last_value WHERE datapoint_id = ?", String.class, id))
                    .isEqualToIgnoringCase("\"half \\ud800 of a pair\"");
            assertThat(log.containing("lone surrogate")).singleElement().asString().startsWith("WARN").contains(connector);
        }
    }

    @Test
    void valuesOfInactiveOrUnknownDatapointsAreNotStoredAndSaySo() {
        String connector = TestNames.unique("conn");
        long active = createDatapoint(connector, "on", "sensor", null);
        long inactive = createDatapoint(connector, "off", "sensor", null);
        datapointService.setActive(List.of(inactive), false);
        long now = System.currentTimeMillis();
        try (LogLines log = LogLines.of(MqttIngestion.class)) {
            probe.publishText(Topics.value(connector, inactive), "{\"value\": 1, \"timestamp\": " + now + "}", false);
            probe.publishText(Topics.value(connector, 999_999_999L), "{\"value\": 2, \"timestamp\": " + now + "}", false);
            probe.publishText(Topics.schedule(connector, active), "{\"schedule\": [], \"timestamp\": " + now + "}", false);
            probe.publishText(Topics.value(connector, active), "{\"value\": 3, \"timestamp\": " + now + "}", false);

            await().atMost(WAIT).until(() -> admin().get("/datapoint/" + active + "/value/").json().size() == 1);
            await().atMost(WAIT).until(() -> log.containing(connector).size() == 3);
            assertThat(log.containing("its datapoint is not active")).singleElement().asString().startsWith("INFO");
            assertThat(log.containing("no datapoint of that id belongs")).singleElement().asString().startsWith("WARN");
            assertThat(log.containing("stored for actuators only")).singleElement().asString().startsWith("WARN");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM datapoint_value WHERE datapoint_id = ?", Integer.class,
                inactive)).isZero();
        assertThat(admin().get("/metrics/").text()).containsPattern(
                "bemcom_api_ingest_messages_rejected_total\\{[^}]*kind=\"value\",reason=\"unknown_datapoint\"");
    }

    @Test
    void aTimestampOfMinusOneIsStoredAsSentWithAWarning() {
        String connector = TestNames.unique("conn");
        long id = createDatapoint(connector, "s", "sensor", null);
        try (LogLines log = LogLines.of(MqttIngestion.class)) {
            probe.publishText(Topics.value(connector, id), "{\"value\": 5, \"timestamp\": -1}", false);
            await().atMost(WAIT).until(() -> admin().get("/datapoint/" + id + "/value/").json().size() == 1);
            assertThat(admin().get("/datapoint/" + id + "/value/").text()).isEqualTo("[{\"value\":\"5\",\"timestamp\":-1}]");
            assertThat(log.containing("implausible timestamp")).singleElement().asString().startsWith("WARN")
                    .contains("Timestamp (-1) seems unreasonably low");
        }
    }
}
