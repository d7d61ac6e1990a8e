package io.bemcom.connector;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bemcom.protocol.AvailableDatapointsMessage;
import io.bemcom.protocol.DatapointMapMessage;
import io.bemcom.protocol.RawMessage;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.mqtt.BrokerClient;
import io.bemcom.protocol.mqtt.Delivery;
import tools.jackson.databind.JsonNode;

/**
 * The sensor flow of the original template, on one thread of its own: whatever delivers a raw
 * message (the poll loop, a push loop, a library's callback thread) and whatever offers actuators
 * enqueues it here, and this thread handles each in arrival order — raw message to the raw store if
 * enabled, parse, flatten, offer as available datapoints, publish the mapped ids.
 *
 * <p>The queue is bounded: when the broker cannot take what the flow publishes, a deliverer waits
 * (back-pressure to the device) up to {@link #DELIVERY_WAIT}, then the reading is dropped, logged
 * and counted ({@code readings{result=dropped}}).
 */
final class SensorFlow {

    private static final Logger log = LoggerFactory.getLogger(SensorFlow.class);
    static final int QUEUE_CAPACITY = 1_000;
    static final Duration DELIVERY_WAIT = Duration.ofSeconds(60);

    /** What the flow's thread works through, in order. */
    private sealed interface Item permits Reading, Replayed, ActuatorOffer, EndOfFlow {
    }

    /** A stored raw message re-parsed in a replay: its values go out unretained, nothing else happens. */
    private record Replayed(JsonNode rawMessage, long timestamp) implements Item {
    }

    private record Reading(JsonNode rawMessage, long timestamp) implements Item {
    }

    private record ActuatorOffer(Map<String, JsonNode> actuators) implements Item {
    }

    private record EndOfFlow() implements Item {
    }

    private final ConnectorSettings settings;
    private final Clock clock;
    private final ConnectorMetrics metrics;
    private final Supplier<DatapointMapMessage> datapointMap;
    private final AvailableDatapoints available = new AvailableDatapoints();
    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread thread;
    private volatile boolean accepting = true;
    private volatile long lastReadingTimestamp = -1;
    private BrokerClient broker;
    private Device device;

    SensorFlow(ConnectorSettings settings, Clock clock, ConnectorMetrics metrics, ConnectorThreads threads,
               Supplier<DatapointMapMessage> datapointMap) {
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        this.datapointMap = datapointMap;
        this.thread = threads.newThread("sensor-flow", this::run);
    }

    /** Starts handling what was and will be delivered; publishes through {@code broker}. */
    void start(BrokerClient broker, Device device) {
        this.broker = broker;
        this.device = device;
        thread.start();
    }

    /** A raw message received at {@code timestamp}; blocks while the flow is behind (back-pressure). */
    void deliver(JsonNode rawMessage, long timestamp) {
        enqueue(new Reading(rawMessage, timestamp), "a raw message");
    }

    /** A raw message received now. */
    void deliver(JsonNode rawMessage) {
        deliver(rawMessage, clock.millis());
    }

    /**
     * A stored raw message of a replay, received at {@code timestamp}: parsed, flattened, and the values
     * of mapped datapoints published with that timestamp, unretained ({@link Delivery#REPLAYED_VALUE}).
     * Not stored as a raw message again, no available datapoints, no reading time; blocks while the
     * flow is behind.
     */
    void replay(JsonNode rawMessage, long timestamp) {
        enqueue(new Replayed(rawMessage, timestamp), "a replayed raw message");
    }

    /** Actuators the device offers (at start or later); published when at least one id is new. */
    void offerActuators(Map<String, JsonNode> actuators) {
        if (!actuators.isEmpty()) {
            enqueue(new ActuatorOffer(Map.copyOf(actuators)), "an actuator offer");
        }
    }

