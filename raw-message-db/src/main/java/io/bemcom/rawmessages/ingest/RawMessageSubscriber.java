package io.bemcom.rawmessages.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bemcom.protocol.mqtt.BrokerClient;
import io.bemcom.protocol.mqtt.BrokerSettings;
import io.bemcom.protocol.mqtt.ClientOptions;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.protocol.mqtt.InboundMessage;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Takes every raw message from the broker into the {@link RawMessageWriter}.
 *
 * <p>A persistent session with a fixed client id: the broker keeps what arrives while the service
 * is away, and delivers again whatever was not acknowledged. The subscription is QoS 1 even though
 * the original's connectors publish with QoS 2: with QoS 1 the broker forgets a message only after
 * the acknowledgement we send once it is stored, whereas a QoS 2 receiver confirms receipt first.
 */
public final class RawMessageSubscriber implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RawMessageSubscriber.class);
    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(10);

    private final BrokerClient broker;
    private final String topicFilter;
    private final RawMessageIntake intake;
    private final RawMessageWriter writer;

    public RawMessageSubscriber(BrokerSettings brokerSettings, ClientOptions options, String topicFilter,
                                RawMessageWriter writer, Clock clock, MeterRegistry registry) {
        this.broker = new BrokerClient(brokerSettings, options, registry);
        this.topicFilter = topicFilter;
        this.intake = new RawMessageIntake(clock);
        this.writer = writer;
    }

    /**
     * Subscribes and connects (in that order: the session's queued messages need the handler),
     * then waits until the broker confirms the subscription, so that what connectors publish from
     * now on is kept for us even on the very first start.
     */
    public void start() {
        broker.subscribeBytes(topicFilter, Delivery.RAW_MESSAGE.qos(), this::take);
        broker.connect();
        // The broker client sends the subscriptions made before connecting from its connect
        // callback, without a way to wait for them; once it reports the connection, subscribing
        // again (idempotent for the broker) returns the broker's confirmation.
        try {
            awaitConnected();
            broker.subscribeBytes(topicFilter, Delivery.RAW_MESSAGE.qos(), this::take)
                    .get(SUBSCRIBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("The broker has not confirmed the subscription to '{}' yet ({}); it is retried after "
                    + "every reconnect.", topicFilter, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Storing raw messages from '{}'.", topicFilter);
    }

    private void awaitConnected() throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + SUBSCRIBE_TIMEOUT.toNanos();
        while (!broker.isConnected()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("not connected after " + SUBSCRIBE_TIMEOUT);
            }
            Thread.sleep(10);
        }
    }

    public boolean isConnected() {
        return broker.isConnected();
    }

    @Override
    public void close() {
        broker.close();
    }

    private void take(InboundMessage<byte[]> message) throws InterruptedException {
        writer.submit(intake.accept(message));
    }
}
