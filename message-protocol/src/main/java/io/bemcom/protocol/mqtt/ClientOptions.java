package io.bemcom.protocol.mqtt;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.bemcom.protocol.TopicRules;

/**
 * How a service uses its broker connection.
 *
 * @param clientId           MQTT client id; must be fixed for a persistent session
 * @param persistentSession  clean session off: the broker keeps subscriptions and queues QoS 1/2
 *                           messages while the service is away
 * @param manualAcknowledge  acknowledge a QoS 1/2 message only when the handler calls
 *                           {@link InboundMessage#acknowledge()} (e.g. after it is stored)
 * @param maxInflight        outgoing QoS 1/2 messages awaiting the broker's acknowledgement, whether in
 *                           flight or still queued in Paho; {@code publish} waits while there are as many
 * @param maxReconnectDelay  cap of the doubling wait between reconnect attempts
 * @param offlineBuffer      messages kept for publishing while disconnected
 * @param logContext         logging context (SLF4J MDC) set on the client's threads while they handle
 *                           messages, so that their log records can be told apart, e.g. per connector
 * @param publishTimeout     how long {@code publish} waits while {@code maxInflight} publications are
 *                           unacknowledged before it gives up (returns false, logged and counted)
 */
public record ClientOptions(String clientId, boolean persistentSession, boolean manualAcknowledge,
                            int maxInflight, Duration maxReconnectDelay, int offlineBuffer,
                            Map<String, String> logContext, Duration publishTimeout) {

    public static final int DEFAULT_MAX_INFLIGHT = 10_000;
    public static final Duration DEFAULT_MAX_RECONNECT_DELAY = Duration.ofSeconds(10);
    public static final int DEFAULT_OFFLINE_BUFFER = 100_000;
    public static final Duration DEFAULT_PUBLISH_TIMEOUT = Duration.ofSeconds(60);

    public ClientOptions {
        if (persistentSession && (clientId == null || clientId.isBlank())) {
            throw new IllegalArgumentException("a persistent session needs a fixed client id");
        }
        if (clientId == null || clientId.isBlank()) {
            clientId = "bemcom-" + UUID.randomUUID().toString().substring(0, 13);
        }
        // Paho would fail on it in its send thread at every connect attempt, for ever.
        String id = clientId;
        TopicRules.textProblem(clientId).ifPresent(problem -> {
            throw new IllegalArgumentException("The MQTT client id " + BrokerClient.printable(id)
                    + " cannot be used: " + problem);
        });
        if (maxInflight < 1) {
            throw new IllegalArgumentException("maxInflight must be at least 1, got " + maxInflight);
        }
        logContext = logContext == null ? Map.of() : Map.copyOf(logContext);
        publishTimeout = publishTimeout == null ? DEFAULT_PUBLISH_TIMEOUT : publishTimeout;
    }

    /** A clean session with a random client id and automatic acknowledgement. */
    public static ClientOptions defaults() {
        return new ClientOptions(null, false, false, DEFAULT_MAX_INFLIGHT, DEFAULT_MAX_RECONNECT_DELAY,
                DEFAULT_OFFLINE_BUFFER, Map.of(), DEFAULT_PUBLISH_TIMEOUT);
    }

    /** A clean session whose client id starts with {@code prefix} (readable in the broker's log). */
    public static ClientOptions named(String prefix) {
        return defaults().withClientId(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** A persistent session with manual acknowledgement: nothing is lost that was not stored. */
    public static ClientOptions persistent(String clientId) {
        return new ClientOptions(clientId, true, true, DEFAULT_MAX_INFLIGHT, DEFAULT_MAX_RECONNECT_DELAY,
                DEFAULT_OFFLINE_BUFFER, Map.of(), DEFAULT_PUBLISH_TIMEOUT);
    }

    public ClientOptions withClientId(String id) {
        return new ClientOptions(id, persistentSession, manualAcknowledge, maxInflight, maxReconnectDelay,
                offlineBuffer, logContext, publishTimeout);
    }

    public ClientOptions withMaxReconnectDelay(Duration delay) {
        return new ClientOptions(clientId, persistentSession, manualAcknowledge, maxInflight, delay, offlineBuffer,
                logContext, publishTimeout);
    }

    public ClientOptions withMaxInflight(int inflight) {
        return new ClientOptions(clientId, persistentSession, manualAcknowledge, inflight, maxReconnectDelay,
                offlineBuffer, logContext, publishTimeout);
    }

    public ClientOptions withPublishTimeout(Duration timeout) {
        return new ClientOptions(clientId, persistentSession, manualAcknowledge, maxInflight, maxReconnectDelay,
                offlineBuffer, logContext, timeout);
    }

    public ClientOptions withLogContext(Map<String, String> context) {
        return new ClientOptions(clientId, persistentSession, manualAcknowledge, maxInflight, maxReconnectDelay,
                offlineBuffer, context, publishTimeout);
    }
}
