package io.bemcom.rawmessages.ingest;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.bemcom.protocol.ingest.BatchWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The store's meters, named {@code bemcom.rawmessages.<what>} as every service's (the broker client adds its
 * {@code bemcom.mqtt.*} ones).
 *
 * <ul>
 *   <li>{@code bemcom.rawmessages.ingest.messages.stored}: raw messages written</li>
 *   <li>{@code bemcom.rawmessages.ingest.messages.duplicate}: redeliveries of messages already stored</li>
 *   <li>{@code bemcom.rawmessages.ingest.messages.rejected} (tag {@code reason}): payloads kept as rejects</li>
 *   <li>{@code bemcom.rawmessages.ingest.write.retries}: failed batch writes that were retried</li>
 *   <li>{@code bemcom.rawmessages.ingest.messages.dropped}: rows the database refused even as a reject (logged)</li>
 *   <li>{@code bemcom.rawmessages.ingest.write.latency} (timer): committed batch writes</li>
 *   <li>{@code bemcom.rawmessages.ingest.queue.depth} (gauge): messages waiting to be written</li>
 * </ul>
 */
public final class IngestMetrics implements BatchWriter.Events<Pending> {

    private final MeterRegistry registry;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter retries;
    private final Counter dropped;
    private final Timer writes;
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.stored = Counter.builder("bemcom.rawmessages.ingest.messages.stored").register(registry);
        this.duplicates = Counter.builder("bemcom.rawmessages.ingest.messages.duplicate").register(registry);
        this.retries = Counter.builder("bemcom.rawmessages.ingest.write.retries").register(registry);
        this.dropped = Counter.builder("bemcom.rawmessages.ingest.messages.dropped").register(registry);
        this.writes = Timer.builder("bemcom.rawmessages.ingest.write.latency").register(registry);
    }

    void queue(Supplier<Number> size) {
        Gauge.builder("bemcom.rawmessages.ingest.queue.depth", size).register(registry);
    }

    void written(int storedRows, int duplicateRows, Duration took) {
        stored.increment(storedRows);
        duplicates.increment(duplicateRows);
        writes.record(took);
    }

    void rejected(String reason) {
        rejected.computeIfAbsent(reason, r -> Counter.builder("bemcom.rawmessages.ingest.messages.rejected")
                .tag("reason", r)
                .register(registry)).increment();
    }

    @Override
    public void retried(Throwable failure) {
        retries.increment();
    }

    @Override
    public void deadLettered(Pending item, String reason) {
        rejected("database_refused");
    }

    @Override
    public void dropped(Pending item, String reason) {
        dropped.increment();
    }
}
