package io.bemcom.connector;

import tools.jackson.databind.JsonNode;

/**
 * A device the SDK reads every {@code POLL_SECONDS}, start to start, never overlapping. It may
 * also be a {@link PushDevice}, or push from callbacks through {@link ConnectorContext#push}.
 */
public interface PollingDevice extends Device {

    /**
     * Reads the device once and returns the raw message (any JSON), or {@code null} when there is
     * nothing this time. An exception is logged and counted and the next poll happens as planned;
     * throw {@link FatalDeviceException} to end the connector instead.
     */
    JsonNode read() throws Exception;
}
