package io.bemcom.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bemcom.connector.Connector;
import io.bemcom.connector.ConnectorContext;
import io.bemcom.connector.ConnectorMain;
import io.bemcom.connector.FatalDeviceException;
import io.bemcom.connector.PollingDevice;
import io.bemcom.connector.PushDevice;
import io.bemcom.protocol.AvailableDatapointsMessage;
import io.bemcom.protocol.DatapointMapMessage;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.LogMessage;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;
import tools.jackson.databind.JsonNode;

/**
 * The seam a connector is written against: the context the factory gets, the start hook, a device
 * that is polled and pushes at once, callbacks and logs on a library's own threads, actuators
 * offered while running, periodic tasks, and a fatal error found on a library thread.
 */
class DeviceShapesTest {

    private static final Duration WAIT = ConnectorRun.waitLimit();
    private static final int BURST = 800;

    private final TestBroker broker = TestBrokers.shared();
    private final String name = TestNames.unique("shapes");
    private final MqttProbe probe = MqttProbe.connect(broker);
    private ConnectorRun run;

    /**
     * A wall thermostat: polled for its temperature, pushes button presses through its library's
     * callback, and offers its fan as an actuator once the library has seen one.
     */
    static class Thermostat implements PollingDevice {

        private static final Logger log = LoggerFactory.getLogger(Thermostat.class);

        final ConnectorContext context;
        final List<String> written = new CopyOnWriteArrayList<>();
        final AtomicInteger polls = new AtomicInteger();
        volatile LibraryStub library;

        Thermostat(ConnectorContext context) {
            this.context = context;
        }

        @Override
        public void start(ConnectorContext ignored) {
            log.warn("Thermostat starting; the fan is not known yet.");
            library = new LibraryStub(this::onLibraryMessage);
        }

        private void onLibraryMessage(JsonNode message) {
            if (message.has("fan")) {
                context.offerActuators(Map.of("fan__on", JsonValues.of(false)));
            } else {
                context.push(message);
            }
        }

        @Override
        public JsonNode read() {
            return JsonValues.parse("{\"temperature\": " + (20 + polls.incrementAndGet() % 3) + "}");
        }

        @Override
        public JsonNode parse(JsonNode rawMessage) {
            return rawMessage;
        }

        @Override
        public Map<String, JsonNode> actuators() {
            return Map.of("setpoint", JsonValues.of(21.0));
        }

        @Override
        public void write(String datapointId, JsonNode value, long timestamp) {
            written.add(datapointId + "=" + value);
        }

        @Override
        public void close() {
            if (library != null) {
                library.close();
            }
        }
    }

    @AfterEach
    void stop() {
        if (run != null) {
            run.close();
        }
        probe.close();
    }

    private Thermostat startThermostat() {
        run = ConnectorRun.start(broker, ConnectorRun.environment(name, broker), Thermostat::new);
        return run.device();
    }

    @Test
    void passesTheConformanceChecksWithPushedReadingsAndAnActuatorOfferedLater() {
        Thermostat thermostat = startThermostat();

        ConnectorConformance.forConnector(name, broker)
                .sensor("temperature")
                .sensor("button")
                .stimulus(() -> thermostat.library.receive(JsonValues.parse("{\"button\": \"pressed\"}")))
                .actuator("setpoint", JsonValues.of(22.5), () -> thermostat.written.contains("setpoint=22.5"))
                .actuatorOfferedLater("fan__on", JsonValues.of(true), () -> thermostat.written.contains("fan__on=true"),
                        () -> thermostat.library.receive(JsonValues.parse("{\"fan\": \"present\"}")))
                .verify();
    }

    @Test
    void theFactoryGetsTheSdksSettingsClockAndMeterRegistry() {
        Map<String, String> env = ConnectorRun.environment(name, broker);
        env.put("ACTUATOR_COMMAND_TIMEOUT_SECONDS", "7.5");
        env.put("THERMOSTAT_ROOM", "kitchen");
        AtomicReference<ConnectorContext> seen = new AtomicReference<>();
        run = ConnectorRun.start(broker, env, context -> {
            seen.set(context);
            return new Thermostat(context);
        });

        ConnectorContext context = seen.get();
        assertThat(context.settings().commandTimeout()).isEqualTo(Duration.ofMillis(7_500));
        assertThat(context.settings().pollInterval()).contains(Duration.ofMillis(200));
        assertThat(context.settings().name()).isEqualTo(name);
        assertThat(context.environment().required("THERMOSTAT_ROOM", "a room")).isEqualTo("kitchen");
        assertThat(context.clock()).isEqualTo(Clock.systemUTC());
        assertThat(context.meterRegistry()).isSameAs(run.registry());
    }

