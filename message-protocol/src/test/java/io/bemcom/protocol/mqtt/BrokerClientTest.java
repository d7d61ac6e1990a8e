package io.bemcom.protocol.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;
import io.bemcom.testsupport.Ports;
import io.bemcom.testsupport.RestartableBroker;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The broker client against a real broker. */
class BrokerClientTest {

    private final TestBroker broker = TestBrokers.shared();
    private final String connector = TestNames.unique("client-test");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<BrokerClient> clients = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(BrokerClient::close);
    }

    @Test
    void deliversADecodedMessageToTheSubscriber() {
        BrokerClient subscriber = connect(broker, ClientOptions.defaults());
        BrokerClient publisher = connect(broker, ClientOptions.defaults());
        List<ValueMessage> received = new CopyOnWriteArrayList<>();
        String topic = Topics.value(connector, 1);
        subscriber.subscribe(topic, 1, MessageCodec::decodeValue, m -> received.add(m.message())).join();

        publisher.publish(topic, Delivery.SENSOR_VALUE, new ValueMessage(JsonValues.of(21.5), 1700000000000L));

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        assertThat(received.get(0)).isEqualTo(new ValueMessage(JsonValues.of(21.5), 1700000000000L));
        assertThat(registry.get("bemcom.mqtt.messages.received").tag("kind", "value").counter().count())
                .isEqualTo(1.0);
        assertThat(registry.get("bemcom.mqtt.messages.published").tag("kind", "value").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void receivesMessagesLargerThanTheSocketBufferAmongManySmallOnesIntactAndInOrder() {
        // The client reads the socket through a 64 KiB buffer: packets span buffer refills.
        BrokerClient subscriber = connect(broker, ClientOptions.defaults());
        BrokerClient publisher = connect(broker, ClientOptions.defaults());
        List<byte[]> received = new CopyOnWriteArrayList<>();
        String topic = Topics.rawMessageToDb(connector);
        subscriber.subscribeBytes(topic, 1, m -> received.add(m.message())).join();
        List<byte[]> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 600; i++) { // under the stock broker's 1,000-message queue
            int size = i % 150 == 7 ? 300_000 + i : 1 + i % 90;
            byte[] payload = new byte[size];
            java.util.Arrays.fill(payload, (byte) ('a' + i % 26));
            payload[0] = (byte) i;
            sent.add(payload);
            publisher.publish(topic, 1, false, payload);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == sent.size());
        for (int i = 0; i < sent.size(); i++) {
            assertThat(received.get(i)).as("message %d", i).isEqualTo(sent.get(i));
        }
    }

    @Test
    void skipsAndCountsAMalformedPayloadAndHandlesTheNextOne() {
        BrokerClient subscriber = connect(broker, ClientOptions.defaults());
        BrokerClient publisher = connect(broker, ClientOptions.defaults());
        List<ValueMessage> received = new CopyOnWriteArrayList<>();
        String topic = Topics.value(connector, 2);
        subscriber.subscribe(topic, 1, MessageCodec::decodeValue, m -> received.add(m.message())).join();

        publisher.publish(topic, 1, false, "{not json".getBytes(StandardCharsets.UTF_8));
        publisher.publish(topic, 1, false, "{\"value\":1}".getBytes(StandardCharsets.UTF_8));
        publisher.publish(topic, Delivery.ACTUATOR_VALUE, new ValueMessage(JsonValues.of("ok"), 5));

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        assertThat(received.get(0).value().stringValue()).isEqualTo("ok");
        assertThat(registry.get("bemcom.mqtt.messages.rejected").tags("kind", "value", "reason", "malformed_json")
                .counter().count()).isEqualTo(1.0);
        assertThat(registry.get("bemcom.mqtt.messages.rejected").tags("kind", "value", "reason", "invalid_field")
                .counter().count()).isEqualTo(1.0);
    }

    @Test
    void aHandlerThatThrowsIsCountedAndTheSubscriptionCarriesOn() {
        BrokerClient subscriber = connect(broker, ClientOptions.defaults());
        BrokerClient publisher = connect(broker, ClientOptions.defaults());
        List<String> received = new CopyOnWriteArrayList<>();
        String topic = Topics.heartbeat(connector);
        subscriber.subscribeBytes(topic, 1, m -> {
            String text = new String(m.message(), StandardCharsets.UTF_8);
            if (text.equals("boom")) {
                throw new IllegalStateException("handler bug");
            }
            received.add(text);
        }).join();

        publisher.publish(topic, 1, false, "boom".getBytes(StandardCharsets.UTF_8));
        publisher.publish(topic, 1, false, "fine".getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("fine"));
        assertThat(registry.get("bemcom.mqtt.messages.rejected").tags("reason", "handler_error").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void retainsSensorValuesButNeverCommands() {
        BrokerClient publisher = connect(broker, ClientOptions.defaults());
        String sensorTopic = Topics.value(connector, 10);
        String actuatorTopic = Topics.value(connector, 11);
        publisher.publish(sensorTopic, Delivery.SENSOR_VALUE, new ValueMessage(JsonValues.of(1), 1));
        publisher.publish(actuatorTopic, Delivery.ACTUATOR_VALUE, new ValueMessage(JsonValues.of(2), 1));
        await().pollDelay(Duration.ofMillis(300)).until(() -> true);

        BrokerClient lateSubscriber = connect(broker, ClientOptions.defaults());
        List<InboundMessage<ValueMessage>> received = new CopyOnWriteArrayList<>();
        lateSubscriber.subscribe(Topics.everyConnector(io.bemcom.protocol.MessageKind.VALUE).replace("+/messages",
                connector + "/messages"), 1, MessageCodec::decodeValue, received::add).join();

        await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
        await().pollDelay(Duration.ofMillis(300)).until(() -> true);
        // Only the sensor value reached a subscriber that came later: it was retained, the command was not.
        assertThat(received).singleElement().satisfies(m -> assertThat(m.topic()).isEqualTo(sensorTopic));
        publisher.clearRetained(sensorTopic);
    }

    @Test
    void restoresEverySubscriptionAfterTheBrokerRestarts() {
        try (RestartableBroker own = TestBrokers.restartable()) {
            BrokerClient subscriber = connect(own,
                    ClientOptions.defaults().withMaxReconnectDelay(Duration.ofMillis(500)));
            List<ValueMessage> received = new CopyOnWriteArrayList<>();
            String topic = Topics.value(connector, 3);
            subscriber.subscribe(topic, 1, MessageCodec::decodeValue, m -> received.add(m.message())).join();

            own.stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> !subscriber.isConnected());
            own.start();
            await().atMost(Duration.ofSeconds(20)).until(subscriber::isConnected);

            BrokerClient publisher = connect(own, ClientOptions.defaults());
            // The subscriber re-subscribes on its own; publish until the restored subscription sees it.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
                publisher.publish(topic, Delivery.ACTUATOR_VALUE, new ValueMessage(JsonValues.of(42), 7));
                return !received.isEmpty();
            });
            assertThat(received.get(0).value().intValue()).isEqualTo(42);
            assertThat(registry.get("bemcom.mqtt.reconnects").counter().count()).isGreaterThanOrEqualTo(1.0);
        }
    }

    @Test
    void redeliversAMessageThatWasNotAcknowledgedToAPersistentSession() {
        String clientId = TestNames.unique("persistent");
        String topic = Topics.value(connector, 4);
        List<InboundMessage<ValueMessage>> firstRun = new CopyOnWriteArrayList<>();
        BrokerClient first = connect(broker, ClientOptions.persistent(clientId));
        first.subscribe(topic, 1, MessageCodec::decodeValue, firstRun::add).join();
        BrokerClient publisher = connect(broker, ClientOptions.defaults());

        publisher.publish(topic, Delivery.ACTUATOR_VALUE, new ValueMessage(JsonValues.of("stored?"), 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> firstRun.size() == 1);
        first.close(); // "crashes" before acknowledging

        List<InboundMessage<ValueMessage>> secondRun = new CopyOnWriteArrayList<>();
        BrokerClient second = new BrokerClient(BrokerSettings.of(broker.host(), broker.port()),
                ClientOptions.persistent(clientId), registry);
        clients.add(second);
        second.subscribe(topic, 1, MessageCodec::decodeValue, message -> {
            secondRun.add(message);
            message.acknowledge();
        });
        second.connect();

        await().atMost(Duration.ofSeconds(10)).until(() -> secondRun.size() == 1);
        assertThat(secondRun.get(0).message().value().stringValue()).isEqualTo("stored?");
        second.close();

        // Acknowledged now: a third session gets nothing.
        List<InboundMessage<ValueMessage>> thirdRun = new CopyOnWriteArrayList<>();
        BrokerClient third = new BrokerClient(BrokerSettings.of(broker.host(), broker.port()),
                ClientOptions.persistent(clientId), registry);
        clients.add(third);
        third.subscribe(topic, 1, MessageCodec::decodeValue, thirdRun::add);
        third.connect();
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(thirdRun).isEmpty();
        third.close();
        BrokerClient.endPersistentSession(BrokerSettings.of(broker.host(), broker.port()), clientId, registry);
    }

    @Test
    void sendsWhatWasPublishedWhileDisconnectedAfterTheReconnectInOrder() {
        try (RestartableBroker own = TestBrokers.restartable()) {
            BrokerClient publisher = connect(own,
                    ClientOptions.defaults().withMaxReconnectDelay(Duration.ofMillis(500)));
            String lastTopic = Topics.value(connector, 5);

            own.stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> !publisher.isConnected());
            for (int i = 0; i < 5; i++) {
                // Retained, so that a subscriber arriving after the flush still sees them.
                assertThat(publisher.publish(Topics.value(connector, 100 + i), Delivery.SENSOR_VALUE,
                        new ValueMessage(JsonValues.of(i), i))).isTrue();
                publisher.publish(lastTopic, Delivery.SENSOR_VALUE, new ValueMessage(JsonValues.of(i), i));
            }
            assertThat(publisher.publish(Topics.heartbeat(connector), 0, false, new byte[] {'x'}))
                    .as("QoS 0 is stale after an outage and not kept").isFalse();
            own.start();
            await().atMost(Duration.ofSeconds(20)).until(publisher::isConnected);

            BrokerClient subscriber = connect(own, ClientOptions.defaults());
            Map<String, Integer> retained = new java.util.concurrent.ConcurrentHashMap<>();
            subscriber.subscribe(connector + "/messages/+/value", 1, MessageCodec::decodeValue,
                    m -> retained.put(m.topic(), m.message().value().intValue())).join();
            await().atMost(Duration.ofSeconds(10)).until(() -> retained.size() == 6);
            for (int i = 0; i < 5; i++) {
                assertThat(retained).containsEntry(Topics.value(connector, 100 + i), i);
            }
            assertThat(retained).as("sent in order: the last one is retained").containsEntry(lastTopic, 4);
        }
    }

    @Test
    void closeSendsEverythingPublishedBeforeIt() {
        // A broker configured like ours: the stock Mosquitto drops beyond 1,000 queued messages.
        try (RestartableBroker own = TestBrokers.restartable()) {
            BrokerClient subscriber = connect(own, ClientOptions.defaults());
            java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();
            String topic = Topics.value(connector, 6);
            subscriber.subscribe(topic, 1, MessageCodec::decodeValue, m -> received.incrementAndGet()).join();
            BrokerClient publisher = BrokerClient.connect(BrokerSettings.of(own.host(), own.port()),
                    ClientOptions.defaults(), registry);

            for (int i = 0; i < 20_000; i++) {
                publisher.publish(topic, Delivery.ACTUATOR_VALUE, new ValueMessage(JsonValues.of(i), i));
            }
            publisher.close();

            await().atMost(Duration.ofSeconds(30)).until(() -> received.get() == 20_000);
        }
    }

    @Test
    void refusesTopicsMqttDoesNotAllowWithoutLosingTheConnection() {
        try (RestartableBroker own = TestBrokers.restartable()) {
            BrokerClient subscriber = connect(own, ClientOptions.defaults());
            BrokerClient publisher = connect(own, ClientOptions.defaults());
            List<String> received = new CopyOnWriteArrayList<>();
            String topic = Topics.value(connector, 20);
            subscriber.subscribeBytes(topic, 1, m -> received.add(new String(m.message(), StandardCharsets.UTF_8)))
                    .join();

            // What a connector name with a NUL or TAB, or with wildcards, or an emoji would make of a topic.
            for (String bad : List.of(connector + "\u0000x/heartbeat", connector + "\tx/heartbeat",
                    connector + "/+/heartbeat", connector + "/#", connector + "\uD83D\uDE00/heartbeat",
                    connector + "\uFF21/heartbeat", "")) {
                assertThat(publisher.publish(bad, 1, false, "x".getBytes(StandardCharsets.UTF_8)))
                        .as("publish to %s", BrokerClient.printable(bad)).isFalse();
            }
            assertThat(publisher.clearRetained(connector + "\u0001/available_datapoints")).isFalse();
            for (int i = 0; i < 3; i++) {
                assertThat(publisher.publish(topic, 1, false, ("after " + i).getBytes(StandardCharsets.UTF_8))).isTrue();
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 3);
            assertThat(received).containsExactly("after 0", "after 1", "after 2");
            assertThat(registry.get("bemcom.mqtt.publish.failures").tag("reason", "invalid_topic").counters().stream()
                    .mapToDouble(io.micrometer.core.instrument.Counter::count).sum()).isEqualTo(8.0);
            assertThat(registry.get("bemcom.mqtt.connected").gauge().value()).isEqualTo(1.0);
            assertThat(registry.find("bemcom.mqtt.reconnects").counter()).isNull();
            assertThat(publisher.isConnected()).isTrue();
        }
    }

    @Test
    void refusesFiltersMqttDoesNotAllowWithAFailedFutureAndKeepsTheOtherSubscriptions() {
        BrokerClient subscriber = connect(broker, ClientOptions.defaults());
        BrokerClient publisher = connect(broker, ClientOptions.defaults());
        List<String> received = new CopyOnWriteArrayList<>();

        for (String bad : List.of(connector + "\t/#", connector + "/#/value", connector + "/a+/value",
                "$share//" + connector + "/#", "\u0000")) {
            assertThat(subscriber.subscribeBytes(bad, 1, m -> received.add("bad")))
                    .as("subscribe to %s", BrokerClient.printable(bad)).isCompletedExceptionally();
            assertThat(subscriber.isSubscribed(bad)).isFalse();
        }
        subscriber.subscribeBytes(connector + "/+/heartbeat", 1, m -> received.add(m.topic())).join();
        publisher.publish(connector + "/x/heartbeat", 1, false, new byte[] {'1'});

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        assertThat(received).containsExactly(connector + "/x/heartbeat");
        assertThat(registry.get("bemcom.mqtt.subscribe.failures").tag("reason", "invalid_filter").counter().count())
                .isEqualTo(5.0);
        assertThat(subscriber.isConnected()).isTrue();
    }

    @Test
    void failsWithAClearMessageWhenNoBrokerListens() {
        int closedPort = Ports.free();

        assertThatThrownBy(() -> BrokerClient.connect(BrokerSettings.of("127.0.0.1", closedPort),
                ClientOptions.defaults(), registry))
                .isInstanceOf(BrokerException.class)
                .hasMessageContaining("Could not connect to the MQTT broker at tcp://127.0.0.1:" + closedPort);
    }

    @Test
    void readsTheBrokerSettingsFromTheEnvironment() {
        BrokerSettings settings = BrokerSettings.fromEnvironment(new Environment(Map.of(
                "MQTT_BROKER_HOST", "broker", "MQTT_BROKER_USERNAME", "bemcom", "MQTT_BROKER_PASSWORD", "secret",
                "MQTT_BROKER_USE_TLS", "TRUE")));

        assertThat(settings.serverUri()).isEqualTo("ssl://broker:1883");
        assertThat(settings.username()).isEqualTo("bemcom");
        assertThat(settings.toString()).doesNotContain("secret");
        assertThat(BrokerSettings.fromEnvironment(new Environment(Map.of("MQTT_BROKER_HOST", "h",
                "MQTT_BROKER_PORT", "8883"))).port()).isEqualTo(8883);
    }

    @Test
    void explainsAMissingOrBadBrokerSetting() {
        assertThatThrownBy(() -> BrokerSettings.fromEnvironment(new Environment(Map.of())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("MQTT_BROKER_HOST is not set: it must hold the host name or IP address of the MQTT broker.");
        assertThatThrownBy(() -> BrokerSettings.fromEnvironment(new Environment(Map.of("MQTT_BROKER_HOST", "h",
                "MQTT_BROKER_PORT", "eighteen"))))
                .hasMessage("MQTT_BROKER_PORT must be an integer, got 'eighteen'.");
    }

    private BrokerClient connect(TestBroker target, ClientOptions options) {
        BrokerClient client = BrokerClient.connect(BrokerSettings.of(target.host(), target.port()), options, registry);
        clients.add(client);
        return client;
    }

    static {
        // Keep Awaitility's default poll quick for these tests.
        org.awaitility.Awaitility.setDefaultPollInterval(50, TimeUnit.MILLISECONDS);
    }
}
