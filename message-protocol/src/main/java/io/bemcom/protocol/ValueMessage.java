package io.bemcom.protocol;

import tools.jackson.databind.JsonNode;

/**
 * A datapoint value: a sensor reading from a connector, or a command for an actuator.
 *
 * @param value     any JSON value; JSON {@code null} is {@code NullNode}, never Java {@code null}
 * @param timestamp ms since the epoch, UTC
 */
public record ValueMessage(JsonNode value, long timestamp) implements BemcomMessage {

    public ValueMessage {
        value = JsonValues.copy(value);
    }
}
