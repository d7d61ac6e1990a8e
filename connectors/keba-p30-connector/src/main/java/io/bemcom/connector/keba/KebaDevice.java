package io.bemcom.connector.keba;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bemcom.connector.ConnectorContext;
import io.bemcom.connector.PollingDevice;
import io.bemcom.connector.PushDevice;
import io.bemcom.protocol.JsonValues;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * KEBA KeContact P30 stations over their UDP interface (KEBA UDP Programmers Guide): one socket on
 * port 7090 for all stations, because a station answers to 7090 whatever port asked.
 *
 * <p>Both polled and push: every {@code POLL_SECONDS} the poll asks each station for
 * {@code report 1}, {@code report 2} and {@code report 3}; the receive loop reads every datagram,
 * hands an answer to the exchange waiting for it, and delivers the status datagrams a station sends
 * on its own ({@code {"State": 3}}, guide 3.4) at once. A datagram is a station's only if it comes
 * from that station's address; several stations share the port.
 *
 * <p>Pacing (guide 2.1, 3.3.1): at least 100 ms between two datagrams to a station, 2 s after {@code ena}.
 */
final class KebaDevice implements PollingDevice, PushDevice {

    private static final Logger log = LoggerFactory.getLogger(KebaDevice.class);
    static final Duration PAUSE = Duration.ofMillis(100);
    static final Duration PAUSE_AFTER_ENA = Duration.ofSeconds(2);

    private final ConnectorContext context;
    private final KebaSettings settings;
    private final Map<String, Station> stations = new LinkedHashMap<>();
    private final MeterRegistry registry;
    private volatile DatagramSocket socket;

    KebaDevice(ConnectorContext context, KebaSettings settings) {
        this.context = context;
        this.settings = settings;
        this.registry = context.meterRegistry();
        settings.stations().forEach((name, host) -> stations.put(name, new Station(name, host)));
    }

    static KebaDevice create(ConnectorContext context) {
        return new KebaDevice(context, KebaSettings.fromEnvironment(context.environment()));
    }

    /** Binds the shared port; resolves the stations' addresses (a failure here only logs, polls retry). */
    @Override
    public void start(ConnectorContext context) throws SocketException {
        try {
            socket = new DatagramSocket(new InetSocketAddress(settings.localPort()));
        } catch (SocketException e) {
            throw new SocketException("cannot bind UDP port " + settings.localPort() + " (" + e.getMessage()
                    + "); the stations answer there, so only one KEBA connector can run per host");
        }
        for (Station station : stations.values()) {
            try {
                station.resolve();
            } catch (UnknownHostException e) {
                log.warn("Station {}: cannot resolve '{}' yet; trying again at the next poll.", station.name,
                        station.host);
            }
        }
        log.info("Polling {} KEBA P30 station(s) {} on UDP port {}, answers on port {}.", stations.size(),
                settings.stations(), settings.targetPort(), settings.localPort());
    }

    // ------------------------------------------------------------------ polling

    /**
     * Asks every station for its three reports and delivers each station's as one raw message,
     * {@code {"<station>": {"report 1": "<text>", ...}}} (the original's). A station that does not
     * answer is skipped after its first missing report; when one did, the poll fails (logged, counted)
     * after the others were read.
     */
    @Override
    public JsonNode read() throws IOException, InterruptedException {
        List<String> failures = new ArrayList<>();
        for (Station station : stations.values()) {
            ObjectNode reports = JsonNodeFactory.instance.objectNode();
            try {
                for (int n = 1; n <= 3; n++) {
                    String id = String.valueOf(n);
                    reports.put("report " + n, exchange(station, "report " + n, text -> isReport(text, id)));
                }
            } catch (IOException e) {
                failures.add(e.getMessage());
            }
            if (!reports.isEmpty()) {
                ObjectNode raw = JsonNodeFactory.instance.objectNode();
                raw.set(station.name, reports);
                context.push(raw);
            }
        }
        if (!failures.isEmpty()) {
            throw new IOException(String.join("; ", failures));
        }
        return null;
    }

    /** A report's answer is a JSON object whose "ID" is the report's number (as a string, as the station sends it). */
    private static boolean isReport(String text, String id) {
        JsonNode json = json(text);
        return json != null && json.path("ID").isValueNode() && id.equals(json.path("ID").asString());
    }

    // ------------------------------------------------------------------ receiving

    @Override
    public void receive(RawMessageSink sink) throws IOException {
        byte[] buffer = new byte[4096];
        DatagramSocket receiving = socket;
        while (!Thread.currentThread().isInterrupted()) {
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            receiving.receive(datagram);
            String text = new String(datagram.getData(), 0, datagram.getLength(), StandardCharsets.UTF_8).trim();
            Station station = stationAt(datagram.getAddress());
            if (station == null) {
                count("unknown_sender");
                log.warn("Ignored a datagram from {}, which is none of the configured stations {}.",
                        datagram.getSocketAddress(), settings.stations());
            } else {
                take(station, text, sink);
            }
        }
    }

