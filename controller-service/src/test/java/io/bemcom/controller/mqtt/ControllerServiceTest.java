package io.bemcom.controller.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.bemcom.controller.ControllerSettings;
import io.bemcom.controller.testing.BrokerFixture;
import io.bemcom.controller.testing.ManualTime;
import io.bemcom.protocol.ControlledDatapoint;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.mqtt.BrokerSettings;
import io.bemcom.protocol.mqtt.ClientOptions;
import io.bemcom.testsupport.RestartableBroker;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.JsonNode;

/** The controller against a real broker, with a clock the test moves. */
class ControllerServiceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    /** A clean session with its own client id that reconnects quickly. */
    private static ClientOptions fastReconnect(String name) {
        return ClientOptions.named(name).withMaxReconnectDelay(Duration.ofMillis(500));
    }

    private final String connector = TestNames.unique("controller-test");
    private final String controlledDatapointsTopic = Topics.controlledDatapoints(TestNames.unique("controller"));
    private final ManualTime time = ManualTime.atOriginalTestsNow();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private ControlledDatapoint pair(int sensor, int actuator) {
        return new ControlledDatapoint(Topics.value(connector, sensor), Topics.value(connector, actuator),
                Topics.setpoint(connector, actuator), Topics.schedule(connector, actuator));
    }

    private ControllerService startController(TestBroker broker) {
        ControllerSettings settings = new ControllerSettings(BrokerSettings.of(broker.host(), broker.port()),
                controlledDatapointsTopic);
        ControllerService service = new ControllerService(settings, fastReconnect("controller"), time.clock(), time, registry);
        service.start();
        toClose.add(service);
        return service;
    }

    private BrokerFixture fixture(TestBroker broker) {
        BrokerFixture fixture = new BrokerFixture(broker, connector, fastReconnect("api"));
        toClose.add(fixture);
        return fixture;
    }

    private static void awaitValue(BrokerFixture api, ControlledDatapoint pair, Object expected) {
        JsonNode value = JsonValues.of(expected);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.lastSentTo(pair)).isEqualTo(value));
    }

    private static void awaitControlled(ControllerService controller, ControlledDatapoint... pairs) {
        await().atMost(PATIENCE).until(() -> controller.engine().pairs().equals(List.of(pairs)));
    }

    private double rejected(String kind) {
        return registry.find("bemcom.mqtt.messages.rejected").tag("kind", kind).counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

    @Test
    void followsItsControlledDatapointsTopicAndSubscribesEveryPairsTopics() {
        TestBroker broker = TestBrokers.shared();
        BrokerFixture api = fixture(broker);
        ControllerService controller = startController(broker);
        ControlledDatapoint pair = pair(1, 2);

        api.controlledDatapoints(controlledDatapointsTopic, pair);

        awaitControlled(controller, pair);
        assertThat(controller.broker().isConnected()).isTrue();
        assertThat(controller.broker().isSubscribed(controlledDatapointsTopic)).isTrue();
        assertThat(controller.broker().isSubscribed(pair.sensorValueTopic())).isTrue();
        assertThat(controller.broker().isSubscribed(pair.actuatorSetpointTopic())).isTrue();
        assertThat(controller.broker().isSubscribed(pair.actuatorScheduleTopic())).isTrue();
        assertThat(controller.broker().isSubscribed(pair.actuatorValueTopic())).isFalse();
    }

    @Test
    void drivesTheActuatorFromSetpointScheduleAndSensorValues() {
        TestBroker broker = TestBrokers.shared();
        BrokerFixture api = fixture(broker);
        ControllerService controller = startController(broker);
        ControlledDatapoint pair = pair(1, 2);
        api.controlledDatapoints(controlledDatapointsTopic, pair);
        awaitControlled(controller, pair);

        api.setpoint(pair, "[{\"from_timestamp\": null, \"to_timestamp\": null, \"preferred_value\": 21.0, "
                + "\"min_value\": 19.0, \"max_value\": 23.0}]");
        awaitValue(api, pair, 21.0);
        api.schedule(pair, "[{\"from_timestamp\": null, \"to_timestamp\": null, \"value\": 18.0}]");
        awaitValue(api, pair, 18.0);
        api.sensor(pair, "25.0");
        awaitValue(api, pair, 21.0);
        api.sensor(pair, "\"20.0\"");
        awaitValue(api, pair, 18.0);

        long start = time.now();
        api.schedule(pair, "[{\"from_timestamp\": " + (start + 1000) + ", \"to_timestamp\": null, \"value\": 17.5}]");
        await().atMost(PATIENCE).until(() -> time.pendingWakeUp() == start + 1000);
        time.advanceMillis(1000);
        awaitValue(api, pair, 17.5);

        assertThat(api.valuesSentTo(pair)).containsExactly(JsonValues.of(21.0), JsonValues.of(18.0),
                JsonValues.of(21.0), JsonValues.of(18.0), JsonValues.of(17.5));
    }

    @Test
    void picksUpRetainedStateWhenItStartsAfterTheApi() {
        TestBroker broker = TestBrokers.shared();
        BrokerFixture api = fixture(broker);
        ControlledDatapoint pair = pair(1, 2);
        api.controlledDatapoints(controlledDatapointsTopic, pair);
        api.setpoint(pair, "[{\"from_timestamp\": null, \"to_timestamp\": null, \"preferred_value\": \"eco\", "
                + "\"acceptable_values\": [\"eco\", \"comfort\"]}]");
        api.schedule(pair, "[{\"from_timestamp\": null, \"to_timestamp\": null, \"value\": \"comfort\"}]");
        api.sensor(pair, "\"off\"");

        startController(broker);

        awaitValue(api, pair, "eco");
    }

    @Test
    void followsChangesOfTheControlledDatapointsAndControlsNothingWhenTheyAreCleared() {
        TestBroker broker = TestBrokers.shared();
        BrokerFixture api = fixture(broker);
        ControllerService controller = startController(broker);
        ControlledDatapoint first = pair(1, 2);
        ControlledDatapoint second = pair(3, 4);
        api.controlledDatapoints(controlledDatapointsTopic, first);
        awaitControlled(controller, first);

        api.controlledDatapoints(controlledDatapointsTopic, second);
        awaitControlled(controller, second);
        assertThat(controller.broker().isSubscribed(first.actuatorSetpointTopic())).isFalse();
        api.setpoint(first, "[{\"from_timestamp\": null, \"to_timestamp\": null, \"preferred_value\": 1}]");
        api.setpoint(second, "[{\"from_timestamp\": null, \"to_timestamp\": null, \"preferred_value\": 2}]");
        awaitValue(api, second, 2);

        api.clearControlledDatapoints(controlledDatapointsTopic);
        awaitControlled(controller);
        api.setpoint(second, "[{\"from_timestamp\": null, \"to_timestamp\": null, \"preferred_value\": 3}]");
        await().pollDelay(Duration.ofMillis(500)).until(() -> true);

        assertThat(api.valuesSentTo(first)).isEmpty();
        assertThat(api.valuesSentTo(second)).containsExactly(JsonValues.of(2));
        assertThat(controller.broker().isSubscribed(second.actuatorSetpointTopic())).isFalse();
    }

    @Test
    void skipsMalformedMessagesOnEveryTopicAndCarriesOn() {
        TestBroker broker = TestBrokers.shared();
        BrokerFixture api = fixture(broker);
        ControllerService controller = startController(broker);
        ControlledDatapoint pair = pair(1, 2);
        api.controlledDatapoints(controlledDatapointsTopic, pair);
        awaitControlled(controller, pair);
        api.setpoint(pair, "[{\"from_timestamp\": null, \"to_timestamp\": null, \"preferred_value\": 1}]");
        awaitValue(api, pair, 1);

        api.raw(controlledDatapointsTopic, "{\"not\": \"a list\"}");
        api.raw(controlledDatapointsTopic, "[{\"sensor\": 5}]");
        api.raw(pair.sensorValueTopic(), "{not json");
        api.raw(pair.sensorValueTopic(), "{\"value\": 1}");
        api.raw(pair.actuatorSetpointTopic(), "{\"setpoint\": 5, \"timestamp\": 1}");
        api.raw(pair.actuatorSetpointTopic(), "{\"setpoint\": [{\"from_timestamp\": null}], \"timestamp\": 1}");
        api.raw(pair.actuatorScheduleTopic(), "[1, 2, 3]");
        api.raw(pair.actuatorScheduleTopic(),
                "{\"schedule\": [{\"from_timestamp\": \"soon\", \"to_timestamp\": null, \"value\": 1}], \"timestamp\": 1}");
        api.setpoint(pair, "[{\"from_timestamp\": null, \"to_timestamp\": null, \"preferred_value\": 2}]");

        awaitValue(api, pair, 2);
        assertThat(controller.engine().pairs()).containsExactly(pair);
        assertThat(rejected("controlled_datapoints")).isEqualTo(2.0);
        assertThat(rejected("value")).isEqualTo(2.0);
        assertThat(rejected("setpoint")).isEqualTo(2.0);
        assertThat(rejected("schedule")).isEqualTo(2.0);
        assertThat(registry.get("bemcom.controller.actuator.values.sent").counter().count()).isEqualTo(2.0);
    }

    @Test
    void carriesOnAfterTheBrokerRestarts() {
        try (RestartableBroker broker = TestBrokers.restartable()) {
            BrokerFixture api = fixture(broker);
            ControllerService controller = startController(broker);
            ControlledDatapoint pair = pair(1, 2);
            api.controlledDatapoints(controlledDatapointsTopic, pair);
            awaitControlled(controller, pair);
            api.setpoint(pair, "[{\"from_timestamp\": null, \"to_timestamp\": null, \"preferred_value\": 1}]");
            awaitValue(api, pair, 1);

            broker.stop();
            await().atMost(PATIENCE).until(() -> !controller.broker().isConnected());
            broker.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> controller.broker().isConnected() && api.isConnected());

            // The test broker keeps nothing across a restart: the controller keeps its configuration
            // and restores its subscriptions. Publish until a restored subscription sees it.
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                api.raw(pair.actuatorSetpointTopic(), "{\"setpoint\": [{\"from_timestamp\": null, "
                        + "\"to_timestamp\": null, \"preferred_value\": 2}], \"timestamp\": 1}");
                assertThat(api.lastSentTo(pair)).isEqualTo(JsonValues.of(2));
            });
            assertThat(registry.get("bemcom.mqtt.reconnects").counter().count()).isGreaterThanOrEqualTo(1.0);
        }
    }
}
