package io.bemcom.connector.example;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.bemcom.connector.ConnectorContext;
import io.bemcom.connector.ConnectorMain;
import io.bemcom.connector.PollingDevice;
import io.bemcom.connector.PushDevice;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.config.Environment;
import tools.jackson.databind.JsonNode;

/**
 * The smallest complete push-and-poll connector, the SDK README's example: a thermostat that
 * answers {@code report} with its reading as JSON, sends a reading on its own whenever someone
 * turns its knob, and takes {@code setpoint <value>}. It speaks UDP; the answer to a poll and the
 * spontaneous datagrams arrive on one socket, so the poll only asks and the receive loop reads.
 */
final class UdpThermostat implements PollingDevice, PushDevice {

    private final InetSocketAddress thermostat;
    private final DatagramSocket socket;

    UdpThermostat(InetSocketAddress thermostat) throws IOException {
        this.thermostat = thermostat;
        this.socket = new DatagramSocket();
    }

    /** {@code THERMOSTAT_HOST} (required) and {@code THERMOSTAT_PORT} (default 7090). */
    static UdpThermostat create(ConnectorContext context) throws IOException {
        Environment env = context.environment();
        return new UdpThermostat(new InetSocketAddress(env.required("THERMOSTAT_HOST", "its host name or IP"),
                env.integer("THERMOSTAT_PORT", 7090)));
    }

    public static void main(String[] args) {
        ConnectorMain.run(UdpThermostat::create);
    }

    @Override
    public JsonNode read() throws IOException {
        send("report");
        return null; // the answer arrives in receive()
    }

    @Override
    public void receive(RawMessageSink sink) throws IOException {
        byte[] buffer = new byte[1500];
        while (true) {
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            socket.receive(datagram);
            if (datagram.getSocketAddress().equals(thermostat)) {
                sink.accept(JsonValues.parse(new String(buffer, 0, datagram.getLength(), StandardCharsets.UTF_8)));
            }
        }
    }

    @Override
    public JsonNode parse(JsonNode rawMessage) {
        return rawMessage; // {"room": {"temperature": 21.5, "setpoint": 21.0}} → room__temperature, room__setpoint
    }

    @Override
    public Map<String, JsonNode> actuators() {
        return Map.of("setpoint", JsonValues.of(21.0));
    }

    @Override
    public void write(String datapointId, JsonNode value, long timestamp) throws IOException {
        double setpoint = value.asDouble(Double.NaN);
        if (!(setpoint >= 5 && setpoint <= 30)) {
            throw new IllegalArgumentException("a setpoint must be a number from 5 to 30, got " + value);
        }
        send("setpoint " + setpoint);
    }

    @Override
    public void close() {
        socket.close();
    }

    private void send(String command) throws IOException {
        byte[] bytes = command.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, thermostat));
    }
}
