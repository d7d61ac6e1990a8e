package io.bemcom.protocol.mqtt;

import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.paho.client.mqttv3.MqttClientPersistence;
import org.eclipse.paho.client.mqttv3.MqttPersistable;

/**
 * Paho's store of QoS 1/2 messages in flight, kept in memory for the life of one
 * {@link BrokerClient}. Each reconnect uses a fresh Paho client, and a persistent session's
 * messages still in flight must be resent by the next one; Paho's own {@code MemoryPersistence}
 * empties itself on every open and close, so it cannot be shared.
 */
final class SessionStore implements MqttClientPersistence {

    private final Map<String, MqttPersistable> entries = new ConcurrentHashMap<>();

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
        entries.put(key, persistable);
    }

    @Override
    public MqttPersistable get(String key) {
        return entries.get(key);
    }

    @Override
    public void remove(String key) {
        entries.remove(key);
    }

    @Override
    public Enumeration<String> keys() {
        return Collections.enumeration(entries.keySet());
    }

    @Override
    public void clear() {
        entries.clear();
    }

    @Override
    public boolean containsKey(String key) {
        return entries.containsKey(key);
    }
}
