package io.bemcom.rawmessages.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.bemcom.protocol.mqtt.InboundMessage;
import io.bemcom.rawmessages.storage.RawMessageRow;
import io.bemcom.rawmessages.storage.RejectRow;

class RawMessageIntakeTest {

    private static final long NOW = 1_700_000_000_999L;
    private final RawMessageIntake intake = new RawMessageIntake(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

    private Pending accept(String topic, String payload) {
        return intake.accept(new InboundMessage<>(topic, payload.getBytes(StandardCharsets.UTF_8), false, () -> { }));
    }

    private RawMessageRow stored(String payload) {
        return ((Pending.Message) accept("meter-1/raw_message_to_db", payload)).row();
    }

    private Pending.Reject rejected(String payload) {
        return (Pending.Reject) accept("meter-1/raw_message_to_db", payload);
    }

    @Test
    void storesTheDocumentedEnvelope() {
        RawMessageRow row = stored("{\"raw_message\": \"01 03 02 00 2a\", \"timestamp\": 1700000000000}");

        assertThat(row.connector()).isEqualTo("meter-1");
        assertThat(row.timestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(row.rawMessage()).isEqualTo("\"01 03 02 00 2a\"");
        assertThat(row.connectorVersion()).isNull();
        assertThat(row.topic()).isEqualTo("meter-1/raw_message_to_db");
        assertThat(row.receivedAt()).isEqualTo(NOW);
        assertThat(row.payloadHash()).hasSize(64).isEqualTo(RawMessageIntake.sha256("\"01 03 02 00 2a\""));
    }

    @Test
    void storesThePythonTemplatesEnvelopeWithItsVersion() {
        RawMessageRow row = stored("{\"payload\": {\"raw_message\": {\"registers\": [1, 2.5, null]}, "
                + "\"timestamp\": 1700000000001}, \"connector_version\": \"0.8.0\"}");

        assertThat(row.timestamp()).isEqualTo(1_700_000_000_001L);
        assertThat(row.rawMessage()).isEqualTo("{\"registers\":[1,2.5,null]}");
        assertThat(row.connectorVersion()).isEqualTo("0.8.0");
    }

    @Test
    void storesNonFiniteNumbersAsTheOriginalDoes() {
        assertThat(stored("{\"raw_message\": [NaN, Infinity], \"timestamp\": 1}").rawMessage())
                .isEqualTo("[\"NaN\",\"Infinity\"]");
    }

    @Test
    void theSamePayloadHasTheSameHash() {
        assertThat(stored("{\"raw_message\": {\"a\": 1}, \"timestamp\": 5}").payloadHash())
                .isEqualTo(stored("{\"timestamp\": 5, \"raw_message\": {\"a\": 1}}").payloadHash())
                .isNotEqualTo(stored("{\"raw_message\": {\"a\": 2}, \"timestamp\": 5}").payloadHash());
    }

    @Test
    void rejectsWhatIsNotARawMessageNamingTheReason() {
        Pending.Reject notJson = rejected("{not json");
        Pending.Reject noTimestamp = rejected("{\"raw_message\": 1}");
        Pending.Reject empty = rejected("");

        assertThat(notJson.row()).isEqualTo(new RejectRow("meter-1/raw_message_to_db", "{not json",
                notJson.row().reason(), NOW));
        assertThat(notJson.row().reason()).startsWith("not valid JSON");
        assertThat(notJson.category()).isEqualTo("malformed_json");
        assertThat(noTimestamp.row().reason()).isEqualTo("'timestamp': missing");
        assertThat(noTimestamp.category()).isEqualTo("invalid_field");
        assertThat(empty.category()).isEqualTo("empty_payload");
        assertThat(rejected("{\"payload\": {\"raw_message\": 1}, \"connector_version\": \"1\"}").row().reason())
                .isEqualTo("'payload.timestamp': missing");
    }

    @Test
    void keepsAPayloadThatIsNotUtf8OrHoldsNulAsText() {
        Pending.Reject reject = (Pending.Reject) intake.accept(new InboundMessage<>("m/raw_message_to_db",
                new byte[] {'a', 0, (byte) 0xff, 'b'}, false, () -> { }));

        assertThat(reject.row().payload()).isEqualTo("a\uFFFD\uFFFDb");
    }

    @Test
    void namesTheConnectorByTheFirstTopicLevel() {
        assertThat(RawMessageIntake.connectorOf("meter-1/raw_message_to_db")).isEqualTo("meter-1");
        assertThat(RawMessageIntake.connectorOf("site/a/raw")).isEqualTo("site");
        assertThat(RawMessageIntake.connectorOf("plain")).isEqualTo("plain");
    }
}