    @Test
    void whatTheStartHookAndALibrarysOwnThreadsLogReachesTheLogsTopic() {
        Recorded<LogMessage> logs = probe.record(Topics.logs(name), MessageCodec::decodeLog);
        Thermostat thermostat = startThermostat();

        LogMessage fromStart = logs.await(m -> m.message().msg().startsWith("Thermostat starting"), WAIT).message();
        assertThat(fromStart.emitter()).isEqualTo("DeviceShapesTest$Thermostat");
        assertThat(fromStart.level()).isEqualTo(LogMessage.WARNING);
        // The start hook runs before the connector says it is online.
        logs.await(m -> m.message().msg().equals("Connector online. Entering main loop."), WAIT);
        List<String> texts = logs.messages().stream().map(LogMessage::msg).toList();
        assertThat(texts.indexOf(fromStart.msg())).isLessThan(texts.indexOf("Connector online. Entering main loop."));

        thermostat.library.logOnOwnThread("the bus is silent");
        LogMessage slf4j = logs.await(m -> m.message().msg().equals("slf4j: the bus is silent"), WAIT).message();
        LogMessage jul = logs.await(m -> m.message().msg().equals("jul: the bus is silent"), WAIT).message();
        logs.await(m -> m.message().msg().equals("system-logger: the bus is silent"), WAIT);
        assertThat(slf4j.emitter()).isEqualTo("Receiver");
        assertThat(jul.emitter()).isEqualTo("Jul");
        assertThat(jul.level()).isEqualTo(LogMessage.WARNING);
    }

    @Test
    void threadsOfTheContextsThreadFactoryBelongToTheConnectorWhoeverStartsThem() throws Exception {
        Recorded<LogMessage> logs = probe.record(Topics.logs(name), MessageCodec::decodeLog);
        Thermostat thermostat = startThermostat();
        java.util.concurrent.ThreadFactory factory = thermostat.context.threadFactory("callback");
        Logger library = LoggerFactory.getLogger("org.example.library.Dispatcher");

        // Started by a thread of no connector, as the JDK's HttpServer dispatcher starts pool threads.
        Thread started = new Thread(() -> factory.newThread(() -> library.warn("handled a callback")).start());
        started.start();

        LogMessage record = logs.await(m -> m.message().msg().equals("handled a callback"), WAIT).message();
        assertThat(record.emitter()).isEqualTo("Dispatcher");
    }

    @Test
    void aLibraryThreadOfAnotherConnectorInTheSameJvmDoesNotReachThisOnesLogs() {
        Recorded<LogMessage> logs = probe.record(Topics.logs(name), MessageCodec::decodeLog);
        startThermostat();
        logs.await(m -> m.message().msg().startsWith("Connector online"), WAIT);
        // A library started outside any connector, e.g. by the test itself.
        try (LibraryStub foreign = new LibraryStub(message -> { })) {
            foreign.logOnOwnThread("not ours");
            await().pollDelay(Duration.ofMillis(500)).until(() -> true);
        }
        assertThat(logs.messages()).noneMatch(m -> m.msg().contains("not ours"));
    }

    @Test
    void aConnectorThatIsItsProcessAlsoForwardsRecordsOfThreadsOfNoConnector() throws Exception {
        Recorded<LogMessage> logs = probe.record(Topics.logs(name), MessageCodec::decodeLog);
        java.util.concurrent.CountDownLatch end = new java.util.concurrent.CountDownLatch(1);
        PushDevice endsWhenReleased = new PushDevice() {
            @Override
            public void receive(RawMessageSink sink) throws InterruptedException {
                end.await();
            }

            @Override
            public JsonNode parse(JsonNode rawMessage) {
                return rawMessage;
            }
        };
        java.util.concurrent.CompletableFuture<Integer> exit = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> ConnectorMain.run(new Environment(ConnectorRun.environment(name, broker)),
                        context -> endsWhenReleased));
        logs.await(m -> m.message().msg().startsWith("Connector online"), WAIT);

