package io.bemcom.api.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import io.bemcom.protocol.mqtt.BrokerClient;
import io.bemcom.protocol.mqtt.BrokerSettings;
import io.bemcom.protocol.mqtt.ClientOptions;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The monitor's broker session exists only while the page is looked at (a subscription to {@code #}
 * doubles the broker's deliveries): none after start, one after the first look (with the retained
 * state), none again after {@code MQTT_MONITOR_IDLE_SECONDS} without a look, and what it kept is
 * forgotten. Real broker.
 */
class MqttMonitorSessionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void subscribesOnlyWhileWatched() {
        TestBroker broker = TestBrokers.shared();
        String prefix = TestNames.unique("monitor-session");
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "MQTT_BROKER_HOST", broker.host(), "MQTT_BROKER_PORT", Integer.toString(broker.port()),
                "MQTT_CLIENT_ID", prefix, "MQTT_MONITOR_IDLE_SECONDS", "1")));
        MqttMonitor monitor = new MqttMonitor(environment, new SimpleMeterRegistry());
        BrokerSettings settings = new BrokerSettings(broker.host(), broker.port(), null, null, false, null);
        try (BrokerClient probe = BrokerClient.connect(settings, ClientOptions.named(prefix + "-probe"),
                new SimpleMeterRegistry())) {
            probe.publish(prefix + "/heartbeat", 1, true, "retained".getBytes(StandardCharsets.UTF_8));
            monitor.start();
            try {
                assertThat(monitor.isConnected()).as("no session before anybody looks").isFalse();

                monitor.watchAndWait(10_000);
                assertThat(monitor.isConnected()).isTrue();
                await().atMost(WAIT).untilAsserted(() -> assertThat(monitor.since(0, prefix + "/#"))
                        .extracting(MqttMonitor.LastMessage::payload).containsExactly("retained"));

                // Nobody looks for more than a second: the session is closed, its messages forgotten.
                await().atMost(WAIT).until(() -> !monitor.isConnected());
                assertThat(monitor.since(0, prefix + "/#")).isEmpty();

                monitor.watchAndWait(10_000); // a failed or closed session is opened again by the next look
                assertThat(monitor.isConnected()).isTrue();
            } finally {
                monitor.stop();
                probe.clearRetained(prefix + "/heartbeat");
            }
            assertThat(monitor.isConnected()).isFalse();
        }
    }
}
