package io.bemcom.api.monitor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;

import io.bemcom.api.config.ApiSettings;
import io.bemcom.protocol.mqtt.BrokerClient;
import io.bemcom.protocol.mqtt.BrokerSettings;
import io.bemcom.protocol.mqtt.ClientOptions;
import io.bemcom.protocol.mqtt.InboundMessage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The MQTT message monitor behind the admin page {@code /admin/mqtt-monitor/} (it replaces the
 * original's Node-RED monitor): a clean session of its own subscribed to {@code #} at QoS 0, keeping
 * the last message per topic in memory. Memory is bounded: at most {@code MQTT_MONITOR_MAX_TOPICS}
 * topics (the topic updated longest ago is evicted first) and payloads cut after
 * {@code MQTT_MONITOR_MAX_PAYLOAD_CHARS} characters. Each update gets a sequence number, so that
 * a page can ask for what changed since its last look without any queue per viewer.
 */
@Component
public class MqttMonitor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MqttMonitor.class);

    /** The last message on a topic; {@code payload} cut to the limit, {@code bytes} its full size. */
    public record LastMessage(String topic, String payload, int bytes, boolean truncated, boolean retained,
                              long receivedAt, long count, long sequence) {
    }

    private final ConfigurableEnvironment environment;
    private final boolean enabled;
    private final int maxTopics;
    private final int maxPayloadChars;
    // Insertion order = order of the last update (an update removes and re-inserts), so the eldest
    // entry is the topic updated longest ago.
    private final LinkedHashMap<String, LastMessage> lastByTopic = new LinkedHashMap<>();
    private long sequence;
    private long evicted;
    private volatile BrokerClient client;
    private volatile boolean running;

    public MqttMonitor(ConfigurableEnvironment environment, MeterRegistry meterRegistry) {
        this.environment = environment;
        this.enabled = environment.getProperty("bemcom.mqtt.enabled", Boolean.class, true)
                && !"false".equalsIgnoreCase(environment.getProperty("MQTT_MONITOR_ENABLED", "true").trim());
        this.maxTopics = Math.max(1, positive("MQTT_MONITOR_MAX_TOPICS", 1000));
        this.maxPayloadChars = Math.max(16, positive("MQTT_MONITOR_MAX_PAYLOAD_CHARS", 2000));
        meterRegistry.gauge("bemcom.api.mqtt.monitor.topics", this, MqttMonitor::size);
    }

    private int positive(String name, int fallback) {
        String text = environment.getProperty(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            log.warn("{} is not a number ('{}'); using {}.", name, text, fallback);
            return fallback;
        }
    }

    @Override
    public synchronized void start() {
        BrokerSettings settings = BrokerSettings.fromEnvironment(ApiSettings.environment(environment::getProperty));
        String clientId = environment.getProperty("MQTT_CLIENT_ID", ApiSettings.DEFAULT_CLIENT_ID);
        // A registry of its own: the monitor's traffic must not count as the service's MQTT traffic.
        client = new BrokerClient(settings, ClientOptions.named(clientId + "-monitor"), new SimpleMeterRegistry());
        client.subscribeBytes("#", 0, this::onMessage);
        client.connect();
        running = true;
        log.info("MQTT monitor running: last message of at most {} topics, payloads cut after {} characters.",
                maxTopics, maxPayloadChars);
    }

    @Override
    public synchronized void stop() {
        running = false;
        BrokerClient current = client;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public boolean isAutoStartup() {
        return enabled;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    public boolean isConnected() {
        BrokerClient current = client;
        return current != null && current.isConnected();
    }

    public int maxTopics() {
        return maxTopics;
    }

    public int maxPayloadChars() {
        return maxPayloadChars;
    }

    private void onMessage(InboundMessage<byte[]> inbound) {
        record(inbound.topic(), inbound.message(), inbound.retained(), System.currentTimeMillis());
    }

    /** Keeps a message as the last one of its topic, evicting the topic updated longest ago when full. */
    synchronized void record(String topic, byte[] payload, boolean retained, long now) {
        // Decoding at most 4 bytes per character kept: a huge payload is never decoded whole.
        int take = (int) Math.min(payload.length, (long) maxPayloadChars * 4);
        String text = new String(payload, 0, take, StandardCharsets.UTF_8);
        boolean truncated = take < payload.length;
        if (text.length() > maxPayloadChars) {
            text = text.substring(0, maxPayloadChars);
            truncated = true;
        }
        LastMessage previous = lastByTopic.remove(topic);
        long count = previous == null ? 1 : previous.count() + 1;
        lastByTopic.put(topic, new LastMessage(topic, text, payload.length, truncated, retained, now, count, ++sequence));
        Iterator<String> eldest = lastByTopic.keySet().iterator();
        while (lastByTopic.size() > maxTopics) {
            eldest.next();
            eldest.remove();
            evicted++;
        }
    }

    public synchronized int size() {
        return lastByTopic.size();
    }

    public synchronized long evicted() {
        return evicted;
    }

    /** The current sequence number: {@link #since(long, String)} with it returns only later updates. */
    public synchronized long sequence() {
        return sequence;
    }

    /**
     * The last messages updated after {@code after}, whose topic matches {@code filter} (see
     * {@link TopicFilter}), sorted by topic.
     */
    public List<LastMessage> since(long after, String filter) {
        TopicFilter matcher = TopicFilter.of(filter);
        List<LastMessage> found = new ArrayList<>();
        synchronized (this) {
            for (LastMessage message : lastByTopic.values()) {
                if (message.sequence() > after && matcher.matches(message.topic())) {
                    found.add(message);
                }
            }
        }
        found.sort((a, b) -> a.topic().compareTo(b.topic()));
        return found;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1000;
    }
}