    private void enqueue(Item item, String what) {
        if (!accepting) {
            log.debug("The connector is stopping; {} is not handled.", what);
            return;
        }
        try {
            if (!queue.offer(item, DELIVERY_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                metrics.reading("dropped");
                log.error("Dropped {}: the sensor flow has been full for {} s (the broker does not take what is"
                        + " published).", what, DELIVERY_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            metrics.reading("dropped");
            log.warn("Dropped {}: interrupted while waiting for room in the sensor flow.", what);
        }
    }

    /**
     * Takes no more deliveries, handles what is already queued (up to {@code limit}) and ends the
     * thread. What is left after the limit is logged and counted as dropped.
     */
    void drainAndStop(Duration limit) {
        accepting = false;
        if (!thread.isAlive()) {
            return;
        }
        try {
            if (!queue.offer(new EndOfFlow(), limit.toMillis(), TimeUnit.MILLISECONDS)) {
                thread.interrupt();
            }
            thread.join(limit.toMillis());
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.interrupt();
        }
        int left = (int) queue.stream().filter(Reading.class::isInstance).count();
        if (left > 0) {
            metrics.readings("dropped", left);
            log.warn("{} raw message(s) were not handled before the connector stopped.", left);
        }
    }

    /** When the last reading that parsed was taken; -1 before the first. */
    long lastReadingTimestamp() {
        return lastReadingTimestamp;
    }

    private void run() {
        try {
            while (true) {
                Item item = queue.take();
                if (item instanceof EndOfFlow) {
                    return;
                }
                try {
                    handle(item);
                } catch (RuntimeException e) {
                    // Nothing a device hands over may end the flow.
                    log.error("Handling a raw message failed: {}; it is skipped.", e.toString(), e);
                }
            }
        } catch (InterruptedException e) {
            // stopping
        }
    }

    private void handle(Item item) {
        if (item instanceof ActuatorOffer offer) {
            publishIfNew(available.offer(Map.of(), offer.actuators()));
        } else if (item instanceof Reading reading) {
            handleRawMessage(reading.rawMessage(), reading.timestamp());
        } else if (item instanceof Replayed replayed) {
            handleReplayed(replayed.rawMessage(), replayed.timestamp());
        }
    }

    private void handleReplayed(JsonNode raw, long timestamp) {
        JsonNode reading;
        try {
            reading = device.parse(raw);
        } catch (Exception e) {
            metrics.replayReading("parse_failed");
            log.error("Parsing the stored raw message of {} failed: {}; it is skipped.", timestamp, e.getMessage(), e);
            return;
        }
        if (reading == null) {
            metrics.replayReading("empty");
            return;
        }
        metrics.replayReading("ok");
        Map<String, String> sensorTopics = datapointMap.get().sensor();
        int published = 0;
        int unmapped = 0;
        int failed = 0;
        for (Map.Entry<String, JsonNode> value : Flattener.flatten(reading).entrySet()) {
            String topic = sensorTopics.get(value.getKey());
            if (topic == null) {
                unmapped++;
            } else if (broker.publish(topic, Delivery.REPLAYED_VALUE, new ValueMessage(value.getValue(), timestamp))) {
                published++;
            } else {
                failed++;
            }
        }
        metrics.replayValues("published", published);
        metrics.replayValues("unmapped", unmapped);
        metrics.replayValues("failed", failed);
    }

    /** One timestamp per reading (when it arrived), raw store, parse, flatten, offer, publish mapped ids. */
    private void handleRawMessage(JsonNode raw, long timestamp) {
        String name = settings.name();
        if (settings.sendRawMessageToDb()) {
            broker.publish(Topics.rawMessageToDb(name), Delivery.RAW_MESSAGE, new RawMessage(raw, timestamp));
        }
        JsonNode reading;
        try {
            reading = device.parse(raw);
        } catch (Exception e) {
            metrics.reading("parse_failed");
            log.error("Parsing a raw message failed: {}; the message is skipped.", e.getMessage(), e);
            return;
        }
        if (reading == null) {
            return;
        }
        metrics.reading("ok");
        lastReadingTimestamp = timestamp;
        Map<String, JsonNode> values = Flattener.flatten(reading);
        publishIfNew(available.offer(values, Map.of()));
        Map<String, String> sensorTopics = datapointMap.get().sensor();
        values.forEach((datapointId, value) -> {
            String topic = sensorTopics.get(datapointId);
            if (topic != null && broker.publish(topic, Delivery.SENSOR_VALUE, new ValueMessage(value, timestamp))) {
                metrics.valuePublished();
            }
        });
    }

    private void publishIfNew(Optional<AvailableDatapointsMessage> grown) {
        grown.ifPresent(message -> broker.publish(Topics.availableDatapoints(settings.name()),
                Delivery.AVAILABLE_DATAPOINTS, message));
    }
}
