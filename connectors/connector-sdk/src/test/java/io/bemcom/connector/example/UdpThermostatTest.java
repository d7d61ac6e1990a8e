package io.bemcom.connector.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.bemcom.connector.Connector;
import io.bemcom.protocol.DatapointMapMessage;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.config.Environment;
import io.bemcom.protocol.mqtt.BrokerClient;
import io.bemcom.protocol.mqtt.BrokerSettings;
import io.bemcom.protocol.mqtt.ClientOptions;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The README's example connector against a thermostat on a real UDP socket and the real broker. */
class UdpThermostatTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final TestBroker broker = TestBrokers.shared();
    private final String name = TestNames.unique("thermostat");
    private final SimulatedThermostat thermostat = new SimulatedThermostat();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BrokerClient probe = BrokerClient.connect(BrokerSettings.of(broker.host(), broker.port()),
            ClientOptions.named("probe"), new SimpleMeterRegistry());
    private final List<String> values = new CopyOnWriteArrayList<>();
    private Connector connector;

    /** The thermostat: answers {@code report}, takes {@code setpoint x}, sends a reading when its knob turns. */
    static final class SimulatedThermostat implements AutoCloseable {
        final DatagramSocket socket;
        final List<String> received = new CopyOnWriteArrayList<>();
        volatile double setpoint = 21.0;
        volatile SocketAddress controller;

        SimulatedThermostat() {
            try {
                socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Thread thread = new Thread(this::serve, "simulated-thermostat");
            thread.setDaemon(true);
            thread.start();
        }

        private void serve() {
            byte[] buffer = new byte[1500];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
                    socket.receive(datagram);
                    String command = new String(buffer, 0, datagram.getLength(), StandardCharsets.UTF_8);
                    received.add(command);
                    controller = datagram.getSocketAddress();
                    if (command.startsWith("setpoint ")) {
                        setpoint = Double.parseDouble(command.substring(9));
                    } else if (command.equals("report")) {
                        sendReading();
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }

        /** Someone turns the knob: the thermostat sends its reading unasked. */
        void turnKnob(double to) {
            setpoint = to;
            sendReading();
        }

        private void sendReading() {
            byte[] reading = ("{\"room\": {\"temperature\": 20.5, \"setpoint\": " + setpoint + "}}")
                    .getBytes(StandardCharsets.UTF_8);
            try {
                socket.send(new DatagramPacket(reading, reading.length, controller));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    @AfterEach
    void stop() {
        if (connector != null) {
            connector.stop();
        }
        probe.clearRetained(Topics.availableDatapoints(name));
        probe.clearRetained(Topics.datapointMap(name));
        probe.close();
        thermostat.close();
    }

    private void start() throws Exception {
        connector = Connector.fromEnvironment(new Environment(Map.of("CONNECTOR_NAME", name,
                "MQTT_BROKER_HOST", broker.host(), "MQTT_BROKER_PORT", String.valueOf(broker.port()),
                "POLL_SECONDS", "0.5", "THERMOSTAT_HOST", "127.0.0.1",
                "THERMOSTAT_PORT", String.valueOf(thermostat.socket.getLocalPort()))), registry, UdpThermostat::create);
        connector.start();
        probe.subscribe(Topics.value(name, 2), 1, MessageCodec::decodeValue,
                message -> values.add(message.message().value().toString())).join();
        probe.publish(Topics.datapointMap(name), Delivery.DATAPOINT_MAP, new DatapointMapMessage(
                Map.of("room__setpoint", Topics.value(name, 2)), Map.of(Topics.value(name, 3), "setpoint")));
    }

    @Test
    void publishesPolledAndSpontaneousReadings() throws Exception {
        start();
        await().atMost(WAIT).until(() -> values.contains("21.0"));

        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            thermostat.turnKnob(23.5); // before the next poll, and again until the map is applied
            return values.contains("23.5");
        });
        assertThat(thermostat.received).contains("report");
    }

    @Test
    void writesTheSetpointAndReadsItBack() throws Exception {
        start();
        await().atMost(WAIT).until(() -> !values.isEmpty());

        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            probe.publish(Topics.value(name, 3), Delivery.ACTUATOR_VALUE, new ValueMessage(JsonValues.of(19.5), 1));
            return values.contains("19.5");
        });
        assertThat(thermostat.received).contains("setpoint 19.5");
    }

    @Test
    void refusesASetpointOutsideWhatTheThermostatTakes() throws Exception {
        start();
        await().atMost(WAIT).until(() -> !values.isEmpty());

        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            probe.publish(Topics.value(name, 3), Delivery.ACTUATOR_VALUE, new ValueMessage(JsonValues.of(80), 1));
            var failed = registry.find("bemcom.connector.actuator.commands").tag("result", "failed").counter();
            return failed != null && failed.count() >= 1;
        });
        assertThat(thermostat.received).noneMatch(command -> command.startsWith("setpoint 80"));
    }
}
