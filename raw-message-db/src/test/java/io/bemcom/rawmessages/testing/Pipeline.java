package io.bemcom.rawmessages.testing;

import java.time.Clock;
import java.time.Duration;

import io.bemcom.protocol.mqtt.BrokerSettings;
import io.bemcom.protocol.mqtt.ClientOptions;
import io.bemcom.rawmessages.ingest.RawMessageWriter;
import io.bemcom.rawmessages.ingest.IngestMetrics;
import io.bemcom.rawmessages.ingest.RawMessageSubscriber;
import io.bemcom.rawmessages.storage.RawMessageStore;
import io.bemcom.testsupport.TestBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The service's ingestion without Spring: subscriber, writer and store on a test's database. */
public final class Pipeline implements AutoCloseable {

    public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RawMessageWriter writer;
    private final RawMessageSubscriber subscriber;

    public Pipeline(MigratedDatabase database, TestBroker broker, String clientId, String topicFilter) {
        writer = new RawMessageWriter(new RawMessageStore(database.dataSource(), database.dialect()),
                new IngestMetrics(registry));
        writer.start();
        subscriber = new RawMessageSubscriber(BrokerSettings.of(broker.host(), broker.port()),
                ClientOptions.persistent(clientId).withMaxReconnectDelay(Duration.ofMillis(500)), topicFilter, writer,
                Clock.systemUTC(), registry);
        subscriber.start();
    }

    public double counter(String name) {
        return registry.get(name).counters().stream().mapToDouble(counter -> counter.count()).sum();
    }

    public boolean isConnected() {
        return subscriber.isConnected();
    }

    /** Stops as the service does: the subscription first, then the writer. */
    @Override
    public void close() {
        subscriber.close();
        writer.close();
    }
}
