package io.bemcom.connector.ocpp;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.protocols.Protocol;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The WebSocket side of an OCPP 1.6J central system (OCPP-J 1.6, sections 3 and 4) on Java-WebSocket:
 * charge points connect to {@code ws://<host>:<port>/<identity>} with the subprotocol
 * {@code ocpp1.6}, at any time and several at once; each is known by its identity. With passwords
 * configured, a charge point must authenticate with HTTP Basic (user = identity), OCPP security
 * profile 1. The OCPP messages themselves are the {@link Listener}'s.
 */
final class CentralSystem extends WebSocketServer {

    private static final Logger log = LoggerFactory.getLogger(CentralSystem.class);
    static final String SUBPROTOCOL = "ocpp1.6";

    /** What the OCPP side does with connections and messages; called on the server's threads. */
    interface Listener {
        void connected(String identity);

        void disconnected(String identity);

        /** The CALLRESULT payload to send, or throws {@link CallRefused} for a CALLERROR. */
        ObjectNode call(String identity, OcppFrame.Call call) throws CallRefused;

        /** A frame that could not be handled at all, e.g. no JSON (already answered where possible). */
        void malformed(String identity, String errorCode, String description);
    }

    /** A CALL answered with a CALLERROR. */
    static final class CallRefused extends Exception {
        private final String errorCode;

        CallRefused(String errorCode, String description) {
            super(description);
            this.errorCode = errorCode;
        }

        String errorCode() {
            return errorCode;
        }
    }

    /** The charge point answered a command with a CALLERROR. */
    static final class CallFailed extends Exception {
        CallFailed(String message) {
            super(message);
        }
    }

    private record Pending(WebSocket connection, CompletableFuture<OcppFrame> answer) {
    }

    /** An open connection and when it opened, in the order of connections ({@code opened} increases). */
    private record Connection(WebSocket socket, long opened) {
    }

    private final Map<String, String> passwords;
    private final Listener listener;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final AtomicLong openings = new AtomicLong();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> started = new CompletableFuture<>();

    CentralSystem(int port, Map<String, String> passwords, Listener listener) {
        // "" accepts a handshake without ocpp1.6, so that it reaches onWebsocketHandshakeReceivedAsServer
        // and is refused there with a log line saying why.
        super(new InetSocketAddress(port), List.<Draft>of(new Draft_6455(Collections.emptyList(),
                List.of(new Protocol(SUBPROTOCOL), new Protocol("")))));
        this.passwords = Map.copyOf(passwords);
        this.listener = listener;
        setReuseAddr(true);
        setConnectionLostTimeout(60);
    }

    /** Starts listening; fails when the port cannot be bound or the server does not start within {@code limit}. */
    void startAndWait(Duration limit) throws Exception {
        start();
        try {
            started.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the OCPP server cannot listen on port " + getPort() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the OCPP server did not start listening on port " + getPort()
                    + " within " + limit.toSeconds() + " s");
        }
    }

    /**
     * Sends the CALL {@code action} to the charge point and waits up to {@code limit} for its
     * CALLRESULT payload. Throws {@link IllegalStateException} when it is not connected,
     * {@link CallFailed} for its CALLERROR, {@link TimeoutException} when it does not answer.
     */
    JsonNode send(String identity, String action, ObjectNode payload, Duration limit) throws Exception {
        Connection connected = connections.get(identity);
        WebSocket connection = connected == null ? null : connected.socket();
        if (connection == null || !connection.isOpen()) {
            throw new IllegalStateException("charge point '" + identity + "' is not connected; " + action
                    + " was not sent");
        }
        String uniqueId = UUID.randomUUID().toString();
        CompletableFuture<OcppFrame> answer = new CompletableFuture<>();
        pending.put(uniqueId, new Pending(connection, answer));
        try {
            connection.send(OcppFrame.call(uniqueId, action, payload));
            OcppFrame frame = answer.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (frame instanceof OcppFrame.CallError error) {
                throw new CallFailed("charge point '" + identity + "' answered " + action + " with the CALLERROR "
                        + error.errorCode() + ": " + error.errorDescription());
            }
            return ((OcppFrame.CallResult) frame).payload();
        } catch (WebsocketNotConnectedException e) {
            throw new IllegalStateException("charge point '" + identity + "' is not connected; " + action
                    + " was not sent");
        } catch (TimeoutException e) {
            throw new TimeoutException("charge point '" + identity + "' did not answer " + action + " within "
                    + limit.toMillis() / 1000.0 + " s");
        } catch (ExecutionException e) {
            throw new IllegalStateException("charge point '" + identity + "' disconnected before it answered "
                    + action);
        } finally {
            pending.remove(uniqueId);
        }
    }

    /**
     * The identity of the charge point that connected last among those connected now, or
     * {@code null} when none is: the original's commands go there.
     */
    String latest() {
        return connections.entrySet().stream().filter(entry -> entry.getValue().socket().isOpen())
                .max(Comparator.comparingLong(entry -> entry.getValue().opened())).map(Map.Entry::getKey)
                .orElse(null);
    }

    /** Stops the server and closes every connection, waiting at most {@code limit}. */
    void stop(Duration limit) {
        try {
            stop((int) limit.toMillis(), "the central system stops");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ handshake

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
                                                                       ClientHandshake request)
            throws InvalidDataException {
        String identity = identity(request.getResourceDescriptor());
        String from = String.valueOf(conn.getRemoteSocketAddress());
        if (identity.isEmpty()) {
            throw refuse("a client at " + from
                    + " gave no charge point identity in its URL (ws://host:port/<identity>)");
        }
        String offered = request.getFieldValue("Sec-WebSocket-Protocol");
        if (!List.of(offered.split(",")).stream().map(String::trim).toList().contains(SUBPROTOCOL)) {
            throw refuse("charge point '" + identity + "' at " + from + " offers the subprotocol(s) '" + offered
                    + "', not " + SUBPROTOCOL);
        }
        if (!passwords.isEmpty() && !authenticated(identity, request.getFieldValue("Authorization"))) {
            throw refuse("charge point '" + identity + "' at " + from
                    + " did not authenticate: no or wrong HTTP Basic credentials (user must be its identity)");
        }
        return super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
    }

    private static InvalidDataException refuse(String why) {
        log.warn("Refused a connection: {}.", why);
        return new InvalidDataException(CloseFrame.POLICY_VALIDATION, why);
    }

    /** OCPP security profile 1: {@code Authorization: Basic base64(<identity>:<password>)}. */
    private boolean authenticated(String identity, String authorization) {
        String expected = passwords.get(identity);
        if (expected == null || authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = credentials.indexOf(':');
        return colon >= 0 && credentials.substring(0, colon).equals(identity)
                && MessageDigest.isEqual(credentials.substring(colon + 1).getBytes(StandardCharsets.UTF_8),
                        expected.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code /CP_1} → {@code CP_1}: the path without its leading (and trailing) slashes and query, decoded. */
    static String identity(String resourceDescriptor) {
        String path = resourceDescriptor == null ? "" : resourceDescriptor;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        try {
            return URLDecoder.decode(path.substring(start, end), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return path.substring(start, end);
        }
    }

    // ------------------------------------------------------------------ connections and messages

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        String identity = identity(handshake.getResourceDescriptor());
        conn.setAttachment(identity);
        Connection replaced = connections.put(identity, new Connection(conn, openings.incrementAndGet()));
        WebSocket previous = replaced == null ? null : replaced.socket();
        if (previous != null && previous != conn) {
            log.warn("Charge point '{}' connected again from {}; its previous connection is closed.", identity,
                    conn.getRemoteSocketAddress());
            previous.close(CloseFrame.NORMAL, "replaced by a new connection of the same charge point");
        } else {
            log.info("Charge point '{}' connected from {}.", identity, conn.getRemoteSocketAddress());
        }
        listener.connected(identity);
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        String identity = conn.getAttachment();
        if (identity == null) {
            return; // refused in the handshake
        }
        pending.values().removeIf(call -> {
            if (call.connection() == conn) {
                call.answer().completeExceptionally(new IllegalStateException("disconnected"));
                return true;
            }
            return false;
        });
        Connection current = connections.get(identity);
        if (current != null && current.socket() == conn && connections.remove(identity, current)) {
            log.info("Charge point '{}' disconnected (code {}{}).", identity, code,
                    reason == null || reason.isEmpty() ? "" : ", " + reason);
            listener.disconnected(identity);
        }
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        String identity = conn.getAttachment();
        OcppFrame frame;
        try {
            frame = OcppFrame.parse(message);
        } catch (OcppFrame.Malformed e) {
            String errorCode = "FormationViolation";
            if (e.answerable()) {
                conn.send(OcppFrame.error(e.uniqueId(), errorCode, e.getMessage()));
            }
            listener.malformed(identity, errorCode, e.getMessage() + ": " + abbreviated(message));
            return;
        }
        if (frame instanceof OcppFrame.Call call) {
            try {
                conn.send(OcppFrame.result(call.uniqueId(), listener.call(identity, call)));
            } catch (CallRefused refused) {
                conn.send(OcppFrame.error(call.uniqueId(), refused.errorCode(), refused.getMessage()));
            }
            return;
        }
        Pending waiting = pending.get(frame.uniqueId());
        if (waiting == null) {
            log.warn("Charge point '{}' answered a call that nobody waits for (any more): {}", identity,
                    abbreviated(message));
        } else {
            waiting.answer().complete(frame);
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null) {
            if (!started.completeExceptionally(ex)) {
                log.error("The OCPP server failed: {}", ex.toString());
            }
        } else {
            log.warn("Connection of charge point '{}' failed: {}", (Object) conn.getAttachment(), ex.toString());
        }
    }

    @Override
    public void onStart() {
        started.complete(null);
    }

    static String abbreviated(String text) {
        String line = text.replace('\n', ' ').replace('\r', ' ');
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