        try (LibraryStub unowned = new LibraryStub(message -> { })) {
            unowned.logOnOwnThread("from a thread of no connector");
            logs.await(m -> m.message().msg().equals("slf4j: from a thread of no connector"), WAIT);
        }
        end.countDown();
        assertThat(exit.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(Connector.EXIT_STOPPED);
        probe.clearRetained(Topics.availableDatapoints(name));
    }

    @Test
    void pollsAndPushesReachTheSensorFlowInTheOrderTheyArrived() {
        Recorded<ValueMessage> values = probe.record(name + "/messages/+/value", MessageCodec::decodeValue);
        Thermostat thermostat = startThermostat();
        probe.publish(Topics.datapointMap(name), Delivery.DATAPOINT_MAP, new DatapointMapMessage(
                Map.of("temperature", Topics.value(name, 1), "sequence", Topics.value(name, 2)), Map.of()));
        values.awaitOn(Topics.value(name, 1), WAIT);

        // One sender pushes 200 numbered messages from its own thread, between polls.
        Thread sender = new Thread(() -> IntStream.range(0, 200).forEach(i ->
                thermostat.context.push(JsonValues.parse("{\"sequence\": " + i + "}"))));
        sender.start();

        await().atMost(WAIT).until(() -> values.all().stream()
                .filter(m -> m.topic().equals(Topics.value(name, 2))).count() == 200);
        List<Integer> sequence = values.all().stream().filter(m -> m.topic().equals(Topics.value(name, 2)))
                .map(m -> m.message().value().intValue()).toList();
        assertThat(sequence).containsExactlyElementsOf(IntStream.range(0, 200).boxed().toList());
        int pollsBefore = thermostat.polls.get();
        await().atMost(WAIT).until(() -> thermostat.polls.get() > pollsBefore + 2);
    }

    @Test
    void aStopRightAfterABurstStillPublishesEveryReadingOfTheBurst() throws InterruptedException {
        Thermostat thermostat = startThermostat();
        String topic = probe.mapDatapoints(name, List.of("burst"), List.of()).sensor("burst");
        Recorded<ValueMessage> values = probe.record(topic, MessageCodec::decodeValue);
        values.awaitSending(() -> thermostat.context.push(JsonValues.parse("{\"burst\": -1}")), m -> true, WAIT);
        values.clear(); // a -1 that was on its way may still arrive; the burst is 0 and up

        // Fewer than the shared broker queues for one subscriber (Mosquitto's max_queued_messages, 1,000).
        for (int i = 0; i < BURST; i++) {
            thermostat.context.push(JsonValues.parse("{\"burst\": " + i + "}"));
        }
        run.connector().stop();

        assertThat(run.connector().awaitTermination(WAIT)).isTrue();
        await().atMost(WAIT).until(() -> values.messages().stream().filter(m -> m.value().intValue() >= 0).count()
                >= BURST);
        assertThat(values.messages().stream().map(m -> m.value().intValue()).filter(i -> i >= 0).toList())
                .containsExactlyElementsOf(IntStream.range(0, BURST).boxed().toList());
    }

