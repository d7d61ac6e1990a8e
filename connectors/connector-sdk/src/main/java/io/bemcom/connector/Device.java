package io.bemcom.connector;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * What a connector supplies: its device protocol. The SDK owns everything else (configuration,
 * broker, heartbeat, log forwarding, available datapoints, datapoint map, raw messages,
 * scheduling, retries, shutdown).
 *
 * <p>How readings arrive is the device's choice, and it may combine them:
 * <ul>
 *   <li>{@link PollingDevice}: the SDK calls {@code read()} every {@code POLL_SECONDS};</li>
 *   <li>{@link PushDevice}: the SDK runs a blocking {@code receive(sink)} loop on a thread of its own;</li>
 *   <li>callbacks: a library calls the device on its own threads, and the device hands what it got to
 *       {@link ConnectorContext#push}.</li>
 * </ul>
 * All three feed one sensor flow, in arrival order.
 */
public interface Device extends AutoCloseable {

    /**
     * Runs once when the connector starts, after the broker connection and log forwarding are up
     * and before the first poll: log configuration warnings, open servers, register callbacks.
     * It must not fail because the device is away (readings retry by themselves); an exception here
     * ends the connector, with exit code 2 for a {@link io.bemcom.protocol.config.ConfigurationException}
     * and 1 otherwise.
     */
    default void start(ConnectorContext context) throws Exception {
    }

    /**
     * Turns one raw message into a reading: a JSON object whose leaves are datapoint values,
     * nested as the device structures them ({@code {"read_input_registers": {"1": {"19000": 235.0}}}}).
     * The SDK flattens it with {@code __} into internal datapoint ids. Return {@code null} to skip
     * the message. An exception is logged and counted; the connector carries on.
     */
    JsonNode parse(JsonNode rawMessage) throws Exception;

    /**
     * The actuator datapoints the device offers from the start: internal id → example value. More
     * can be offered later with {@link ConnectorContext#offerActuators}.
     */
    default Map<String, JsonNode> actuators() {
        return Map.of();
    }

    /**
     * Writes {@code value} to the actuator datapoint {@code datapointId}. Called off the broker's
     * thread, one command at a time in arrival order, with a timeout. An exception is logged and
     * counted, never fatal.
     *
     * @param timestamp when the command was issued (ms since the epoch)
     */
    default void write(String datapointId, JsonNode value, long timestamp) throws Exception {
        throw new UnsupportedOperationException("this connector has no actuators");
    }

    /** Releases the device connection; called once when the connector stops. */
    @Override
    default void close() throws Exception {
    }
}
