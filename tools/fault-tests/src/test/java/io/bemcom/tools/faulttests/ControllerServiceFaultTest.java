package io.bemcom.tools.faulttests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.bemcom.protocol.ControlledDatapoint;
import io.bemcom.protocol.ControlledDatapointsMessage;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.ScheduleItem;
import io.bemcom.protocol.ScheduleMessage;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.mqtt.BrokerClient;
import io.bemcom.protocol.mqtt.BrokerSettings;
import io.bemcom.protocol.mqtt.ClientOptions;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.testsupport.MosquittoProcess;
import io.bemcom.testsupport.TestNames;
import io.bemcom.tools.localrunner.ServiceProcess;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The controller-service jar under a broker restart. The test publishes a new schedule for one
 * actuator ten times a second (schedule {@code n} says: value {@code n}); the controller answers each
 * with value {@code n} on the actuator's value topic. Sent are the values the controller logged as
 * sent (it logs each at DEBUG); stored are those a persistent session of the test received.
 * Schedules that arrive while the controller is disconnected are superseded by the retained latest
 * one, so the controller rightly skips some numbers; the test asserts that whatever it sent arrives.
 */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class ControllerServiceFaultTest {

    /** The service\'s working folder (a copy of its jar); deleted after the test. */
    @TempDir
    Path work;

    private static final Pattern SENT = Pattern.compile("Sent \"?(-?\\d+)\"? to '([^']+)'");

    private MosquittoProcess broker;
    private ServiceProcess controller;

    @AfterEach
    void stopEverything() {
        Services.stopAll(controller, broker, null);
    }

    @Test
    void aBrokerRestartDuringSteadySchedulesLosesNoActuatorValueTheControllerSent() throws Exception {
        assumeTrue(MosquittoProcess.available(), "needs Mosquitto installed");
        long started = System.nanoTime();
        broker = ShippedMosquitto.launch();
        BrokerSettings settings = BrokerSettings.of(broker.host(), broker.port());
        String connector = TestNames.unique("fault-ctl-connector");
        String controlledTopic = TestNames.unique("fault-controller") + "/controlled_datapoints";
        String actuatorTopic = Topics.value(connector, 2);
        String scheduleTopic = Topics.schedule(connector, 2);

        // What the controller logs as sent to the actuator, read from its output.
        BitSet sent = new BitSet();
        controller = Services.start(Services.controller(work, broker, controlledTopic), new PrintStream(
                new LineTee(System.out, line -> {
                    Matcher matcher = SENT.matcher(line);
                    if (matcher.find() && matcher.group(2).equals(actuatorTopic)) {
                        synchronized (sent) {
                            sent.set(Integer.parseInt(matcher.group(1)));
                        }
                    }
                }), true, StandardCharsets.UTF_8));

        // The test's view of the actuator: a persistent session, so a broker restart loses nothing of it.
        Map<Integer, AtomicInteger> received = new ConcurrentHashMap<>();
        BrokerClient actuator = new BrokerClient(settings, ClientOptions.persistent(TestNames.unique("fault-actuator")),
                new SimpleMeterRegistry());
        actuator.subscribe(actuatorTopic, 1, MessageCodec::decodeValue, message -> {
            received.computeIfAbsent(message.message().value().asInt(), n -> new AtomicInteger()).incrementAndGet();
            message.acknowledge();
        });
        actuator.connect();

        try (BrokerClient wiring = BrokerClient.connect(settings, ClientOptions.named("fault-wiring"),
                new SimpleMeterRegistry())) {
            wiring.publish(controlledTopic, Delivery.CONTROLLED_DATAPOINTS, new ControlledDatapointsMessage(List.of(
                    new ControlledDatapoint(Topics.value(connector, 1), actuatorTopic, Topics.setpoint(connector, 2),
                            scheduleTopic))));
        }
        SteadyPublisher schedules = new SteadyPublisher(settings, "fault-scheduler", number ->
                new SteadyPublisher.Outgoing(scheduleTopic, Delivery.SCHEDULE, new ScheduleMessage(
                        List.of(new ScheduleItem(null, null, JsonValues.of(number))), System.currentTimeMillis())), 10);
        schedules.start();
        awaitSent(sent, 20);
        schedules.awaitMore(100, Duration.ofMinutes(1));
        broker.stop();
        Thread.sleep(2_000);
        broker.start();
        schedules.awaitMore(200, Duration.ofMinutes(2));
        schedules.close(Duration.ofMinutes(1));
        int lastSchedule = schedules.published() - 1;

        // The last schedule's value must reach the actuator; then everything the controller sent must have.
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!received.containsKey(lastSchedule) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Thread.sleep(2_000);
        BitSet sentCopy;
        synchronized (sent) {
            sentCopy = (BitSet) sent.clone();
        }
        BitSet arrived = new BitSet();
        received.keySet().forEach(arrived::set);
        BitSet lost = (BitSet) sentCopy.clone();
        lost.andNot(arrived);
        int duplicated = (int) received.values().stream().filter(count -> count.get() > 1).count();
        actuator.close();
        BitSet arrivedOfSent = (BitSet) arrived.clone();
        arrivedOfSent.and(sentCopy);
        FaultReport report = new FaultReport("controller-service, broker restarted during 10 schedules/s",
                sentCopy.cardinality(), arrivedOfSent.cardinality(), lost.cardinality(), duplicated,
                Duration.ofNanos(System.nanoTime() - started), (lastSchedule + 1) + " schedules published; values of "
                + (lastSchedule + 1 - sentCopy.cardinality()) + " schedules superseded before the controller saw them"
                + (lost.isEmpty() ? "" : "; lost: " + lost.stream().limit(10).boxed().toList()), lost).print();

        assertThat(received).as("the last schedule's value reached the actuator").containsKey(lastSchedule);
        assertThat(report.lost()).as("actuator values the controller sent and that never arrived: %s", report).isZero();
    }

    private static void awaitSent(BitSet sent, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (sent) {
                if (sent.cardinality() >= count) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the controller sent fewer than " + count + " values within 2 minutes");
    }

    /** Copies what a service writes to {@code out} and hands each complete line to {@code lines}. */
    private static final class LineTee extends OutputStream {
        private final PrintStream out;
        private final java.util.function.Consumer<String> lines;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineTee(PrintStream out, java.util.function.Consumer<String> lines) {
            this.out = out;
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) {
            out.write(b);
            if (b == '\n') {
                lines.accept(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }
}
