package io.bemcom.api.monitor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;

import io.bemcom.api.config.ApiSettings;
import io.bemcom.protocol.mqtt.BrokerClient;
import io.bemcom.protocol.mqtt.BrokerException;
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
 *
 * <p>The session exists only while the page is watched ({@link #watch()}): a subscription to
 * {@code #} doubles the broker's deliveries and the service's MQTT work, which cost a third of the
 * ingestion rate when it was always on. The first look subscribes (the retained messages arrive at
 * once); {@code MQTT_MONITOR_IDLE_SECONDS} (300) after the last look the session is closed and the
 * kept messages are forgotten.
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
    private final long idleMillis;
    /** Guards opening and closing the session (never the message lock: a close may wait for a handler). */
    private final Object session = new Object();
    private volatile BrokerClient client;
    private volatile CompletableFuture<Void> opening;
    private volatile long lastWatchedMillis;
    private volatile long lastAttemptMillis;
    private volatile ScheduledExecutorService housekeeping;
    private volatile boolean running;

    public MqttMonitor(ConfigurableEnvironment environment, MeterRegistry meterRegistry) {
        this.environment = environment;
        this.enabled = environment.getProperty("bemcom.mqtt.enabled", Boolean.class, true)
                && !"false".equalsIgnoreCase(environment.getProperty("MQTT_MONITOR_ENABLED", "true").trim());
        this.maxTopics = Math.max(1, positive("MQTT_MONITOR_MAX_TOPICS", 1000));
        this.maxPayloadChars = Math.max(16, positive("MQTT_MONITOR_MAX_PAYLOAD_CHARS", 2000));
        this.idleMillis = Math.max(1, positive("MQTT_MONITOR_IDLE_SECONDS", 300)) * 1000L;
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
    public void start() {
        synchronized (session) {
            housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "mqtt-monitor");
                thread.setDaemon(true);
                return thread;
            });
            long period = Math.min(10_000, idleMillis);
            housekeeping.scheduleWithFixedDelay(this::closeIfIdle, period, period, TimeUnit.MILLISECONDS);
            running = true;
        }
    }

    @Override
    public void stop() {
        synchronized (session) {
            running = false;
            if (housekeeping != null) {
                housekeeping.shutdownNow();
            }
            close();
        }
    }

    /**
     * Someone looks at the monitor: keeps the session open for {@code MQTT_MONITOR_IDLE_SECONDS}
     * more, and opens it (in the background) if it is not open. A failed attempt is repeated at
     * most every ten seconds, however often the page asks.
     *
     * @return completes when the session is open (or the attempt has failed)
     */
    public CompletableFuture<Void> watch() {
        lastWatchedMillis = System.currentTimeMillis();
        synchronized (session) {
            if (!running || client != null) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> current = opening;
            if (current != null && !current.isDone()) {
                return current;
            }
            if (lastWatchedMillis - lastAttemptMillis < 10_000) {
                return CompletableFuture.completedFuture(null);
            }
            lastAttemptMillis = lastWatchedMillis;
            CompletableFuture<Void> fresh = new CompletableFuture<>();
            opening = fresh;
            housekeeping.execute(() -> {
                try {
                    open();
                } finally {
                    fresh.complete(null);
                }
            });
            return fresh;
        }
    }

    /** {@link #watch()}, waiting up to {@code millis} for the session, so that a first page shows the retained state. */
    public void watchAndWait(long millis) {
        try {
            watch().get(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the page shows what there is and says whether the monitor is connected
        }
    }

    private void open() {
        BrokerSettings settings = BrokerSettings.fromEnvironment(ApiSettings.environment(environment::getProperty));
        String clientId = environment.getProperty("MQTT_CLIENT_ID", ApiSettings.DEFAULT_CLIENT_ID);
        // A registry of its own: the monitor's traffic must not count as the service's MQTT traffic.
        BrokerClient fresh = new BrokerClient(settings, ClientOptions.named(clientId + "-monitor"),
                new SimpleMeterRegistry());
        fresh.subscribeBytes("#", 0, this::onMessage);
        try {
            fresh.connect();
        } catch (BrokerException e) {
            fresh.close();
            log.warn("The MQTT monitor could not subscribe: {} (tried again when the page is next looked at, at most "
                    + "every 10 s).", e.getMessage());
            return;
        }
        synchronized (session) {
            if (!running) {
                fresh.close();
                return;
            }
            client = fresh;
            lastAttemptMillis = 0; // only failed attempts are spaced out
        }
        log.info("MQTT monitor watching the broker (#) while the page is looked at: last message of at most {} "
                + "topics, payloads cut after {} characters; closed {} s after the last look.", maxTopics,
                maxPayloadChars, idleMillis / 1000);
    }

    private void closeIfIdle() {
        try {
            synchronized (session) {
                if (client == null || System.currentTimeMillis() - lastWatchedMillis < idleMillis) {
                    return;
                }
                close();
            }
            log.info("MQTT monitor closed its broker session: nobody looked at it for {} s.", idleMillis / 1000);
        } catch (RuntimeException e) {
            log.warn("Closing the idle MQTT monitor failed: {}", e.toString());
        }
    }

    /** Closes the session and forgets what it kept (a new look starts from the retained state). */
    private void close() {
        BrokerClient current = client;
        client = null;
        if (current != null) {
            current.close();
        }
        synchronized (this) {
            lastByTopic.clear();
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
