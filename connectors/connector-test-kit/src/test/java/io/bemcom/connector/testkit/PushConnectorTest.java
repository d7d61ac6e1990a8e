package io.bemcom.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.bemcom.connector.Connector;
import io.bemcom.connector.ConnectorSettings;
import io.bemcom.connector.FatalDeviceException;
import io.bemcom.connector.PushDevice;
import io.bemcom.protocol.DatapointMapMessage;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.mqtt.BrokerSettings;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.JsonNode;

/** A push device: messages arrive when the device sends them; a fatal error ends the connector. */
class PushConnectorTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final JsonNode END = JsonValues.of("END");

    private final TestBroker broker = TestBrokers.shared();
    private final String name = TestNames.unique("push");
    private final BlockingQueue<JsonNode> wire = new LinkedBlockingQueue<>();
    private final MqttProbe probe = MqttProbe.connect(broker);
    private Connector connector;

    private final PushDevice device = new PushDevice() {
        @Override
        public void receive(RawMessageSink sink) throws Exception {
            while (true) {
                JsonNode next = wire.take();
                if (next.equals(END)) {
                    throw new FatalDeviceException("the device closed the connection");
                }
                sink.accept(next);
            }
        }

        @Override
        public JsonNode parse(JsonNode rawMessage) {
            return rawMessage;
        }
    };

    @AfterEach
    void stop() {
        connector.stop();
        probe.clearRetained(Topics.datapointMap(name));
        probe.clearRetained(Topics.availableDatapoints(name));
        probe.close();
    }

    @Test
    void publishesWhatTheDevicePushesAndStopsWithExitCodeOneWhenItDies() throws Exception {
        connector = Connector.create(new ConnectorSettings(name, BrokerSettings.of(broker.host(), broker.port()), false,
                false, Duration.ofSeconds(1), Duration.ofSeconds(5), Optional.empty()), new SimpleMeterRegistry(),
                context -> device);
        connector.start();
        probe.publish(Topics.datapointMap(name), Delivery.DATAPOINT_MAP,
                new DatapointMapMessage(Map.of("meter__power", Topics.value(name, 1)), Map.of()));
        Recorded<ValueMessage> values = probe.record(Topics.value(name, 1), MessageCodec::decodeValue);

        org.awaitility.Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            wire.add(JsonValues.parse("{\"meter\": {\"power\": 1.5}}"));
            return !values.all().isEmpty();
        });
        assertThat(values.messages().get(0).value().doubleValue()).isEqualTo(1.5);

        wire.add(END);
        assertThat(connector.awaitTermination(WAIT)).isTrue();
        assertThat(connector.exitCode()).isEqualTo(Connector.EXIT_FATAL);
    }
}
