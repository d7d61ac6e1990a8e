package io.bemcom.connector.knx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bemcom.connector.knx.simulator.Knxd;
import io.bemcom.connector.testkit.DatapointTopics;
import io.bemcom.connector.testkit.ConnectorOnBroker;
import io.bemcom.connector.testkit.ConnectorRun;
import io.bemcom.protocol.JsonValues;
import tools.jackson.databind.JsonNode;

/**
 * The connector over UDP tunnelling against Debian's knxd, with {@code knxtool} as an independent
 * device on knxd's bus: what knxtool writes arrives over MQTT, what arrives over MQTT knxtool sees on
 * the bus. Skipped where knxd is not installed ({@code .ci/run} installs it).
 */
class KnxdTest {

    private static final Duration WAIT = ConnectorRun.waitLimit();
    private static final String DATAPOINTS = """
            {"sensor": {"1/2/1": "DPST-1-1", "1/2/3": "DPST-3-7", "1/2/9": "DPST-9-1", "1/2/10": "DPST-10-1",
                        "1/2/11": "DPST-11-1", "1/1234": "DPST-7-1"},
             "actuator": {"1/3/1": "DPST-1-1", "1/3/3": "DPST-3-7", "1/3/9": "DPST-9-1", "1/3/10": "DPST-10-1",
                          "1/3/11": "DPST-11-1"}}""";

    @TempDir
    Path dir;

    private Knxd knxd;
    private ConnectorOnBroker mqtt;
    private ConnectorRun run;

    /**
     * Awaitility, but not failing on another thread's uncaught exception (its default): when knxd
     * restarts, the heartbeat thread Calimero 3.0-M1 starts for a tunnel that is closed at that moment
     * dies with a NullPointerException (it asks the closed socket for its local address, which is
     * then null). That thread is Calimero's and would end anyway; the connector opens a new tunnel
     * with a heartbeat of its own, which is what the tests check.
     */
    private static ConditionFactory await() {
        return Awaitility.await().dontCatchUncaughtExceptions();
    }

    @BeforeEach
    void startKnxd() {
        assumeTrue(Knxd.installed(), "knxd and knxtool are not installed (apt-get install knxd knxd-tools)");
        knxd = Knxd.start(dir);
        mqtt = new ConnectorOnBroker("knxd");
    }

    @AfterEach
    void stop() {
        if (mqtt != null) {
            mqtt.close();
        }
        if (knxd != null) {
            knxd.close();
        }
    }

    private void start(String... extraVariables) {
        run = mqtt.start(KnxDevice::create, Map.of("KNX_GATEWAY_HOST", "127.0.0.1",
                "KNX_GATEWAY_PORT", String.valueOf(knxd.port()), "KNX_TUNNEL_PROTOCOL", "UDP",
                "KNX_DATAPOINTS", DATAPOINTS), extraVariables);
        mqtt.logs().await(m -> m.message().msg().startsWith("Connected to the KNX gateway 127.0.0.1:" + knxd.port()
                + " over UDP"), WAIT);
    }

    /** Maps every id of {@link #DATAPOINTS} to a topic of its own; the topics by id. */
    private DatapointTopics mapAll() {
        JsonNode datapoints = JsonValues.parse(DATAPOINTS);
        return mqtt.map(datapoints.get("sensor").propertyNames(), datapoints.get("actuator").propertyNames());
    }