    @Test
    void anActuatorOfferedWhileRunningIsPublishedOnceAndItsCommandsArrive() {
        Recorded<AvailableDatapointsMessage> available = probe.record(Topics.availableDatapoints(name),
                MessageCodec::decodeAvailableDatapoints);
        Thermostat thermostat = startThermostat();
        available.await(m -> m.message().actuator().containsKey("setpoint"), WAIT);

        thermostat.library.receive(JsonValues.parse("{\"fan\": \"present\"}"));
        thermostat.library.receive(JsonValues.parse("{\"fan\": \"present\"}"));

        AvailableDatapointsMessage grown = available.await(m -> m.message().actuator().containsKey("fan__on"), WAIT)
                .message();
        assertThat(grown.actuator()).containsKeys("setpoint", "fan__on");
        assertThat(grown.sensor()).containsKey("temperature");
        await().pollDelay(Duration.ofMillis(500)).until(() -> true);
        assertThat(available.messages()).filteredOn(m -> m.actuator().containsKey("fan__on"))
                .as("offered again, the same id publishes nothing new").hasSize(1);

        String topic = Topics.value(name, 5);
        probe.publish(Topics.datapointMap(name), Delivery.DATAPOINT_MAP,
                new DatapointMapMessage(Map.of(), Map.of(topic, "fan__on")));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            probe.publish(topic, Delivery.ACTUATOR_VALUE, new ValueMessage(JsonValues.of(true), 1));
            return thermostat.written.contains("fan__on=true");
        });
    }

    @Test
    void aPeriodicTaskRunsAgainAfterAFailureAndAFatalOneEndsTheConnector() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        run = ConnectorRun.start(broker, ConnectorRun.environment(name, broker), context -> new Thermostat(context) {
            @Override
            public void start(ConnectorContext ctx) {
                ctx.every(Duration.ofMillis(100), "renewing the registration", () -> {
                    int n = runs.incrementAndGet();
                    if (n == 1) {
                        throw new java.io.IOException("the CCU did not answer");
                    }
                    if (n == 4) {
                        throw new FatalDeviceException("the CCU refuses us for good");
                    }
                });
            }
        });

        assertThat(run.connector().awaitTermination(WAIT)).isTrue();
        assertThat(run.connector().exitCode()).isEqualTo(Connector.EXIT_FATAL);
        assertThat(runs.get()).isEqualTo(4);
        assertThat(run.count("bemcom.connector.tasks", "failed")).isEqualTo(1.0);
        assertThat(run.count("bemcom.connector.tasks", "ok")).isEqualTo(2.0);
    }

    @Test
    void aLibraryThreadEndsTheConnectorWithExitCodeOne() throws InterruptedException {
        Thermostat thermostat = startThermostat();

        thermostat.library.receive(JsonValues.of("ignored")); // the library is alive
        new Thread(() -> thermostat.context.fail(new FatalDeviceException("the server socket is gone"))).start();

        assertThat(run.connector().awaitTermination(WAIT)).isTrue();
        assertThat(run.connector().exitCode()).isEqualTo(Connector.EXIT_FATAL);
    }

    @Test
    void aConfigurationErrorFoundAtStartEndsTheConnectorWithExitCodeTwo() {
        Map<String, String> env = ConnectorRun.environment(name, broker);
        int code = ConnectorMain.run(new Environment(env), context -> new Thermostat(context) {
            @Override
            public void start(ConnectorContext ctx) {
                throw new ConfigurationException("THERMOSTAT_ROOM is not set.");
            }
        });

        assertThat(code).isEqualTo(Connector.EXIT_CONFIGURATION);
        probe.clearRetained(Topics.availableDatapoints(name));
    }

    @Test
    void aPushLoopAndAPollLoopRunSideBySideInOneDevice() {
        Recorded<ValueMessage> values = probe.record(name + "/messages/+/value", MessageCodec::decodeValue);
        final class Both implements PollingDevice, PushDevice {
            final AtomicInteger polls = new AtomicInteger();

            @Override
            public JsonNode read() {
                return JsonValues.parse("{\"polled\": " + polls.incrementAndGet() + "}");
            }

            @Override
            public void receive(RawMessageSink sink) throws InterruptedException {
                for (int i = 0; ; i++) {
                    sink.accept(JsonValues.parse("{\"pushed\": " + i + "}"));
                    Thread.sleep(50);
                }
            }

            @Override
            public JsonNode parse(JsonNode rawMessage) {
                return rawMessage;
            }
        }
        run = ConnectorRun.start(broker, ConnectorRun.environment(name, broker), context -> new Both());
        probe.publish(Topics.datapointMap(name), Delivery.DATAPOINT_MAP, new DatapointMapMessage(
                Map.of("polled", Topics.value(name, 1), "pushed", Topics.value(name, 2)), Map.of()));

        values.awaitOn(Topics.value(name, 1), WAIT);
        values.awaitOn(Topics.value(name, 2), WAIT);
    }
}
