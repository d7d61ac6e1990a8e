package io.bemcom.connector;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * {@code METRICS_PORT}: the connector's metrics at {@code /metrics} (Prometheus' text format) and
 * its health at {@code /health} ({@code 200} and {@code "UP"} while it runs and has the broker,
 * {@code 503} and {@code "DOWN"} otherwise), on the JDK's HTTP server, one thread of the
 * connector's. Anything else is a {@code 404}.
 */
final class MonitoringServer implements AutoCloseable {

    /** What {@code /health} reports. */
    record Health(boolean running, boolean brokerConnected, long lastReadingTimestamp) {

        boolean up() {
            return running && brokerConnected;
        }

        String json(String connector) {
            return "{\"status\": \"" + (up() ? "UP" : "DOWN") + "\", \"connector\": \"" + connector.replace("\"", "\\\"")
                    + "\", \"running\": " + running + ", \"broker_connected\": " + brokerConnected
                    + ", \"last_reading_timestamp\": " + (lastReadingTimestamp < 0 ? "null" : lastReadingTimestamp) + "}";
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private MonitoringServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static MonitoringServer start(int port, String connector, PrometheusMeterRegistry registry,
                                  Supplier<Health> health, ConnectorThreads threads) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("METRICS_PORT " + port + " cannot be opened: " + e.getMessage(), e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                    send(exchange, 405, "text/plain", "GET only\n");
                } else if (path.equals("/metrics") || path.equals("/metrics/")) {
                    send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
                } else if (path.equals("/health") || path.equals("/health/")) {
                    Health now = health.get();
                    send(exchange, now.up() ? 200 : 503, "application/json", now.json(connector));
                } else {
                    send(exchange, 404, "text/plain", "/metrics and /health only\n");
                }
            }
        });
        ExecutorService executor = threads.singleThreadExecutor("monitoring");
        server.setExecutor(executor);
        server.start();
        return new MonitoringServer(server, executor);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
