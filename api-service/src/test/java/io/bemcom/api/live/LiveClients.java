package io.bemcom.api.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Live-push clients over real sockets: an SSE reader and a JDK WebSocket, each collecting what
 * arrives. Public for the tests of other packages (mqtt.SharedIngestionTest: live push across instances).
 */
public final class LiveClients {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LiveClients() {
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** An SSE stream: {@code lines} gets every line; {@code status} the answer's status. */
    public static final class Sse implements AutoCloseable {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        public final int status;
        private final Stream<String> stream;

        public Sse(int port, String query, String authorization) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/datapoint/live/?" + query))
                    .header("Accept", "text/event-stream").GET();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<Stream<String>> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            status = response.statusCode();
            stream = response.body();
            Thread reader = new Thread(() -> {
                try {
                    stream.forEach(lines::add);
                } catch (RuntimeException e) {
                    lines.add("(closed)");
                }
            }, "sse-test-reader");
            reader.setDaemon(true);
            reader.start();
        }

        /** The next {@code data:} line, or null after the timeout. */
        public String nextData(Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (true) {
                String line = lines.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    return null;
                }
                if (line.startsWith("data:")) {
                    return line.substring(5).strip();
                }
            }
        }

        @Override
        public void close() {
            stream.close();
        }
    }

    /** A WebSocket; with {@code reading} false it reads the first frame only, then nothing (a slow client). */
    public static final class Socket implements WebSocket.Listener, AutoCloseable {
        public final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        final WebSocket webSocket;
        private final boolean reading;
        private final StringBuilder partial = new StringBuilder();

        public Socket(int port, String query, String authorization, boolean reading) throws Exception {
            this.reading = reading;
            WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
            if (authorization != null) {
                builder.header("Authorization", authorization);
            }
            webSocket = builder.buildAsync(URI.create("ws://localhost:" + port + "/datapoint/live/ws/?" + query), this)
                    .get(10, TimeUnit.SECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            if (reading) {
                socket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.complete("error " + error);
        }

        /** Starts reading again (a slow client catching up). */
        void readOn() {
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public void close() {
            webSocket.abort();
        }
    }
}
