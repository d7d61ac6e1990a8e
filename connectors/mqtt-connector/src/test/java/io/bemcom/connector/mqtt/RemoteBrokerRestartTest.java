package io.bemcom.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.bemcom.connector.testkit.ConnectorRun;
import io.bemcom.connector.testkit.MqttProbe;
import io.bemcom.connector.testkit.Recorded;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.mqtt.BrokerClient;
import io.bemcom.protocol.mqtt.BrokerSettings;
import io.bemcom.protocol.mqtt.ClientOptions;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A remote broker (Mosquitto keeping its sessions on disk) that restarts while a device publishes a
 * stream of QoS 1 messages: with {@code REMOTE_MQTT_BROKER_CLIENT_ID} set, the bridge's session —
 * its subscription and the messages queued for it — outlives the restart, so every message sent
 * reaches BEMCom.
 */
class RemoteBrokerRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int MESSAGES = 300;

    private final TestBroker broker = TestBrokers.shared();
    private final String name = TestNames.unique("mqtt-restart");
    private final String topic = "plant/" + name + "/counter";
    private RemoteMosquitto remote;
    private MqttProbe probe;
    private ConnectorRun run;
    private BrokerClient device;

    @BeforeEach
    void startRemote() {
        assumeTrue(RemoteMosquitto.installed(), "Mosquitto is not installed: no remote broker that keeps its sessions"
                + " across a restart");
        remote = RemoteMosquitto.configure().persistent();
        remote.start();
        probe = MqttProbe.connect(broker);
    }

    @AfterEach
    void stop() throws Exception {
        BridgeRuns.closeAll(run, device, probe, remote);
    }

    @Test
    void losesNothingWhenTheRemoteBrokerRestartsMidStream() throws Exception {
        run = BridgeRuns.start(name, broker, remote, "{\"sensor_topics\": {\"plant/" + name + "/+\": {}},"
                + " \"actuator_topics\": {}}", "REMOTE_MQTT_BROKER_CLIENT_ID", name + "-bridge");
        Recorded<ValueMessage> values = probe.record(name + "/messages/+/value", MessageCodec::decodeValue);
        probe.mapDatapoints(name, List.of(topic), List.of());
        // The device keeps its own session too, so that what it sent while the broker went down is sent again.
        device = BrokerClient.connect(BrokerSettings.of(remote.host(), remote.port()),
                ClientOptions.persistent(name + "-device"), new SimpleMeterRegistry());
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            device.publish(topic, 1, false, "warm-up".getBytes(StandardCharsets.UTF_8));
            return values.messages().stream().anyMatch(v -> v.value().asString().equals("warm-up"));
        });

        AtomicInteger sent = new AtomicInteger();
        Thread stream = new Thread(() -> {
            for (int i = 1; i <= MESSAGES; i++) {
                if (device.publish(topic, 1, false, Integer.toString(i).getBytes(StandardCharsets.UTF_8))) {
                    sent.incrementAndGet();
                }
                pause(10);
            }
        }, "remote-device-stream");
        stream.start();
        await().atMost(WAIT).until(() -> sent.get() >= MESSAGES / 3);
        remote.stop();
        pause(1_000);
        remote.start();
        stream.join(WAIT.toMillis());

        assertThat(sent.get()).as("messages the device sent (QoS 1)").isEqualTo(MESSAGES);
        Set<Integer> expected = java.util.stream.IntStream.rangeClosed(1, MESSAGES).boxed().collect(Collectors.toSet());
        await().atMost(WAIT).until(() -> received(values).containsAll(expected));
        assertThat(received(values)).containsAll(expected);
        assertThat(run.registry().get("bemcom.mqtt.remote.reconnects").counter().count()).isPositive();
        assertThat(remote.log()).as("the broker saved and restored its sessions").doesNotContain("Error");
    }

    private static Set<Integer> received(Recorded<ValueMessage> values) {
        return values.messages().stream().map(v -> v.value().asString()).filter(text -> text.matches("\\d+"))
                .map(Integer::valueOf).collect(Collectors.toCollection(TreeSet::new));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
