package io.bemcom.tools.faulttests;

import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import io.bemcom.protocol.BemcomMessage;
import io.bemcom.protocol.mqtt.BrokerClient;
import io.bemcom.protocol.mqtt.BrokerSettings;
import io.bemcom.protocol.mqtt.ClientOptions;
import io.bemcom.protocol.mqtt.Delivery;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A connector's broker client (clean session, as the connector SDK uses it) publishing message
 * number 0, 1, 2, ... at a steady rate on a thread of its own. It remembers which numbers
 * {@code publish} accepted, so that a test can tell which of them were lost.
 */
final class SteadyPublisher implements AutoCloseable {

    /** One publication: where, how, what. */
    record Outgoing(String topic, Delivery delivery, BemcomMessage message) {
    }

    private final BrokerClient client;
    private final IntFunction<Outgoing> messages;
    private final int perSecond;
    private final BitSet accepted = new BitSet();
    private final AtomicInteger published = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread thread;
    private int dropped;

    SteadyPublisher(BrokerSettings broker, String clientIdPrefix, IntFunction<Outgoing> messages, int perSecond) {
        this.client = BrokerClient.connect(broker, ClientOptions.named(clientIdPrefix)
                .withMaxReconnectDelay(Duration.ofSeconds(2)), new SimpleMeterRegistry());
        this.messages = messages;
        this.perSecond = perSecond;
    }

    /**
     * Publishes {@code count} messages as fast as the client takes them (a burst), in this thread, but
     * for no longer than {@code limit}; returns how many it published.
     */
    int burst(int count, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        int i = 0;
        for (; i < count && System.nanoTime() - deadline < 0; i++) {
            publish(i);
        }
        return i;
    }

    /** Starts publishing, {@code perSecond} messages a second, until {@link #stop()}. */
    void start() {
        running.set(true);
        thread = new Thread(this::run, "steady-publisher");
        thread.start();
    }

    private void run() {
        long started = System.nanoTime();
        for (int i = 0; running.get(); i++) {
            long due = started + i * 1_000_000_000L / perSecond;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            publish(i);
        }
    }

    private void publish(int number) {
        Outgoing outgoing = messages.apply(number);
        if (client.publish(outgoing.topic(), outgoing.delivery(), outgoing.message())) {
            synchronized (accepted) {
                accepted.set(number);
            }
        } else {
            refused.incrementAndGet();
        }
        published.incrementAndGet();
    }

    /** Waits until {@code count} messages more than now have been published. */
    void awaitMore(int count, Duration timeout) throws InterruptedException {
        int target = published.get() + count;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (published.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("published only " + published.get() + " of " + target + " within "
                        + timeout);
            }
            Thread.sleep(20);
        }
    }

    /** Stops publishing (the client stays open, still delivering what it holds). */
    void stop() throws InterruptedException {
        running.set(false);
        if (thread != null) {
            thread.join(60_000);
        }
    }

    /** Closes the client with a drain of {@code drain}; returns what it dropped. */
    int close(Duration drain) throws InterruptedException {
        stop();
        dropped += client.close(drain);
        return dropped;
    }

    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(60));
    }

    BrokerClient client() {
        return client;
    }

    /** The numbers whose publication {@code publish} accepted. */
    BitSet accepted() {
        synchronized (accepted) {
            return (BitSet) accepted.clone();
        }
    }

    int published() {
        return published.get();
    }

    int refused() {
        return refused.get();
    }

    int dropped() {
        return dropped;
    }
}
