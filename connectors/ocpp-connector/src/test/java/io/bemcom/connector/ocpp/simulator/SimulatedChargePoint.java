package io.bemcom.connector.ocpp.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OCPP 1.6J charge point on the JDK's own WebSocket client, independent of the connector's code:
 * it connects to {@code ws://127.0.0.1:<port>/<identity>} with the subprotocol {@code ocpp1.6}
 * (optionally with HTTP Basic credentials, OCPP security profile 1), sends OCPP-J frames written out
 * literally from the OCPP-J 1.6 specification ({@code [2, "<id>", "BootNotification", {...}]}) and
 * waits for the answer with the same unique id. Calls from the central system are recorded and
 * answered with {@code [3, id, {"status": "Accepted"}]}, or with what the test set per action.
 * It needs nothing but the JDK: frames are read with a pattern of the OCPP-J array's first elements,
 * and its {@link #main} runs it on its own to try the connector by hand.
 */
public final class SimulatedChargePoint implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String STRING = "\"((?:[^\"\\\\]|\\\\.)*)\"";
    /** {@code [2, "<uniqueId>", "<Action>", <payload>]} (OCPP-J 1.6, 4.2.1). */
    private static final Pattern CALL = Pattern.compile("^\\s*\\[\\s*2\\s*,\\s*" + STRING + "\\s*,\\s*" + STRING
            + "\\s*,(.*)]\\s*$", Pattern.DOTALL);
    /** {@code [3, "<uniqueId>", ...]} or {@code [4, "<uniqueId>", ...]} (4.2.2, 4.2.3). */
    private static final Pattern ANSWER = Pattern.compile("^\\s*\\[\\s*[34]\\s*,\\s*" + STRING, Pattern.DOTALL);

    /** A call the central system sent: its unique id, action and payload (JSON text). */
    public record ReceivedCall(String uniqueId, String action, String payload) {
    }

    private final String identity;
    private final WebSocket socket;
    private final List<String> frames = new CopyOnWriteArrayList<>();
    private final List<ReceivedCall> calls = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<String>> answers = new ConcurrentHashMap<>();
    private final Map<String, String> responses = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private SimulatedChargePoint(String identity, URI uri, String authorization) {
        this.identity = identity;
        HttpClient client = HttpClient.newBuilder().connectTimeout(WAIT).build();
        WebSocket.Builder builder = client.newWebSocketBuilder().subprotocols("ocpp1.6").connectTimeout(WAIT);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        try {
            this.socket = builder.buildAsync(uri, new Listener()).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("charge point " + identity + " could not connect: " + e, e);
        }
    }

    /** Connects {@code identity} to the central system on {@code port} of this machine. */
    public static SimulatedChargePoint connect(int port, String identity) {
        return new SimulatedChargePoint(identity, URI.create("ws://127.0.0.1:" + port + "/" + identity), null);
    }

    /** Connects with HTTP Basic credentials (OCPP security profile 1). */
    public static SimulatedChargePoint connect(int port, String identity, String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new SimulatedChargePoint(identity, URI.create("ws://127.0.0.1:" + port + "/" + identity), "Basic " + token);
    }

    public String identity() {
        return identity;
    }

    /**
     * Sends the CALL {@code [2, "<next id>", "<action>", <payload>]} and returns the answer frame's
     * text ({@code [3, ...]} or {@code [4, ...]}).
     */
    public String call(String action, String payloadJson) {
        String uniqueId = String.valueOf(nextId.getAndIncrement());
        return sendAndAwait(uniqueId, "[2, \"" + uniqueId + "\", \"" + action + "\", " + payloadJson + "]");
    }

    /** Sends {@code frame} as it is and returns the answer with {@code uniqueId}. */
    public String sendAndAwait(String uniqueId, String frame) {
        CompletableFuture<String> answer = answers.computeIfAbsent(uniqueId, id -> new CompletableFuture<>());
        send(frame);
        try {
            return answer.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("no answer to " + frame + " within " + WAIT.toSeconds() + " s", e);
        } finally {
            answers.remove(uniqueId);
        }
    }

    /** Sends any text as one WebSocket message. */
    public synchronized void send(String text) {
        socket.sendText(text, true).join();
    }

    /** Answers the central system's calls of {@code action} with this payload from now on. */
    public void answer(String action, String payloadJson) {
        responses.put(action, payloadJson);
    }

    /** What the central system called, in order. */
    public List<ReceivedCall> calls() {
        return List.copyOf(calls);
    }

    /** Every text frame received, in order. */
    public List<String> frames() {
        return List.copyOf(frames);
    }

    /** Whether the central system closed the connection. */
    public boolean isClosed() {
        return closed.isDone();
    }

    /** Closes the connection as a charge point going offline does. */
    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
        socket.abort();
    }

    private void received(String text) {
        frames.add(text);
        Matcher call = CALL.matcher(text);
        if (call.matches()) {
            String uniqueId = call.group(1);
            String action = call.group(2);
            calls.add(new ReceivedCall(uniqueId, action, call.group(3).trim()));
            String payload = responses.getOrDefault(action, "UnlockConnector".equals(action)
                    ? "{\"status\": \"Unlocked\"}" : "{\"status\": \"Accepted\"}");
            send(payload.startsWith("[") ? payload.replace("<id>", uniqueId) : "[3, \"" + uniqueId + "\", " + payload + "]");
            return;
        }
        Matcher answer = ANSWER.matcher(text);
        if (answer.find()) {
            answers.computeIfAbsent(answer.group(1), id -> new CompletableFuture<>()).complete(text);
        }
    }

    /**
     * Runs a charge point by hand: {@code <port> <identity>} connects to ws://127.0.0.1:port/identity,
     * boots, and every 10 s sends a Heartbeat and MeterValues with a growing energy register,
     * printing what the central system calls. Ends with Ctrl-C.
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: SimulatedChargePoint <central system port> <identity>");
            System.exit(2);
        }
        SimulatedChargePoint chargePoint = connect(Integer.parseInt(args[0]), args[1]);
        System.out.println(chargePoint.call("BootNotification", "{\"chargePointVendor\": \"KEBA\","
                + " \"chargePointModel\": \"KC-P30\"}"));
        System.out.println(chargePoint.call("StatusNotification", "{\"connectorId\": 1, \"errorCode\": \"NoError\","
                + " \"status\": \"Charging\"}"));
        int printed = 0;
        for (long energy = 1000; !chargePoint.isClosed(); energy += 25) {
            chargePoint.call("Heartbeat", "{}");
            chargePoint.call("MeterValues", "{\"connectorId\": 1, \"meterValue\": [{\"timestamp\": \""
                    + java.time.Instant.now() + "\", \"sampledValue\": [{\"value\": \"" + energy + "\"}]}]}");
            List<ReceivedCall> received = chargePoint.calls();
            received.subList(printed, received.size()).forEach(c -> System.out.println("called: " + c));
            printed = received.size();
            Thread.sleep(10_000);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                received(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}
