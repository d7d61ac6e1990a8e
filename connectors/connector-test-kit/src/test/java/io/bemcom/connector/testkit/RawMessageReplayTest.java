package io.bemcom.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.bemcom.connector.Connector;
import io.bemcom.connector.testkit.http.Answer;
import io.bemcom.connector.testkit.http.HttpDeviceSimulator;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.mqtt.InboundMessage;
import io.bemcom.testsupport.Ports;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;

/**
 * The SDK's raw-message replay ({@code REPLAY_FROM}, {@code REPLAY_TO}, {@code RAW_MESSAGE_DB_URL})
 * against the real broker, with a stand-in for the raw-message-db's NDJSON export on a real socket.
 * The replay with the real raw-message-db, api-service and Modbus connector is in the local runner's
 * {@code RawMessageReplayEndToEndTest}.
 */
class RawMessageReplayTest {

    private static final Duration WAIT = ConnectorRun.waitLimit();

    private final TestBroker broker = TestBrokers.shared();
    private final String name = TestNames.unique("replay");
    private final MqttProbe probe = MqttProbe.connect(broker);
    private final HttpDeviceSimulator rawMessageDb = HttpDeviceSimulator.start();
    private final TinyDevice device = new TinyDevice();
    private ConnectorRun run;

    @AfterEach
    void tearDown() {
        if (run != null) {
            run.close();
        }
        probe.close();
        rawMessageDb.close();
    }

    @Test
    void replaysStoredRawMessagesThroughParseWithTheirTimestampsUnretainedAndNeverTouchesTheDevice() throws Exception {
        rawMessageDb.serve("/raw-messages/" + name, Answer.ok("application/x-ndjson", (
                line(1_000, "{\"t\": 20.5, \"h\": 40}")
                        + line(2_000, "{\"garbage\": true}")           // the fixed parser still refuses this one
                        + line(3_000, "{\"t\": 21.5, \"h\": 41}")).getBytes(StandardCharsets.UTF_8)));
        DatapointTopics topics = probe.mapDatapoints(name, List.of("room__temperature"), List.of("heater__on"));
        Recorded<ValueMessage> values = probe.record(name + "/messages/+/value", MessageCodec::decodeValue);

        Map<String, String> env = ConnectorRun.environment(name, broker);
        env.put("REPLAY_FROM", "1000");
        env.put("REPLAY_TO", "1970-01-01T00:00:05Z");
        env.put("RAW_MESSAGE_DB_URL", rawMessageDb.url(""));
        run = ConnectorRun.start(broker, env, context -> device);

        assertThat(run.connector().awaitTermination(WAIT)).as("the replay ends by itself").isTrue();
        assertThat(run.connector().exitCode()).isEqualTo(Connector.EXIT_STOPPED);
        List<InboundMessage<ValueMessage>> replayed = values.awaitCount(2, WAIT);
        assertThat(replayed).extracting(InboundMessage::topic).containsOnly(topics.sensor("room__temperature"));
        assertThat(replayed).extracting(m -> m.message().timestamp()).containsExactly(1_000L, 3_000L);
        assertThat(replayed).extracting(m -> m.message().value()).containsExactly(JsonValues.of(20.5), JsonValues.of(21.5));
        assertThat(replayed).noneMatch(InboundMessage::retained);

        assertThat(rawMessageDb.requests("/raw-messages/" + name)).singleElement()
                .satisfies(request -> assertThat(request.query()).isEqualTo("from=1000&to=5000"));
        assertThat(device.reads.get()).as("polls of the device").isZero();
        assertThat(device.writes).isEmpty();
        assertThat(run.count("bemcom.connector.replay.readings", "ok")).isEqualTo(2);
        assertThat(run.count("bemcom.connector.replay.readings", "parse_failed")).isEqualTo(1);
        assertThat(run.count("bemcom.connector.replay.values", "published")).isEqualTo(2);
        // humidity and status of both readings have no datapoint in the map
        assertThat(run.count("bemcom.connector.replay.values", "unmapped")).isEqualTo(4);
        assertThat(run.readings("ok")).as("live readings").isZero();
    }

    @Test
    void aRawMessageDbThatCannotBeReachedEndsTheReplayWithExitCode1() throws Exception {
        probe.mapDatapoints(name, List.of("room__temperature"), List.of());
        Map<String, String> env = ConnectorRun.environment(name, broker);
        env.put("REPLAY_FROM", "0");
        env.put("REPLAY_TO", "5000");
        env.put("RAW_MESSAGE_DB_URL", "http://127.0.0.1:" + Ports.free());
        run = ConnectorRun.start(broker, env, context -> device);

        assertThat(run.connector().awaitTermination(WAIT)).isTrue();
        assertThat(run.connector().exitCode()).isEqualTo(Connector.EXIT_FATAL);
        assertThat(device.reads.get()).isZero();
    }

    @Test
    void anErrorAnswerOfTheRawMessageDbEndsTheReplayWithExitCode1() throws Exception {
        rawMessageDb.serve("/raw-messages/" + name, Answer.status(400, "{\"from\": [\"must be an integer\"]}"));
        probe.mapDatapoints(name, List.of("room__temperature"), List.of());
        Map<String, String> env = ConnectorRun.environment(name, broker);
        env.put("REPLAY_FROM", "0");
        env.put("REPLAY_TO", "5000");
        env.put("RAW_MESSAGE_DB_URL", rawMessageDb.url("/"));
        run = ConnectorRun.start(broker, env, context -> device);

        assertThat(run.connector().awaitTermination(WAIT)).isTrue();
        assertThat(run.connector().exitCode()).isEqualTo(Connector.EXIT_FATAL);
    }

    private String line(long timestamp, String rawMessage) {
        return "{\"connector\":\"" + name + "\",\"timestamp\":" + timestamp + ",\"raw_message\":" + rawMessage
                + ",\"received_at\":" + (timestamp + 7) + "}\n";
    }
}
