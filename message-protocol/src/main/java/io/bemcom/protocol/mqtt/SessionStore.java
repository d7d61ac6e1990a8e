package io.bemcom.protocol.mqtt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.eclipse.paho.client.mqttv3.MqttClientPersistence;
import org.eclipse.paho.client.mqttv3.MqttPersistable;
import org.eclipse.paho.client.mqttv3.internal.wire.MqttPublish;

/**
 * Paho's store of QoS 1/2 messages in flight, kept in memory for the life of one
 * {@link BrokerClient}, and the client's ledger of what the broker has not acknowledged yet.
 *
 * <p>Each reconnect uses a fresh Paho client. Paho (1.2.5, {@code ClientState}) puts every QoS 1/2
 * publication here under {@code s-<id>} when {@code publish} accepts it, and removes it when the
 * PUBACK (QoS 1) or PUBCOMP (QoS 2) arrives. So:
 * <ul>
 *   <li>a persistent session's messages still in flight are restored from here by the next Paho
 *       client, which sends them again with their packet ids (Paho's own {@code MemoryPersistence}
 *       empties itself on every open and close, so it cannot be shared);</li>
 *   <li>with a clean session Paho calls {@link #clear()} when the connection ends (and again at the
 *       next CONNACK), forgetting them: the store keeps the publications it is told to forget
 *       ({@link #takeCleared()}) and the client publishes them again after the reconnect;</li>
 *   <li>the number of {@code s-} entries is what is really unacknowledged, in flight or still queued
 *       inside Paho ({@link #unacknowledged()}), which bounds the client's backlog.</li>
 * </ul>
 */
final class SessionStore implements MqttClientPersistence {

    /** Paho's key prefix of an outgoing QoS 1/2 PUBLISH ({@code ClientState.PERSISTENCE_SENT_PREFIX}). */
    private static final String SENT_PREFIX = "s-";

    private final Map<String, MqttPersistable> entries = new ConcurrentHashMap<>();
    /** The {@code s-} entries, in the order Paho accepted them. Guarded by {@code this}. */
    private final Map<String, MqttPersistable> sent = new LinkedHashMap<>();
    /** Unacknowledged publications Paho cleared (clean session). Guarded by {@code this}. */
    private final List<OfflineBuffer.Publication> cleared = new ArrayList<>();
    private int waiters;

    @Override
    public void open(String clientId, String serverUri) {
        // one store per BrokerClient, already open
    }

    @Override
    public void close() {
        // kept for the next Paho client of the same BrokerClient
    }

    @Override
    public void put(String key, MqttPersistable persistable) {
        if (key.startsWith(SENT_PREFIX)) {
            synchronized (this) {
                sent.put(key, persistable);
            }
        } else {
            entries.put(key, persistable);
        }
    }

    @Override
    public MqttPersistable get(String key) {
        if (key.startsWith(SENT_PREFIX)) {
            synchronized (this) {
                return sent.get(key);
            }
        }
        return entries.get(key);
    }

    @Override
    public void remove(String key) {
        if (key.startsWith(SENT_PREFIX)) {
            synchronized (this) {
                if (sent.remove(key) != null && waiters > 0) {
                    notifyAll();
                }
            }
        } else {
            entries.remove(key);
        }
    }

    @Override
    public Enumeration<String> keys() {
        List<String> keys = new ArrayList<>(entries.keySet());
        synchronized (this) {
            keys.addAll(sent.keySet());
        }
        return Collections.enumeration(keys);
    }

    /** Paho forgets the session (clean session): the unacknowledged publications are kept for sending again. */
    @Override
    public void clear() {
        entries.clear();
        synchronized (this) {
            sentPublishes().forEach(publish -> cleared.add(toPublication(publish)));
            sent.clear();
            if (waiters > 0) {
                notifyAll();
            }
        }
    }

    @Override
    public boolean containsKey(String key) {
        if (key.startsWith(SENT_PREFIX)) {
            synchronized (this) {
                return sent.containsKey(key);
            }
        }
        return entries.containsKey(key);
    }

    /** QoS 1/2 publications handed to Paho that the broker has not acknowledged. */
    synchronized int unacknowledged() {
        return sent.size();
    }

    /** The topics of the unacknowledged publications Paho holds, oldest first. */
    synchronized List<String> unacknowledgedTopics() {
        return sentPublishes().stream().map(MqttPublish::getTopicName).toList();
    }

    /** What Paho cleared without an acknowledgement, oldest first; empties the list. */
    synchronized List<OfflineBuffer.Publication> takeCleared() {
        List<OfflineBuffer.Publication> taken = List.copyOf(cleared);
        cleared.clear();
        return taken;
    }

    synchronized int clearedCount() {
        return cleared.size();
    }

    /**
     * Everything unacknowledged, oldest first: what Paho cleared and what it still holds. Empties
     * both: for the end of the client, when what is returned is dropped.
     */
    synchronized List<OfflineBuffer.Publication> takeAll() {
        List<OfflineBuffer.Publication> all = new ArrayList<>(cleared);
        cleared.clear();
        sentPublishes().forEach(publish -> all.add(toPublication(publish)));
        sent.clear();
        return all;
    }

    /** The PUBLISH packets of the {@code s-} entries, oldest first; the caller holds this store's lock. */
    private List<MqttPublish> sentPublishes() {
        List<MqttPublish> publishes = new ArrayList<>(sent.size());
        for (MqttPersistable persistable : sent.values()) {
            if (persistable instanceof MqttPublish publish) {
                publishes.add(publish);
            }
        }
        return publishes;
    }

    private static OfflineBuffer.Publication toPublication(MqttPublish publish) {
        return new OfflineBuffer.Publication(publish.getTopicName(), publish.getMessage().getPayload(),
                publish.getMessage().getQos(), publish.getMessage().isRetained());
    }

    /**
     * Waits until fewer than {@code limit} publications are unacknowledged, or until the deadline,
     * or until {@code keepWaiting} says no (checked at least every 50 ms).
     *
     * @return whether there is room
     */
    synchronized boolean awaitRoom(int limit, long deadlineNanos, BooleanSupplier keepWaiting)
            throws InterruptedException {
        while (sent.size() >= limit) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0 || !keepWaiting.getAsBoolean()) {
                return false;
            }
            waiters++;
            try {
                wait(Math.max(1, Math.min(50, left / 1_000_000)));
            } finally {
                waiters--;
            }
        }
        return true;
    }
}
