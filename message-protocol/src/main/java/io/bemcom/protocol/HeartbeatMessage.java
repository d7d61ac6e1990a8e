package io.bemcom.protocol;

/**
 * A connector's heartbeat: the promise that the next one comes before
 * {@code nextHeartbeatsTimestamp}; the API shows the connector alive while now is not past it.
 */
public record HeartbeatMessage(long thisHeartbeatsTimestamp, long nextHeartbeatsTimestamp) implements BemcomMessage {
}
