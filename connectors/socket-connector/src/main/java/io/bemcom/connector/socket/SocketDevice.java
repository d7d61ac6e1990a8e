package io.bemcom.connector.socket;

import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bemcom.connector.ConnectorContext;
import io.bemcom.connector.PushDevice;
import io.bemcom.connector.socket.DocumentStream.Segment;
import io.bemcom.connector.socket.SocketSettings.Server;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The socket connector's device: a TCP client of a device that sends JSON or YAML documents on its
 * own, and optionally a UDP listener for documents one per line. Each document's text is a raw
 * message; parsing it gives the reading, whose nested keys become the datapoint ids ({@code __}
 * between levels), as the original's.
 *
 * <p>{@link #receive} holds one connection until the device closes it, sends nothing for
 * {@code RECV_TIMEOUT} or the connection fails, and then fails with the original's words, so the
 * SDK logs it, counts it ({@code readings{result=read_failed}}) and calls again after its pause,
 * which connects anew.
 */
final class SocketDevice implements PushDevice {

    private static final Logger log = LoggerFactory.getLogger(SocketDevice.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final SocketSettings settings;
    private final ConnectorContext context;
    private volatile Socket connection;
    private volatile DatagramSocket udp;
    private volatile boolean closed;

    SocketDevice(SocketSettings settings, ConnectorContext context) {
        this.settings = settings;
        this.context = context;
    }

    static SocketDevice create(ConnectorContext context) {
        return new SocketDevice(SocketSettings.fromEnvironment(context.environment()), context);
    }

    @Override
    public void start(ConnectorContext context) throws IOException {
        if (settings.udpPort().isPresent()) {
            udp = new DatagramSocket(settings.udpPort().get());
            Thread listener = new Thread(this::listenForDatagrams, "udp-listener");
            listener.setDaemon(true);
            listener.start(); // a thread started here belongs to the connector, so do its log records
            log.info("Listening for documents on UDP port {}, one per line.", udp.getLocalPort());
        }
    }

    @Override
    public void receive(RawMessageSink sink) throws Exception {
        if (settings.server().isEmpty()) {
            Thread.sleep(Long.MAX_VALUE); // only the UDP listener receives; this waits for the stop
            return;
        }
        Server server = settings.server().get();
        log.info("Connecting to device {}", server);
        try (Socket socket = new Socket()) {
            connection = socket;
            if (closed) {
                return;
            }
            try {
                socket.connect(new InetSocketAddress(server.host(), server.port()), (int) CONNECT_TIMEOUT.toMillis());
            } catch (IOException e) {
                throw closed ? e : new IOException("Connecting to device " + server + " failed: " + e.getMessage(), e);
            }
            socket.setSoTimeout(settings.timeout().map(timeout -> (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                    .orElse(0));
            log.info("Connected to device {}; reading {} documents.", server, settings.format());
            read(socket, server, sink);
        } catch (IOException e) {
            if (closed) {
                return; // stopping: closing the socket ended the read
            }
            throw e;
        } finally {
            connection = null;
        }
    }

    private void read(Socket socket, Server server, RawMessageSink sink) throws IOException {
        DocumentStream documents = new DocumentStream(settings.format(),
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8), settings.bufferSize());
        try {
            for (Segment segment = documents.next(); segment != null; segment = documents.next()) {
                deliver(segment, sink);
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("No data received from device " + server + " in " + settings.timeoutText(), e);
        } catch (IOException e) {
            throw new IOException("Reading from device " + server + " failed: " + e.getMessage(), e);
        }
        throw new IOException("Connection to device " + server + " lost: it closed the connection");
    }

    private void deliver(Segment segment, RawMessageSink sink) {
        if (!segment.malformed()) {
            sink.accept(JsonNodeFactory.instance.stringNode(segment.text()));
            return;
        }
        String text = segment.text().strip();
        if (text.isEmpty()) {
            log.warn("Skipped malformed input ({}).", segment.problem());
            return;
        }
        // Handed on as it is: the raw store keeps it, and parsing it fails, logged and counted.
        sink.accept(JsonNodeFactory.instance.stringNode(text));
    }

    /** Every non-blank line of a datagram is a document. */
    private void listenForDatagrams() {
        byte[] buffer = new byte[65_535];
        while (!closed) {
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(datagram);
            } catch (IOException e) {
                if (!closed) {
                    log.error("Receiving a datagram failed: {}", e.getMessage());
                }
                continue;
            }
            String text = new String(datagram.getData(), datagram.getOffset(), datagram.getLength(),
                    StandardCharsets.UTF_8);
            text.lines().filter(line -> !line.isBlank())
                    .forEach(line -> context.push(JsonNodeFactory.instance.stringNode(line)));
        }
    }

    /**
     * The document a raw message holds, as a nested reading: the original's ids are its keys joined
     * with {@code __}.
     */
    @Override
    public JsonNode parse(JsonNode rawMessage) {
        if (rawMessage == null || !rawMessage.isString()) {
            throw new IllegalArgumentException("the raw message is no received text: " + rawMessage);
        }
        JsonNode document;
        try {
            document = settings.format().parse(rawMessage.stringValue());
        } catch (JacksonException e) {
            throw new IllegalArgumentException("Malformed " + settings.format() + " from the device: "
                    + problem(e) + " in " + abbreviated(rawMessage.stringValue()), e);
        }
        if (document == null || !document.isObject()) {
            throw new IllegalArgumentException("A " + settings.format() + " document must be an object (a mapping) of"
                    + " datapoints, got " + abbreviated(rawMessage.stringValue()));
        }
        return document;
    }

    /** Jackson's message without the location it appends (which names no source here). */
    private static String problem(JacksonException e) {
        String message = e.getOriginalMessage();
        int location = message.indexOf(" (start marker at [Source:");
        return (location < 0 ? message : message.substring(0, location)).lines().findFirst().orElse(message);
    }

    private static String abbreviated(String text) {
        String line = text.strip().replace("\r", "\\r").replace("\n", "\\n");
        return "'" + (line.length() > 120 ? line.substring(0, 120) + "..." : line) + "'";
    }

    @Override
    public void close() {
        closed = true;
        Socket socket = connection;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        if (udp != null) {
            udp.close();
        }
    }
}
