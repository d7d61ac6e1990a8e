package io.bemcom.tools.faulttests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.mqtt.BrokerClient;
import io.bemcom.protocol.mqtt.BrokerSettings;
import io.bemcom.protocol.mqtt.ClientOptions;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.testsupport.MosquittoProcess;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Measurement (not a test) for the broker configuration we ship: what a SIGKILL of Mosquitto loses
 * of the messages queued for an offline persistent session, and what saving costs, for the shipped
 * {@code autosave_interval 60} and alternatives. Run as docs/benchmarks.md says; about 6 minutes.
 *
 * <p>Per setting: (1) a persistent session subscribes and goes offline; the broker saves (SIGUSR1,
 * as a broker that has run for a while has); a connector-style client publishes 1,000 values/s
 * (QoS 1) for {@code killAfter}; the broker is killed (SIGKILL) and started again; the session
 * connects and counts what it gets of what the broker had acknowledged. (2) A burst of
 * {@code backlog} messages for the offline session, timed until the broker acknowledged the last
 * one, with the broker's CPU time: the cost of saving a growing queue.
 */
public final class MosquittoPersistenceMeasurement {

    private static final String TOPIC = "persistence-measurement/messages/%d/value";

    public static void main(String[] args) throws Exception {
        double killAfter = args.length > 0 ? Double.parseDouble(args[0]) : 12.5;
        int backlog = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int queue = args.length > 2 ? Integer.parseInt(args[2]) : 300_000;
        List<String> parts = List.of((args.length > 3 ? args[3] : "crash,burst,queue").split(","));
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        settings.put("autosave_interval 60 (shipped until now)", Map.of());
        settings.put("autosave_interval 5", Map.of("autosave_interval", "5"));
        settings.put("autosave_interval 1", Map.of("autosave_interval", "1"));
        settings.put("autosave_on_changes true, autosave_interval 1000",
                Map.of("autosave_on_changes", "true", "autosave_interval", "1000"));
        settings.put("autosave_on_changes true, autosave_interval 100",
                Map.of("autosave_on_changes", "true", "autosave_interval", "100"));
        settings.put("autosave_on_changes true, autosave_interval 10",
                Map.of("autosave_on_changes", "true", "autosave_interval", "10"));
        List<String> report = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> setting : settings.entrySet()) {
            String crash = parts.contains("crash") ? crash(setting.getValue(), killAfter) : "-";
            String cost = parts.contains("burst") ? cost(setting.getValue(), backlog) : "-";
            String steady = parts.contains("queue") ? steadyOverQueue(setting.getValue(), queue) : "-";
            report.add(String.format("%-50s | %s | %s | %s", setting.getKey(), crash, cost, steady));
            System.out.println("MEASURED " + report.get(report.size() - 1));
        }
        System.out.println();
        System.out.println("==== Mosquitto persistence: SIGKILL after " + killAfter + " s of 1,000 values/s for an "
                + "offline persistent session; burst of " + backlog + " for an offline session; 1,000 values/s for "
                + "20 s while " + queue + " messages are queued ====");
        report.forEach(System.out::println);
        System.exit(0);
    }

    /** Kills the broker during a steady stream for an offline session; what does the session get afterwards? */
    private static String crash(Map<String, String> overrides, double killAfter) throws Exception {
        try (MosquittoProcess broker = MosquittoProcess.launch(ShippedMosquitto.configuration(overrides))) {
            BrokerSettings settings = BrokerSettings.of(broker.host(), broker.port());
            String sessionId = "measure-session-" + System.nanoTime();
            BitSet received = new BitSet();
            BrokerClient session = subscriber(settings, sessionId, received);
            session.close();
            broker.saveNow();
            Thread.sleep(1_500);

            SteadyPublisher publisher = new SteadyPublisher(settings, "measure-pub", number -> new SteadyPublisher.Outgoing(
                    String.format(TOPIC, number % 100), Delivery.ACTUATOR_VALUE,
                    new ValueMessage(JsonValues.of(number), 1_700_000_000_000L + number)), 1_000);
            publisher.start();
            Thread.sleep((long) (killAfter * 1000));
            long cpu = cpuMillis(broker.pid());
            broker.kill();
            int unacknowledged = publisher.client().unacknowledged();
            publisher.stop();
            int accepted = publisher.accepted().cardinality();
            publisher.close(Duration.ZERO);
            // Publications leave in order: the acknowledged ones are the first accepted - unacknowledged.
            int acknowledged = accepted - unacknowledged;

            broker.start();
            BrokerClient again = subscriber(settings, sessionId, received);
            awaitQuiet(received, Duration.ofSeconds(3));
            again.close();
            BrokerClient.endPersistentSession(settings, sessionId, new SimpleMeterRegistry());
            int lost;
            synchronized (received) {
                lost = acknowledged - received.get(0, acknowledged).cardinality();
            }
            return String.format("acknowledged %d, received after restart %d, lost %d (%.1f s of traffic); broker CPU "
                    + "%.1f s", acknowledged, received.cardinality(), lost, lost / 1000.0, cpu / 1000.0);
        }
    }

    /** A burst for an offline session: how long until the broker acknowledged all, and its CPU time. */
    private static String cost(Map<String, String> overrides, int backlog) throws Exception {
        try (MosquittoProcess broker = MosquittoProcess.launch(ShippedMosquitto.configuration(overrides))) {
            BrokerSettings settings = BrokerSettings.of(broker.host(), broker.port());
            String sessionId = "measure-backlog-" + System.nanoTime();
            subscriber(settings, sessionId, new BitSet()).close();
            long cpuBefore = cpuMillis(broker.pid());
            long started = System.nanoTime();
            SteadyPublisher publisher = new SteadyPublisher(settings, "measure-burst", number -> new SteadyPublisher.Outgoing(
                    String.format(TOPIC, number % 100), Delivery.ACTUATOR_VALUE,
                    new ValueMessage(JsonValues.of(number), 1_700_000_000_000L + number)), 1);
            int sent = publisher.burst(backlog, Duration.ofSeconds(60));
            int dropped = publisher.close(Duration.ofSeconds(60));
            double seconds = (System.nanoTime() - started) / 1e9;
            long cpu = cpuMillis(broker.pid()) - cpuBefore;
            long size = databaseSize(broker.dataDirectory());
            BrokerClient.endPersistentSession(settings, sessionId, new SimpleMeterRegistry());
            return String.format("burst: %d queued in %.1f s (%.0f msg/s)%s, broker CPU %.1f s, mosquitto.db %.1f MB",
                    sent - dropped, seconds, (sent - dropped) / seconds,
                    sent < backlog ? " (stopped after 60 s)" : "", cpu / 1000.0, size / 1e6);
        }
    }

    /**
     * The steady cost of saving a large queue: {@code queue} messages wait for an offline session (filled
     * with saving off, then the broker restarts with the setting), and 1,000 more a second arrive for
     * 20 s. Every save writes the whole queue; the broker's CPU share shows what that costs.
     */
    private static String steadyOverQueue(Map<String, String> overrides, int queue) throws Exception {
        Map<String, String> fill = new LinkedHashMap<>(overrides);
        fill.put("autosave_interval", "0");
        fill.put("autosave_on_changes", "");
        MosquittoProcess filler = MosquittoProcess.launch(ShippedMosquitto.configuration(fill));
        Path data = filler.dataDirectory();
        BrokerSettings settings = BrokerSettings.of(filler.host(), filler.port());
        String sessionId = "measure-queue-" + System.nanoTime();
        subscriber(settings, sessionId, new BitSet()).close();
        SteadyPublisher loader = new SteadyPublisher(settings, "measure-fill", number -> new SteadyPublisher.Outgoing(
                String.format(TOPIC, number % 100), Delivery.ACTUATOR_VALUE,
                new ValueMessage(JsonValues.of(number), 1_700_000_000_000L + number)), 1);
        loader.burst(queue, Duration.ofMinutes(5));
        loader.close(Duration.ofMinutes(2));
        filler.stop(); // saves the queue
        // Same port and folder, now with the setting under test.
        java.nio.file.Files.writeString(data.getParent().resolve("mosquitto.conf"), ShippedMosquitto.configuration(overrides)
                .replace("${PORT}", Integer.toString(filler.port())).replace("${DATA}", data + java.io.File.separator));
        filler.start();
        try {
            long size = databaseSize(data);
            long cpuBefore = cpuMillis(filler.pid());
            long started = System.nanoTime();
            SteadyPublisher steady = new SteadyPublisher(settings, "measure-steady", number -> new SteadyPublisher.Outgoing(
                    String.format(TOPIC, number % 100), Delivery.ACTUATOR_VALUE,
                    new ValueMessage(JsonValues.of(queue + number), 1_700_000_000_000L + queue + number)), 1_000);
            steady.start();
            Thread.sleep(20_000);
            steady.stop();
            int acknowledged = steady.accepted().cardinality() - steady.client().unacknowledged();
            steady.close(Duration.ofSeconds(30));
            double seconds = (System.nanoTime() - started) / 1e9;
            long cpu = cpuMillis(filler.pid()) - cpuBefore;
            BrokerClient.endPersistentSession(settings, sessionId, new SimpleMeterRegistry());
            return String.format("over a queue of %d (mosquitto.db %.0f MB): %d of 20,000 acknowledged in 20 s, broker "
                    + "CPU %.0f %% of one core", queue, size / 1e6, acknowledged, 100.0 * cpu / 1000 / seconds);
        } finally {
            filler.close();
        }
    }

    private static BrokerClient subscriber(BrokerSettings settings, String sessionId, BitSet received) {
        BrokerClient client = new BrokerClient(settings, ClientOptions.persistent(sessionId), new SimpleMeterRegistry());
        client.subscribe("persistence-measurement/messages/+/value", 1, MessageCodec::decodeValue, message -> {
            synchronized (received) {
                received.set(message.message().value().intValue());
            }
            message.acknowledge();
        });
        client.connect();
        return client;
    }

    private static void awaitQuiet(BitSet received, Duration quiet) throws InterruptedException {
        AtomicLong last = new AtomicLong(-1);
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < quiet.toNanos()) {
            Thread.sleep(100);
            int now;
            synchronized (received) {
                now = received.cardinality();
            }
            if (now != last.getAndSet(now)) {
                quietSince = System.nanoTime();
            }
        }
    }

    /** User and system CPU time of a process, from /proc/&lt;pid&gt;/stat (clock ticks of 10 ms). */
    private static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    private static long databaseSize(Path data) throws IOException {
        Path db = data.resolve("mosquitto.db");
        return Files.exists(db) ? Files.size(db) : 0;
    }

    private MosquittoPersistenceMeasurement() {
    }
}
