package io.bemcom.connector.socket;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;

/**
 * The socket connector's configuration, read once at start.
 *
 * @param server     {@code SERVER_IP} and {@code SERVER_PORT}: the device to connect to over TCP (both
 *                   required, unless only the UDP listener is wanted)
 * @param bufferSize {@code RECV_BUFSIZE}, default 4096: the most characters read at once; it no longer
 *                   limits a document, which may arrive in any number of reads
 * @param timeout    {@code RECV_TIMEOUT}, default 60 s: reconnect when nothing arrived for this long; empty
 *                   (wait without limit) for a negative value or 0
 * @param format     {@code PARSE_AS}: {@code JSON} (default) or {@code YAML}
 * @param udpPort    {@code UDP_LISTEN_PORT} (our addition): also receive datagrams on this UDP port, one
 *                   document per line; empty (the default) for no UDP listener
 */
record SocketSettings(Optional<Server> server, int bufferSize, Optional<Duration> timeout, DocumentFormat format,
                      Optional<Integer> udpPort) {

    static final int DEFAULT_BUFFER_SIZE = 4096;
    static final double DEFAULT_TIMEOUT_SECONDS = 60;

    /** A TCP endpoint. */
    record Server(String host, int port) {

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    SocketSettings {
        if (bufferSize < 1) {
            throw new ConfigurationException("RECV_BUFSIZE must be a positive number of bytes, got " + bufferSize + ".");
        }
        if (server.isEmpty() && udpPort.isEmpty()) {
            throw new ConfigurationException("SERVER_IP is not set: it must hold the host name or IP address of the"
                    + " device that sends the documents (or set UDP_LISTEN_PORT to receive them over UDP only).");
        }
    }

    static SocketSettings fromEnvironment(Environment env) {
        Optional<Integer> udpPort = env.optional("UDP_LISTEN_PORT").map(value -> port(env, "UDP_LISTEN_PORT"));
        Optional<Server> server = udpPort.isPresent() && env.optional("SERVER_IP").isEmpty() ? Optional.empty()
                : Optional.of(new Server(
                        env.required("SERVER_IP", "the host name or IP address of the device that sends the documents"),
                        port(env, "SERVER_PORT")));
        double timeout = env.decimal("RECV_TIMEOUT", DEFAULT_TIMEOUT_SECONDS);
        return new SocketSettings(server, env.integer("RECV_BUFSIZE", DEFAULT_BUFFER_SIZE),
                timeout > 0 ? Optional.of(Duration.ofMillis(Math.max(1, Math.round(timeout * 1000)))) : Optional.empty(),
                format(env.string("PARSE_AS", "JSON")), udpPort);
    }

    private static int port(Environment env, String name) {
        int port = env.requiredInteger(name, "the port number");
        if (port < 1 || port > 65_535) {
            throw new ConfigurationException(name + " must be a port (1-65535), got " + port + ".");
        }
        return port;
    }

    private static DocumentFormat format(String value) {
        try {
            return DocumentFormat.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("PARSE_AS must be JSON or YAML, got '" + value + "'.");
        }
    }

    /** How {@code RECV_TIMEOUT} reads in a log line. */
    String timeoutText() {
        return timeout.map(limit -> limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " seconds"
                : limit.toMillis() / 1000.0 + " seconds").orElse("unlimited time");
    }
}
