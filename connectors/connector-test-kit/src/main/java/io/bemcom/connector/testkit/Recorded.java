package io.bemcom.connector.testkit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.bemcom.protocol.mqtt.InboundMessage;

/** Messages a {@link MqttProbe} has recorded on one subscription, in arrival order. */
public final class Recorded<T> {

    private final List<InboundMessage<T>> received = new CopyOnWriteArrayList<>();

    void add(InboundMessage<T> message) {
        received.add(message);
    }

    public List<InboundMessage<T>> all() {
        return List.copyOf(received);
    }

    public List<T> messages() {
        return received.stream().map(InboundMessage::message).toList();
    }

    public List<String> topics() {
        return received.stream().map(InboundMessage::topic).toList();
    }

    public void clear() {
        received.clear();
    }

    /** Waits for the first recorded message (past or future) that satisfies {@code condition}. */
    public InboundMessage<T> await(Predicate<InboundMessage<T>> condition, Duration timeout) {
        return org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20))
                .until(() -> received.stream().filter(condition).findFirst().orElse(null), found -> found != null);
    }

    /**
     * Runs {@code send} (e.g. a peer sending a reading, or a command) between looks until a recorded
     * message satisfies {@code condition}: for what a connector does only once it applied a map or
     * subscribed, which a test cannot see.
     */
    public InboundMessage<T> awaitSending(Runnable send, Predicate<InboundMessage<T>> condition, Duration timeout) {
        return org.awaitility.Awaitility.await().atMost(timeout).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(300)).until(() -> {
                    InboundMessage<T> found = received.stream().filter(condition).findFirst().orElse(null);
                    if (found == null) {
                        send.run();
                    }
                    return found;
                }, found -> found != null);
    }

    /** Waits for a message on {@code topic}. */
    public InboundMessage<T> awaitOn(String topic, Duration timeout) {
        return await(message -> message.topic().equals(topic), timeout);
    }

    /** Waits until at least {@code count} messages are recorded. */
    public List<InboundMessage<T>> awaitCount(int count, Duration timeout) {
        org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20))
                .until(() -> received.size() >= count);
        return all();
    }
}
