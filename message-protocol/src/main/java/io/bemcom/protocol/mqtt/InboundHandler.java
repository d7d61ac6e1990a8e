package io.bemcom.protocol.mqtt;

/**
 * Handles messages of one subscription. It runs on the client's single delivery thread, so it
 * should hand long work to another thread. Anything it throws is logged and counted by the
 * client; the message is then acknowledged so that it cannot block the subscription forever.
 */
@FunctionalInterface
public interface InboundHandler<T> {
    void handle(InboundMessage<T> message) throws Exception;
}