    /** Lets knxtool write until the value reaches {@code topic} (the map may not be applied yet). */
    private JsonNode writeOnTheBus(Runnable write, String topic) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            write.run();
            return mqtt.values().topics().contains(topic);
        });
        return mqtt.values().await(m -> m.topic().equals(topic), WAIT).message().value();
    }

    /** Publishes a command until knxtool sees {@code line} on the bus. */
    private void commandSeenOnTheBus(String topic, JsonNode value, List<String> bus, String line) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            mqtt.probe().command(topic, value);
            return bus.stream().anyMatch(seen -> seen.matches("Write from [0-9.]+ to " + line));
        });
    }

    @Test
    void aGroupWriteOfAnotherDeviceArrivesAsAValueOverMqtt() {
        start();
        DatapointTopics topics = mapAll();

        assertThat(writeOnTheBus(() -> knxd.groupWrite("1/2/9", "07", "89"), topics.of("1/2/9")).doubleValue())
                .isEqualTo(19.29);
        assertThat(writeOnTheBus(() -> knxd.groupSmallWrite("1/2/1", "1"), topics.of("1/2/1")))
                .isEqualTo(JsonValues.of(true));
        assertThat(writeOnTheBus(() -> knxd.groupSmallWrite("1/2/3", "B"), topics.of("1/2/3")))
                .isEqualTo(JsonValues.of(3));
        assertThat(writeOnTheBus(() -> knxd.groupWrite("1/2/10", "2D", "1E", "00"), topics.of("1/2/10")))
                .isEqualTo(JsonValues.of("Mon, 13:30:00"));
        assertThat(writeOnTheBus(() -> knxd.groupWrite("1/2/11", "1F", "0C", "15"), topics.of("1/2/11")))
                .isEqualTo(JsonValues.of("2021-12-31"));
        // knxtool writes the address main/middle/sub; the id stays as configured (1/1234 is 1/4/210).
        assertThat(writeOnTheBus(() -> knxd.groupWrite("1/4/210", "12", "34"), topics.of("1/1234")))
                .isEqualTo(JsonValues.of(4660));
    }

    @Test
    void anActuatorValueFromMqttIsSeenOnTheBusByAnotherDeviceAndItsStatusComesBackAlsoInNatMode() {
        start("KNX_UDP_NAT", "TRUE");
        DatapointTopics topics = mapAll();
        List<String> bus = knxd.listen();

        commandSeenOnTheBus(topics.of("1/3/9"), JsonValues.of(21.5), bus, "1/3/9: 0C 33");
        // ... and back: the device reports its new state on its status address, as a KNX actuator does.
        assertThat(writeOnTheBus(() -> knxd.groupWrite("1/2/9", "0C", "33"), topics.of("1/2/9")).doubleValue())
                .isEqualTo(21.5);
        commandSeenOnTheBus(topics.of("1/3/1"), JsonValues.of(true), bus, "1/3/1: 01");
        commandSeenOnTheBus(topics.of("1/3/3"), JsonValues.of(-3), bus, "1/3/3: 03");
        commandSeenOnTheBus(topics.of("1/3/10"), JsonValues.of("Fri, 18:00:30"), bus, "1/3/10: B2 00 1E");
        commandSeenOnTheBus(topics.of("1/3/11"), JsonValues.of("2021-12-31"), bus, "1/3/11: 1F 0C 15");
    }

    @Test
    void skipsGroupReadsAndValuesThatDoNotFitTheirType() {
        start();
        DatapointTopics topics = mapAll();
        writeOnTheBus(() -> knxd.groupWrite("1/2/9", "07", "89"), topics.of("1/2/9"));

        knxd.groupRead("1/2/9");
        knxd.groupWrite("1/2/9", "07", "89", "00");
        knxd.groupSmallWrite("1/2/10", "1");

        await().atMost(WAIT).until(() -> run.readings("parse_failed") >= 2);
        mqtt.values().clear();
        assertThat(writeOnTheBus(() -> knxd.groupWrite("1/2/9", "0C", "33"), topics.of("1/2/9")).doubleValue())
                .isEqualTo(21.5);
        assertThat(run.connector().exitCode()).isZero();
    }

    @Test
    void reconnectsWhenAWriteFindsKnxdRestarted() {
        start();
        DatapointTopics topics = mapAll();
        writeOnTheBus(() -> knxd.groupWrite("1/2/9", "07", "89"), topics.of("1/2/9"));

        // knxd forgets its tunnels without telling them; the connector learns it when a write goes unanswered.
        knxd.restart();
        List<String> bus = knxd.listen();
        commandSeenOnTheBus(topics.of("1/3/1"), JsonValues.of(true), bus, "1/3/1: 01");

        assertThat(run.failedReadings()).as("the lost tunnel was counted").isGreaterThanOrEqualTo(1);
        mqtt.values().clear();
        assertThat(writeOnTheBus(() -> knxd.groupWrite("1/2/9", "0C", "33"), topics.of("1/2/9")).doubleValue())
                .isEqualTo(21.5);
    }
}
