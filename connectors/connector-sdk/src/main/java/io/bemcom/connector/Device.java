package io.bemcom.connector;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * What a connector supplies: its device protocol. The SDK owns everything else (configuration,
 * broker, heartbeat, log forwarding, available datapoints, datapoint map, raw messages,
 * scheduling, retries, shutdown). Implement {@link PollingDevice} or {@link PushDevice}.
 */
public interface Device extends AutoCloseable {

    /**
     * Turns one raw message into a reading: a JSON object whose leaves are datapoint values,
     * nested as the device structures them ({@code {"read_input_registers": {"1": {"19000": 235.0}}}}).
     * The SDK flattens it with {@code __} into internal datapoint ids. Return {@code null} to skip
     * the message. An exception is logged and counted; the connector carries on.
     */
    JsonNode parse(JsonNode rawMessage) throws Exception;

    /** The actuator datapoints the device offers: internal id → example value. */
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
