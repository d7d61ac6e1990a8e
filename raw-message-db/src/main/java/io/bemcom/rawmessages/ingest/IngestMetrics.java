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
 * The store's meters (the broker client adds its {@code bemcom.mqtt.*} ones).
 *
 * <ul>
 *   <li>{@code bemcom.rawmessages.stored}: raw messages written</li>
 *   <li>{@code bemcom.rawmessages.duplicates}: redelivered messages that were already stored</li>
 *   <li>{@code bemcom.rawmessages.rejected} (tag {@code reason}): payloads kept in the rejects table</li>
 *   <li>{@code bemcom.rawmessages.write.retries}: failed batch writes that were retried</li>
 *   <li>{@code bemcom.rawmessages.dropped}: rows the database refused even as a reject (logged)</li>
 *   <li>{@code bemcom.rawmessages.write} (timer): committed batch writes</li>
 *   <li>{@code bemcom.rawmessages.queue.size} (gauge): messages waiting to be written</li>
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
        this.stored = Counter.builder("bemcom.rawmessages.stored").register(registry);
        this.duplicates = Counter.builder("bemcom.rawmessages.duplicates").register(registry);
        this.retries = Counter.builder("bemcom.rawmessages.write.retries").register(registry);
        this.dropped = Counter.builder("bemcom.rawmessages.dropped").register(registry);
        this.writes = Timer.builder("bemcom.rawmessages.write").register(registry);
    }

    void queue(Supplier<Number> size) {
        Gauge.builder("bemcom.rawmessages.queue.size", size).register(registry);
    }

    void written(int storedRows, int duplicateRows, Duration took) {
        stored.increment(storedRows);
        duplicates.increment(duplicateRows);
        writes.record(took);
    }

    void rejected(String reason) {
        rejected.computeIfAbsent(reason, r -> Counter.builder("bemcom.rawmessages.rejected").tag("reason", r)
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
