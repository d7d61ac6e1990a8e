package io.bemcom.connector;

import tools.jackson.databind.JsonNode;

/**
 * A device that sends on its own and is read by a blocking loop: the SDK runs {@link #receive} on a
 * thread of its own. It may also be a {@link PollingDevice}. A device whose library calls it back
 * on the library's threads needs no loop: it hands what it got to {@link ConnectorContext#push}.
 */
public interface PushDevice extends Device {

    /**
     * Receives from the device until the thread is interrupted, handing each raw message to
     * {@code sink}. Returning ends the connector normally. A {@link FatalDeviceException} ends it
     * with a non-zero exit code; any other exception is logged and {@code receive} is called again
     * after a pause (a reconnect).
     */
    void receive(RawMessageSink sink) throws Exception;

    /** Where a push device delivers what it received. */
    @FunctionalInterface
    interface RawMessageSink {
        void accept(JsonNode rawMessage);
    }
}
