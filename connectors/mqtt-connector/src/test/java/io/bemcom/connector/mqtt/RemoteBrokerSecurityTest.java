package io.bemcom.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bemcom.connector.testkit.ConnectorRun;
import io.bemcom.connector.testkit.MqttProbe;
import io.bemcom.connector.testkit.Recorded;
import io.bemcom.protocol.LogMessage;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.RawMessage;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.mqtt.BrokerClient;
import io.bemcom.protocol.mqtt.BrokerSettings;
import io.bemcom.protocol.mqtt.ClientOptions;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The remote broker over TLS (a CA of the test's own, given as PEM text as the original took it, or
 * as a file) and with a password, which appears in no log, raw message or error.
 */
class RemoteBrokerSecurityTest {

    private static final Duration WAIT = ConnectorRun.waitLimit();
    private static final String PASSWORD = "s3cret-Bridge-Pa55";

    @TempDir
    static Path certificates;
    private static TestCertificates tls;

    private final TestBroker broker = TestBrokers.shared();
    private final String name = TestNames.unique("mqtt-secure");
    private final String topic = "secure/" + name + "/power";
    private RemoteMosquitto remote;
    private MqttProbe probe;
    private Recorded<ValueMessage> values;
    private Recorded<LogMessage> logs;
    private ConnectorRun run;
    private BrokerClient device;

    @BeforeAll
    static void certificateAuthority() {
        assumeTrue(RemoteMosquitto.installed(), "Mosquitto is not installed: no TLS or password remote broker");
        tls = TestCertificates.create(certificates);
    }

    @AfterEach
    void stop() throws Exception {
        BridgeRuns.closeAll(run, device, probe, remote);
    }

    private void startRemote(RemoteMosquitto configured) {
        remote = configured;
        remote.start();
        probe = MqttProbe.connect(broker);
        values = probe.record(name + "/messages/+/value", MessageCodec::decodeValue);
        logs = probe.record(Topics.logs(name), MessageCodec::decodeLog);
    }

    private void startBridge(String... variables) {
        run = BridgeRuns.start(name, broker, remote, "{\"sensor_topics\": {\"" + topic + "\": {}}, \"actuator_topics\": {}}",
                variables);
        probe.mapDatapoints(name, List.of(topic), List.of());
    }

    private void awaitBridged(BrokerSettings deviceSettings) {
        device = BrokerClient.connect(deviceSettings, ClientOptions.named("device"), new SimpleMeterRegistry());
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            device.publish(topic, 1, false, "230".getBytes(StandardCharsets.UTF_8));
            return values.messages().stream().anyMatch(v -> v.value().asString().equals("230"));
        });
    }

    private BrokerSettings tlsDevice() {
        return new BrokerSettings(remote.host(), remote.port(), null, null, true, tls.caPem());
    }

    @Test
    void bridgesOverTlsWithTheCaGivenAsPemTextAsTheOriginalTookIt() {
        startRemote(RemoteMosquitto.configure().tls(tls.serverPem(), tls.serverKey()));
        startBridge("REMOTE_MQTT_BROKER_USE_TLS", "TRUE", "REMOTE_MQTT_BROKER_CA_FILE", tls.caText());

        awaitBridged(tlsDevice());
    }

    @Test
    void bridgesOverTlsWithThePathOfACaFile() {
        startRemote(RemoteMosquitto.configure().tls(tls.serverPem(), tls.serverKey()));
        startBridge("REMOTE_MQTT_BROKER_USE_TLS", "TRUE", "REMOTE_MQTT_BROKER_CA_FILE", tls.caPem().toString());

        awaitBridged(tlsDevice());
    }

    @Test
    void refusesABrokerWhoseCertificateItsCaDidNotSignAndKeepsRunning() throws Exception {
        startRemote(RemoteMosquitto.configure().tls(tls.serverPem(), tls.serverKey()));
        startBridge("REMOTE_MQTT_BROKER_USE_TLS", "TRUE", "REMOTE_MQTT_BROKER_CA_FILE",
                java.nio.file.Files.readString(tls.strangerPem()));

        LogMessage refused = logs.await(m -> m.message().msg().contains("The remote MQTT broker cannot be reached"), WAIT)
                .message();
        assertThat(refused.msg()).contains("ssl://");
        assertThat(run.failedReadings()).isPositive();
        assertThat(run.connector().awaitTermination(Duration.ofSeconds(1))).as("the connector keeps running").isFalse();
    }

    @Test
    void logsInWithUsernameAndPasswordAndShowsThePasswordNowhere() {
        startRemote(RemoteMosquitto.configure().withPassword("bridge", PASSWORD));
        Recorded<RawMessage> raw = probe.record(Topics.rawMessageToDb(name), MessageCodec::decodeRawMessage);
        startBridge("REMOTE_MQTT_BROKER_USERNAME", "bridge", "REMOTE_MQTT_BROKER_PASSWORD", PASSWORD,
                "SEND_RAW_MESSAGE_TO_DB", "TRUE", "DEBUG", "TRUE");

        awaitBridged(new BrokerSettings(remote.host(), remote.port(), "bridge", PASSWORD, false, null));

        assertThat(logs.messages()).isNotEmpty().noneMatch(m -> m.msg().contains(PASSWORD));
        assertThat(raw.messages()).isNotEmpty().noneMatch(m -> m.rawMessage().toString().contains(PASSWORD));
        assertThat(logs.messages()).anyMatch(m -> m.msg().contains("Bridging tcp://"));
    }

    @Test
    void reportsAWrongPasswordWithoutShowingIt() {
        startRemote(RemoteMosquitto.configure().withPassword("bridge", "the-right-one"));
        startBridge("REMOTE_MQTT_BROKER_USERNAME", "bridge", "REMOTE_MQTT_BROKER_PASSWORD", PASSWORD, "DEBUG", "TRUE");

        LogMessage refused = logs.await(m -> m.message().msg().contains("The remote MQTT broker cannot be reached"), WAIT)
                .message();

        assertThat(refused.msg()).contains("authori").doesNotContain(PASSWORD);
        assertThat(logs.messages()).noneMatch(m -> m.msg().contains(PASSWORD));
    }
}
