package io.bemcom.connector.testkit.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.bemcom.testsupport.Ports;

/**
 * The base of an HTTP device simulator for connector tests, on the JDK's {@link HttpServer} on a
 * free loopback port: it serves canned answers per path, records every request (method, path,
 * query, headers, body), and can require HTTP Basic authentication, answer slowly, answer every
 * request with a given status or garbage, and stop and restart on the same port (a device that
 * disappears and comes back). A connector's simulator in its test sources builds on it with the
 * answers of the protocol's documentation and the captures of {@code spec/original/connectors.md}.
 *
 * <pre>
 * try (HttpDeviceSimulator device = HttpDeviceSimulator.start()) {
 *     device.serve("/solar_api/v1/GetPowerFlowRealtimeData.fcgi", Answer.json("{...}"));
 *     env.put("INVERTER_POWERFLOW_URL", device.url("/solar_api/v1/GetPowerFlowRealtimeData.fcgi"));
 *     ...
 *     assertThat(device.requests("/solar_api/v1/GetPowerFlowRealtimeData.fcgi")).isNotEmpty();
 * }
 * </pre>
 */
public final class HttpDeviceSimulator implements AutoCloseable {

    private static final Duration BIND_WAIT = Duration.ofSeconds(10);

    private final int port;
    private final Map<String, Responder> responders = new ConcurrentHashMap<>();
    private final List<HttpRequestRecord> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger threadCount = new AtomicInteger();
    private volatile String expectedAuthorization;
    private volatile Duration delay = Duration.ZERO;
    private volatile Answer override;
    private HttpServer server;
    private ExecutorService executor;

    private HttpDeviceSimulator(int port) {
        this.port = port;
    }

    /** A simulator serving on a free port of 127.0.0.1 (no paths yet: every request gets 404). */
    public static HttpDeviceSimulator start() {
        HttpDeviceSimulator simulator = new HttpDeviceSimulator(Ports.free());
        simulator.open();
        return simulator;
    }

    /** A simulator serving on {@code port} of 127.0.0.1 (to try a connector by hand against a fixed address). */
    public static HttpDeviceSimulator start(int port) {
        HttpDeviceSimulator simulator = new HttpDeviceSimulator(port);
        simulator.open();
        return simulator;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Answers every request for {@code path} (any method, any query) with {@code answer}. */
    public HttpDeviceSimulator serve(String path, Answer answer) {
        return serve(path, request -> answer);
    }

    /** Answers every request for {@code path} with what {@code responder} makes of it. */
    public HttpDeviceSimulator serve(String path, Responder responder) {
        responders.put(path, responder);
        return this;
    }

    /**
     * From now on only requests with HTTP Basic credentials {@code user}/{@code password} are served;
     * the others get 401 with a {@code WWW-Authenticate} challenge (they are recorded all the same).
     */
    public HttpDeviceSimulator requireBasicAuth(String user, String password) {
        expectedAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Waits {@code value} before answering each request ({@link Duration#ZERO}: at once again). */
    public HttpDeviceSimulator answerSlowly(Duration value) {
        delay = value;
        return this;
    }

    /**
     * Answers every request with {@code answer} instead of the served one (e.g. {@link Answer#status}
     * or {@link Answer#garbage}); {@code null} serves the paths again.
     */
    public HttpDeviceSimulator answerEverythingWith(Answer answer) {
        override = answer;
        return this;
    }

    /** Every request received so far, in arrival order. */
    public List<HttpRequestRecord> requests() {
        return List.copyOf(requests);
    }

    /** The requests received so far for {@code path}. */
    public List<HttpRequestRecord> requests(String path) {
        return requests.stream().filter(request -> request.path().equals(path)).toList();
    }

    /** The device disappears: the port is closed (connections are refused) until {@link #restart()}. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
        Ports.awaitClosed("127.0.0.1", port, BIND_WAIT);
    }

    /** The device comes back on the same port, serving what it served before. */
    public synchronized void restart() {
        if (server == null) {
            open();
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    private synchronized void open() {
        long deadline = System.nanoTime() + BIND_WAIT.toNanos();
        while (true) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
                break;
            } catch (BindException e) {
                if (System.nanoTime() > deadline) {
                    throw new UncheckedIOException("port " + port + " stays taken", e);
                }
                sleep(Duration.ofMillis(50));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "http-device-" + port + "-" + threadCount.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            HttpRequestRecord request = record(exchange);
            requests.add(request);
            if (!delay.isZero() && !sleep(delay)) {
                return; // stopped while waiting: the connection is dropped without an answer
            }
            Answer answer = answerTo(request);
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] body = answer.body();
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException | RuntimeException e) {
            // The client went away (e.g. it timed out); nothing to answer.
        }
    }

    private Answer answerTo(HttpRequestRecord request) {
        String expected = expectedAuthorization;
        if (expected != null && !expected.equals(request.header("Authorization"))) {
            return Answer.status(401, "Unauthorized").withHeader("WWW-Authenticate", "Basic realm=\"device\"");
        }
        Answer replacement = override;
        if (replacement != null) {
            return replacement;
        }
        Responder responder = responders.get(request.path());
        return responder == null ? Answer.status(404, "Not Found") : responder.answer(request);
    }

    private static HttpRequestRecord record(HttpExchange exchange) throws IOException {
        Headers headers = new Headers();
        headers.putAll(exchange.getRequestHeaders());
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        return new HttpRequestRecord(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), headers, body, System.nanoTime());
    }

    /** Sleeps; false when interrupted (the simulator stops). */
    private static boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Makes the answer to one request. */
    @FunctionalInterface
    public interface Responder {
        Answer answer(HttpRequestRecord request);
    }
}
