package io.bemcom.rawmessages.testing;

import java.nio.charset.StandardCharsets;

import io.bemcom.protocol.mqtt.BrokerClient;
import io.bemcom.protocol.mqtt.BrokerSettings;
import io.bemcom.protocol.mqtt.ClientOptions;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.testsupport.TestBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** A connector's side: publishes raw-message payloads as they are written. */
public final class Publisher implements AutoCloseable {

    private final BrokerClient client;
    private final TestBroker broker;

    public Publisher(TestBroker broker) {
        this.broker = broker;
        this.client = BrokerClient.connect(BrokerSettings.of(broker.host(), broker.port()),
                ClientOptions.named("raw-test-publisher"), new SimpleMeterRegistry());
    }

    public void publish(String topic, String payload) {
        client.publish(topic, Delivery.RAW_MESSAGE, payload.getBytes(StandardCharsets.UTF_8));
    }

    /** Removes a persistent session from the broker by connecting once with a clean session. */
    public void forgetSession(String clientId) {
        BrokerClient.connect(BrokerSettings.of(broker.host(), broker.port()),
                ClientOptions.defaults().withClientId(clientId), new SimpleMeterRegistry()).close();
    }

    @Override
    public void close() {
        client.close();
    }
}
