package io.bemcom.protocol.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.internal.wire.MqttPublish;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.bemcom.testsupport.MosquittoProcess;
import io.bemcom.testsupport.TestNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * What the broker client promises when the broker goes away, is slow, or refuses: against a
 * Mosquitto of the test's own that it stops, restarts, pauses (SIGSTOP) and reconfigures.
 */
class BrokerClientReliabilityTest {

    private final String topicPrefix = TestNames.unique("reliability");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<BrokerClient> clients = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void requireMosquitto() {
        assumeTrue(MosquittoProcess.available(), "needs Mosquitto installed");
        logged.start();
        ((Logger) org.slf4j.LoggerFactory.getLogger(BrokerClient.class)).addAppender(logged);
    }

    @AfterEach
    void closeClients() {
        clients.forEach(client -> client.close(Duration.ofSeconds(1)));
        ((Logger) org.slf4j.LoggerFactory.getLogger(BrokerClient.class)).detachAppender(logged);
    }

    @Test
    void aCleanSessionLosesNothingItPublishedWhenTheBrokerRestartsDuringASteadyStream() throws Exception {
        assertNothingLostAcrossARestart(ClientOptions.named("steady-clean"));
    }

    @Test
    void aPersistentSessionLosesNothingItPublishedWhenTheBrokerRestartsDuringASteadyStream() throws Exception {
        assertNothingLostAcrossARestart(ClientOptions.persistent(TestNames.unique("steady-persistent")));
    }

    private void assertNothingLostAcrossARestart(ClientOptions publisherOptions) throws Exception {
        try (MosquittoProcess own = MosquittoProcess.launchPersistent()) {
            String topic = topicPrefix + "/messages/1/value";
            Map<Integer, AtomicInteger> received = new ConcurrentHashMap<>();
            BrokerClient subscriber = connect(own, ClientOptions.persistent(TestNames.unique("steady-sub")));
            subscriber.subscribeBytes(topic, 1, m -> {
                received.computeIfAbsent(number(m.message()), n -> new AtomicInteger()).incrementAndGet();
                m.acknowledge();
            }).join();
            BrokerClient publisher = connect(own, publisherOptions);
            int total = 6_000;
            CountDownLatch third = new CountDownLatch(1);
            Set<Integer> accepted = ConcurrentHashMap.newKeySet();
            Thread stream = new Thread(() -> {
                for (int i = 0; i < total; i++) {
                    if (publisher.publish(topic, 1, false, Integer.toString(i).getBytes(StandardCharsets.US_ASCII))) {
                        accepted.add(i);
                    }
                    if (i == total / 3) {
                        third.countDown();
                    }
                    if (i % 5 == 0) {
                        sleep(1); // about 1,000-3,000 a second: a busy connector
                    }
                }
            }, "steady-publisher");
            stream.start();

            assertThat(third.await(60, TimeUnit.SECONDS)).isTrue();
            own.stop(); // graceful: Mosquitto saves the subscriber's session
            sleep(1_000);
            own.start();
            stream.join(120_000);
            assertThat(publisher.close(Duration.ofSeconds(60))).as("dropped at close").isZero();

            await().atMost(Duration.ofSeconds(60)).until(() -> received.size() >= accepted.size());
            long duplicates = received.values().stream().mapToInt(count -> count.get() - 1).sum();
            System.out.printf("%s: sent %d, received %d distinct, duplicates %d, resent %.0f%n",
                    publisherOptions.persistentSession() ? "persistent" : "clean", accepted.size(), received.size(),
                    duplicates, sum("bemcom.mqtt.messages.resent"));
            assertThat(accepted).hasSize(total);
            assertThat(received.keySet()).containsAll(accepted);
        }
    }

