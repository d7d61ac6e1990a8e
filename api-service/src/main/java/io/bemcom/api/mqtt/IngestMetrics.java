package io.bemcom.api.mqtt;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import io.bemcom.protocol.ingest.BatchWriter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The original's MQTT counters ({@code bemcom_djangoapi_mqtt_messages_received_total} and
 * {@code ..._published_total}, labelled by topic and connector; names kept for existing dashboards) and
 * our ingestion figures, named {@code bemcom.api.ingest.*} (Prometheus: {@code bemcom_api_ingest_*}):
 * queue depth, batch sizes, write latency, stored and rejected messages.
 */
@Component
public class IngestMetrics implements BatchWriter.Events<Ingested> {

    private final MeterRegistry registry;
    private final Map<String, Counter> received = new ConcurrentHashMap<>();
    private final Map<String, Counter> published = new ConcurrentHashMap<>();
    private final Map<String, Counter> stored = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private final DistributionSummary batchSize;
    private final Timer writeLatency;
    private final Counter retries;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batchSize = DistributionSummary.builder("bemcom.api.ingest.batch.size")
                .description("Messages written per database transaction").publishPercentileHistogram(false)
                .serviceLevelObjectives(1, 10, 100, 500, 1000, 2000, 5000).register(registry);
        this.writeLatency = Timer.builder("bemcom.api.ingest.write.latency")
                .description("Time to write and commit one batch")
                .serviceLevelObjectives(java.time.Duration.ofMillis(5), java.time.Duration.ofMillis(20),
                        java.time.Duration.ofMillis(100), java.time.Duration.ofMillis(500), java.time.Duration.ofSeconds(2))
                .register(registry);
        this.retries = Counter.builder("bemcom.api.ingest.write.retries")
                .description("Batches written again after a database failure").register(registry);
    }

    public void registerQueueDepth(Supplier<Number> depth) {
        Gauge.builder("bemcom.api.ingest.queue.depth", depth).description("Messages received but not yet stored")
                .register(registry);
    }

    public void received(String topic, String connector) {
        received.computeIfAbsent(topic, t -> Counter.builder("bemcom_djangoapi_mqtt_messages_received")
                .description("MQTT messages taken for processing").tag("topic", t).tag("connector", connector)
                .register(registry)).increment();
    }

    public void published(String topic, String connector) {
        published.computeIfAbsent(topic, t -> Counter.builder("bemcom_djangoapi_mqtt_messages_published")
                .description("Datapoint maps published").tag("topic", t).tag("connector", connector)
                .register(registry)).increment();
    }

    public void stored(String kind, int count) {
        stored.computeIfAbsent(kind, k -> Counter.builder("bemcom.api.ingest.messages.stored")
                .description("Messages committed to the database").tag("kind", k).register(registry)).increment(count);
    }

    /**
     * A message (or part of one) not stored: {@code unknown_connector}, {@code inactive_datapoint},
     * {@code dead_letter}, ....
     */
    public void rejected(String kind, String reason) {
        rejected.computeIfAbsent(kind + '|' + reason, k -> Counter.builder("bemcom.api.ingest.messages.rejected")
                .description("Messages skipped by ingestion, by reason").tag("kind", kind).tag("reason", reason)
                .register(registry)).increment();
    }

    public void batch(int size, long nanos) {
        batchSize.record(size);
        writeLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void retried(Throwable failure) {
        retries.increment();
    }

    @Override
    public void deadLettered(Ingested item, String reason) {
        rejected(item.kind(), "dead_letter");
    }

    @Override
    public void dropped(Ingested item, String reason) {
        rejected(item.kind(), "dropped");
    }
}
