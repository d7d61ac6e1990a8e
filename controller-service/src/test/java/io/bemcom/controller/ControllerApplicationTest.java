package io.bemcom.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.bemcom.controller.mqtt.ControllerService;
import io.bemcom.controller.testing.BrokerFixture;
import io.bemcom.protocol.ControlledDatapoint;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.mqtt.ClientOptions;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;

/** The application as it runs: configured by variables, started and stopped with its context. */
@SpringBootTest
class ControllerApplicationTest {

    private static final TestBroker BROKER = TestBrokers.shared();
    private static final String CONTROLLER_TOPIC = Topics.controlledDatapoints(TestNames.unique("app-controller"));
    private static final String CONNECTOR = TestNames.unique("app-test");

    @DynamicPropertySource
    static void variables(DynamicPropertyRegistry registry) {
        registry.add("MQTT_BROKER_HOST", BROKER::host);
        registry.add("MQTT_BROKER_PORT", BROKER::port);
        registry.add("MQTT_TOPIC_CONTROLLED_DATAPOINTS", () -> CONTROLLER_TOPIC);
    }

    @Autowired
    private ControllerService controller;

    @Autowired
    private ControllerSettings settings;

    private final BrokerFixture api = new BrokerFixture(BROKER, CONNECTOR, ClientOptions.named("app-test-api"));

    @AfterEach
    void closeFixture() {
        api.close();
    }

    @Test
    void readsItsVariablesAndControlsWhatTheApiConfigures() {
        assertThat(settings.controlledDatapointsTopic()).isEqualTo(CONTROLLER_TOPIC);
        assertThat(controller.broker().isConnected()).isTrue();
        ControlledDatapoint pair = new ControlledDatapoint(Topics.value(CONNECTOR, 1), Topics.value(CONNECTOR, 2),
                Topics.setpoint(CONNECTOR, 2), Topics.schedule(CONNECTOR, 2));

        api.controlledDatapoints(CONTROLLER_TOPIC, pair);
        api.schedule(pair, "[{\"from_timestamp\": null, \"to_timestamp\": null, \"value\": \"heat\"}]");

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(api.lastSentTo(pair)).isEqualTo(JsonValues.of("heat")));
    }
}