    /**
     * Mosquitto forgets a persistent session's shared subscriptions when it restarts (its plain ones
     * it restores): the client subscribes them again after the reconnect, and logs the window in
     * which a restarted broker handed their messages to nobody (docs/scaling.md).
     */
    @Test
    void aSharedSubscriptionIsSubscribedAgainAfterABrokerRestartAndTheGapIsLogged() throws Exception {
        try (MosquittoProcess own = MosquittoProcess.launchPersistent()) {
            String topic = topicPrefix + "/messages/3/value";
            List<String> received = new CopyOnWriteArrayList<>();
            BrokerClient member = connect(own, ClientOptions.persistent(TestNames.unique("shared-member")));
            member.subscribeBytes("$share/" + TestNames.unique("group") + "/" + topic, 1, m -> {
                received.add(new String(m.message(), StandardCharsets.US_ASCII));
                m.acknowledge();
            }).join();

            own.stop();
            sleep(500);
            own.start();

            BrokerClient publisher = connect(own, ClientOptions.defaults());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                publisher.publish(topic, 1, false, "after".getBytes(StandardCharsets.US_ASCII));
                assertThat(received).contains("after");
            });
            assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anyMatch(line -> line.startsWith("Shared subscriptions restored after a lost connection ("));
        }
    }

    @Test
    void publishWaitsWhileMaxInflightPublicationsAreUnacknowledgedThoughPahoWouldQueueMore() throws Exception {
        try (MosquittoProcess own = MosquittoProcess.launch()) {
            String topic = topicPrefix + "/messages/2/value";
            AtomicInteger received = new AtomicInteger();
            BrokerClient subscriber = connect(own, ClientOptions.defaults());
            subscriber.subscribeBytes(topic, 1, m -> received.incrementAndGet()).join();
            BrokerClient publisher = connect(own, ClientOptions.named("bounded").withMaxInflight(100));
            AtomicInteger returned = new AtomicInteger();
            own.pause(); // the broker reads nothing and acknowledges nothing
            Thread burst = new Thread(() -> {
                for (int i = 0; i < 1_000; i++) {
                    publisher.publish(topic, 1, false, new byte[] {'x'});
                    returned.incrementAndGet();
                }
            }, "burst");
            burst.start();

            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
            assertThat(returned.get()).as("publish calls that returned while the broker was frozen").isEqualTo(100);
            assertThat(publisher.unacknowledged()).isEqualTo(100);
            assertThat(burst.isAlive()).isTrue();

            own.resume();
            burst.join(60_000);
            await().atMost(Duration.ofSeconds(30)).until(() -> received.get() == 1_000);
            await().atMost(Duration.ofSeconds(10)).until(() -> publisher.unacknowledged() == 0);
        }
    }

    @Test
    void publishGivesUpAfterItsTimeoutUnderBackPressureWithAWarningAndACount() {
        try (MosquittoProcess own = MosquittoProcess.launch()) {
            String topic = topicPrefix + "/messages/5/value";
            BrokerClient publisher = connect(own, ClientOptions.named("timeout").withMaxInflight(10)
                    .withPublishTimeout(Duration.ofSeconds(1)));
            own.pause();
            for (int i = 0; i < 10; i++) {
                assertThat(publisher.publish(topic, 1, false, new byte[] {'x'})).isTrue();
            }

            assertThat(publisher.publish(topic, 1, false, new byte[] {'y'})).as("the eleventh, after 1 s").isFalse();

            own.resume();
            assertThat(counter("bemcom.mqtt.publish.failures", "backpressure_timeout")).isEqualTo(1.0);
            assertThat(messages(Level.WARN)).anySatisfy(line -> assertThat(line)
                    .contains("the broker has not acknowledged 10 earlier publications for 1000 ms (back-pressure)"));
            await().atMost(Duration.ofSeconds(30)).until(() -> publisher.unacknowledged() == 0);
        }
    }

    @Test
    void closeWaitsForTheBrokerToComeBackAndDeliversEverythingWithinItsDrainLimit() throws Exception {
        try (MosquittoProcess own = MosquittoProcess.launchPersistent()) {
            String topic = topicPrefix + "/messages/3/value";
            AtomicInteger received = new AtomicInteger();
            BrokerClient subscriber = connect(own, ClientOptions.persistent(TestNames.unique("drain-sub")));
            subscriber.subscribeBytes(topic, 1, m -> {
                received.incrementAndGet();
                m.acknowledge();
            }).join();
            BrokerClient publisher = connect(own, ClientOptions.named("drain"));
            own.stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> !publisher.isConnected());
            for (int i = 0; i < 100; i++) {
                assertThat(publisher.publish(topic, 1, false, new byte[] {'x'})).isTrue();
            }
            Thread restart = new Thread(() -> {
                sleep(1_500);
                own.start();
            });
            restart.start();

            assertThat(publisher.close(Duration.ofSeconds(60))).as("dropped at close").isZero();
            assertThat(publisher.publish(topic, 1, false, new byte[] {'y'})).as("publish after close").isFalse();

            restart.join();
            await().atMost(Duration.ofSeconds(30)).until(() -> received.get() == 100);
            assertThat(counter("bemcom.mqtt.publish.failures", "dropped_at_close")).isZero();
            assertThat(counter("bemcom.mqtt.publish.failures", "closed")).isEqualTo(1.0);
        }
    }

    @Test
    void closeCountsAndLogsWhatTheBrokerHasNotAcknowledgedWhenTheDrainLimitIsReached() {
        try (MosquittoProcess own = MosquittoProcess.launch()) {
            String topic = topicPrefix + "/messages/4/value";
            BrokerClient publisher = connect(own, ClientOptions.named("undrained"));
            own.pause();
            for (int i = 0; i < 50; i++) {
                assertThat(publisher.publish(topic, 1, false, new byte[] {'x'})).isTrue();
            }

            assertThat(publisher.close(Duration.ofMillis(500))).isEqualTo(50);
            own.resume();

            assertThat(counter("bemcom.mqtt.publish.failures", "dropped_at_close")).isEqualTo(50.0);
            assertThat(messages(Level.WARN)).anySatisfy(line -> assertThat(line)
                    .contains("Closed with 50 publication(s) the broker had not acknowledged"));
        }
    }

    @Test
    void aFailingReconnectIsLoggedAtWarnOncePerMinuteAndTheClientReconnectsWhenTheBrokerAcceptsItAgain() {
        // A broker that starts refusing this client: anonymous logins are turned off.
        String open = MosquittoProcess.testConfiguration();
        try (MosquittoProcess own = MosquittoProcess.launch(open)) {
            BrokerClient client = connect(own, ClientOptions.named("refused"));
            own.stop();
            rewriteConfiguration(own, open.replace("allow_anonymous true", "allow_anonymous false"));
            own.start();

            await().atMost(Duration.ofSeconds(30)).until(() -> sum("bemcom.mqtt.reconnect.failures") >= 5);
            List<String> warnings = messages(Level.WARN).stream()
                    .filter(line -> line.startsWith("Reconnecting to the MQTT broker")).toList();
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0)).contains("failed", "attempt 1", "at most once a minute");

            own.stop();
            rewriteConfiguration(own, open);
            own.start();
            await().atMost(Duration.ofSeconds(30)).until(client::isConnected);
            assertThat(messages(Level.INFO)).anySatisfy(line -> assertThat(line).contains("Reconnected", "failed attempt(s)"));
        }
    }

    @Test
    void theReconnectLoopSurvivesAnAttemptThatThrowsAndConnectsOnceTheCauseIsGone() {
        try (MosquittoProcess own = MosquittoProcess.launch()) {
            BrokerClient client = connect(own, ClientOptions.persistent(TestNames.unique("poisoned")));
            // A publication Paho cannot encode in the session store (as before topics were checked):
            // restoring it makes every new Paho client throw an IllegalArgumentException.
            MqttPublish poison = new MqttPublish("bad\ttopic", new MqttMessage(new byte[] {'x'}));
            poison.setMessageId(60_000);
            client.sessionStore().put("s-60000", poison);
            own.stop();
            own.start();

            await().atMost(Duration.ofSeconds(30)).until(() -> sum("bemcom.mqtt.reconnect.failures") >= 3);
            assertThat(client.isConnected()).isFalse();
            assertThat(messages(Level.WARN)).anySatisfy(line -> assertThat(line).contains("IllegalArgumentException"));

            client.sessionStore().remove("s-60000");
            await().atMost(Duration.ofSeconds(30)).until(client::isConnected);
            assertThat(registry.get("bemcom.mqtt.connected").gauge().value()).isEqualTo(1.0);
        }
    }

    private static void rewriteConfiguration(MosquittoProcess broker, String template) {
        try {
            java.nio.file.Path config = broker.dataDirectory().getParent().resolve("mosquitto.conf");
            java.nio.file.Files.writeString(config, template.replace("${PORT}", Integer.toString(broker.port())));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private BrokerClient connect(MosquittoProcess broker, ClientOptions options) {
        BrokerClient client = BrokerClient.connect(BrokerSettings.of(broker.host(), broker.port()),
                options.withMaxReconnectDelay(Duration.ofMillis(500)), registry);
        clients.add(client);
        return client;
    }

    private double counter(String name, String reason) {
        return registry.find(name).tag("reason", reason).counters().stream().mapToDouble(Counter::count).sum();
    }

    private double sum(String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    private List<String> messages(Level level) {
        return logged.list.stream().filter(event -> event.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static int number(byte[] payload) {
        return Integer.parseInt(new String(payload, StandardCharsets.US_ASCII));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
