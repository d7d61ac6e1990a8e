package io.bemcom.protocol.mqtt;

/**
 * A message taken from the broker, already decoded.
 *
 * @param topic    the topic it arrived on
 * @param message  the decoded message (or the raw bytes for byte subscriptions)
 * @param retained whether the broker delivered it as a retained message
 * @param ack      tells the broker the message is handled. In a client with manual
 *                 acknowledgement the broker redelivers, after a reconnect, every QoS 1/2 message
 *                 that was never acknowledged; otherwise calling it does nothing.
 */
public record InboundMessage<T>(String topic, T message, boolean retained, Acknowledgement ack) {

    /** Acknowledges the message; calling it more than once has no further effect. */
    public void acknowledge() {
        ack.acknowledge();
    }

    @FunctionalInterface
    public interface Acknowledgement {
        void acknowledge();
    }
}
