package io.bemcom.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.config.Environment;

/** The broker side of a connector test: the environment a connector gets, its values, commands, cleanup. */
class ConnectorOnBrokerTest {

    private final ConnectorOnBroker mqtt = new ConnectorOnBroker("on-broker")
            .withDefaults("FAMILY_TIMEOUT", "1", "DEVICE_HOST", "family-default")
            .without("HEARTBEAT_INTERVAL_SECONDS");
    private final AtomicReference<Environment> seen = new AtomicReference<>();
    private TinyDevice device;

    @AfterEach
    void stop() {
        mqtt.close();
    }

    private ConnectorRun start(String... extraVariables) {
        return mqtt.start(context -> {
            seen.set(context.environment());
            device = new TinyDevice();
            return device;
        }, Map.of("DEVICE_HOST", "127.0.0.1", "DEVICE_PORT", "502"), extraVariables);
    }

    @Test
    void startsWithTheKitsDefaultsThenTheFixturesThenTheDevicesThenTheExtraVariables() {
        start("DEVICE_PORT", "503");

        Environment env = seen.get();
        assertThat(env.optional("CONNECTOR_NAME")).contains(mqtt.name());
        assertThat(env.optional("POLL_SECONDS")).contains("0.2");
        assertThat(env.optional("HEARTBEAT_INTERVAL_SECONDS")).as("left out").isEmpty();
        assertThat(env.optional("FAMILY_TIMEOUT")).contains("1");
        assertThat(env.optional("DEVICE_HOST")).as("the device's variable wins").contains("127.0.0.1");
        assertThat(env.optional("DEVICE_PORT")).as("an extra variable wins").contains("503");
    }

    @Test
    void recordsValuesByMappedIdAndSendsCommandsUntilTheyArrive() {
        ConnectorRun run = start();
        DatapointTopics topics = mqtt.map(List.of("room__temperature"), List.of("heater__on"));

        assertThat(mqtt.awaitValue("room__temperature").doubleValue()).isEqualTo(21.5);
        assertThat(topics.sensor("room__temperature")).isEqualTo(Topics.value(mqtt.name(), 1));
        mqtt.command("heater__on", JsonValues.of(true), () -> !device.writes.isEmpty());
        assertThat(device.writes.get(0).datapointId()).isEqualTo("heater__on");
        assertThat(mqtt.run()).isSameAs(run);
    }

    @Test
    void closeStopsTheConnectorAndMayBeCalledAgain() {
        start();
        mqtt.map(List.of("room__temperature"), List.of());
        mqtt.awaitValue("room__temperature");

        mqtt.close();

        assertThat(device.closed).isTrue();
        mqtt.close(); // and @AfterEach once more
    }
}