    /** An awaited answer completes its exchange; a status datagram is delivered; anything else is logged. */
    private void take(Station station, String text, RawMessageSink sink) {
        Exchange pending = station.pending;
        if (pending != null && pending.expects.test(text)) {
            pending.answer.complete(text);
            return;
        }
        JsonNode json = json(text);
        if (json != null && json.isObject() && !json.has("ID") && !json.isEmpty()) {
            ObjectNode raw = JsonNodeFactory.instance.objectNode();
            raw.putObject(station.name).put(KebaReports.STATUS, text);
            sink.accept(raw);
        } else if ((json != null && json.has("ID")) || text.startsWith("TCH-")) {
            count("late");
            log.debug("Station {}: an answer nobody waits for any more: {}", station.name, text);
        } else {
            count("garbage");
            log.warn("Station {} sent a datagram that is neither a report, a status nor a confirmation; ignored: {}",
                    station.name, abbreviated(text));
        }
    }

    private Station stationAt(InetAddress sender) {
        for (Station station : stations.values()) {
            if (sender.equals(station.address)) {
                return station;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ parsing

    @Override
    public JsonNode parse(JsonNode rawMessage) {
        return KebaReports.parse(rawMessage);
    }

    // ------------------------------------------------------------------ actuators

    @Override
    public Map<String, JsonNode> actuators() {
        Map<String, JsonNode> actuators = new LinkedHashMap<>();
        stations.keySet().forEach(name -> actuators.putAll(KebaCommand.actuatorsOf(name)));
        return actuators;
    }

    /**
     * Sends {@code <command> <value>} to the station of {@code <station>__<command>} and checks its
     * answer: {@code TCH-OK :done} is success, {@code TCH-ERR} (or no answer) a failure.
     */
    @Override
    public void write(String datapointId, JsonNode value, long timestamp) throws IOException, InterruptedException {
        int split = datapointId.lastIndexOf("__");
        Station station = split < 0 ? null : stations.get(datapointId.substring(0, split));
        KebaCommand command = split < 0 ? null : KebaCommand.named(datapointId.substring(split + 2));
        if (station == null || command == null) {
            throw new IllegalArgumentException("'" + datapointId + "' is no actuator of this connector (it has "
                    + actuators().keySet() + ")");
        }
        String datagram = command.datagram(value);
        String answer = exchange(station, datagram, text -> text.startsWith("TCH-"));
        if (!answer.startsWith("TCH-OK")) {
            throw new IOException("station " + station.name + " refused '" + datagram + "': " + abbreviated(answer));
        }
        log.info("Station {} accepted '{}'.", station.name, datagram);
    }

    // ------------------------------------------------------------------ exchanges

    /**
     * Sends {@code request} to the station and waits up to {@code READ_TIMEOUT} for the datagram
     * {@code expects} accepts; one exchange per station at a time, paced as the guide requires.
     */
    private String exchange(Station station, String request, Predicate<String> expects)
            throws IOException, InterruptedException {
        station.lock.lockInterruptibly();
        try {
            long wait = station.nextSendNanos - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            InetAddress address;
            try {
                address = station.resolve();
            } catch (UnknownHostException e) {
                throw new IOException("station " + station.name + ": cannot resolve '" + station.host + "'");
            }
            Exchange exchange = new Exchange(expects, new CompletableFuture<>());
            station.pending = exchange;
            byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, address, settings.targetPort()));
            station.nextSendNanos = System.nanoTime()
                    + (request.startsWith("ena ") ? PAUSE_AFTER_ENA : PAUSE).toNanos();
            try {
                return exchange.answer.get(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new IOException("no answer from station " + station.name + " (" + station.host + ") to '"
                        + request + "' within " + settings.readTimeout().toMillis() / 1000.0 + " s");
            } catch (ExecutionException e) {
                throw new IOException(e.getCause());
            }
        } finally {
            station.pending = null;
            station.lock.unlock();
        }
    }

    @Override
    public void close() {
        DatagramSocket open = socket;
        if (open != null) {
            open.close();
        }
    }

    private void count(String result) {
        registry.counter("bemcom.connector.keba.datagrams", "result", result).increment();
    }

    private static JsonNode json(String text) {
        if (!text.startsWith("{")) {
            return null;
        }
        try {
            return JsonValues.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String abbreviated(String text) {
        String line = text.replace('\n', ' ').replace('\r', ' ');
        return line.length() > 100 ? line.substring(0, 100) + "..." : line;
    }

    private record Exchange(Predicate<String> expects, CompletableFuture<String> answer) {
    }

    private static final class Station {
        final String name;
        final String host;
        final ReentrantLock lock = new ReentrantLock();
        volatile InetAddress address;
        volatile Exchange pending;
        long nextSendNanos = System.nanoTime();

        Station(String name, String host) {
            this.name = name;
            this.host = host;
        }

        /** Looks the host up again each time (the JVM caches), so a changed DNS entry is followed. */
        InetAddress resolve() throws UnknownHostException {
            address = InetAddress.getByName(host);
            return address;
        }
    }
}
