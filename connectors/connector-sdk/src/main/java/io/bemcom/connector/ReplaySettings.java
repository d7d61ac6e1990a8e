package io.bemcom.connector;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;

/**
 * The raw-message replay (our addition): when {@code REPLAY_FROM} or {@code REPLAY_TO} is set, the
 * connector does not run: it reads its stored raw messages of that range from the raw-message-db at
 * {@code RAW_MESSAGE_DB_URL}, runs each through the device's {@code parse}, publishes the values of
 * the mapped datapoints with the raw messages' timestamps, and exits.
 *
 * @param from           first raw-message timestamp to replay (ms, inclusive)
 * @param to             last raw-message timestamp to replay (ms, inclusive)
 * @param rawMessageDb   base address of the raw-message-db's HTTP export, e.g. {@code http://raw-message-db:8081}
 */
public record ReplaySettings(long from, long to, URI rawMessageDb) {

    public static final String REPLAY_FROM = "REPLAY_FROM";
    public static final String REPLAY_TO = "REPLAY_TO";
    public static final String RAW_MESSAGE_DB_URL = "RAW_MESSAGE_DB_URL";

    public ReplaySettings {
        if (from > to) {
            throw new ConfigurationException(REPLAY_TO + " must not be before " + REPLAY_FROM + " ("
                    + Instant.ofEpochMilli(from) + "), got " + Instant.ofEpochMilli(to) + ".");
        }
    }

    /** The replay the environment asks for; empty when neither {@code REPLAY_FROM} nor {@code REPLAY_TO} is set. */
    public static Optional<ReplaySettings> fromEnvironment(Environment env) {
        if (env.optional(REPLAY_FROM).isEmpty() && env.optional(REPLAY_TO).isEmpty()) {
            return Optional.empty();
        }
        long from = instant(env, REPLAY_FROM);
        long to = instant(env, REPLAY_TO);
        String url = env.required(RAW_MESSAGE_DB_URL,
                "the address of the raw-message-db's HTTP export for a replay, e.g. http://raw-message-db:8081");
        return Optional.of(new ReplaySettings(from, to, baseAddress(url)));
    }

    /** Milliseconds since the epoch, or an ISO-8601 time with offset ({@code 2024-05-01T00:00:00Z}, {@code ...+02:00}). */
    private static long instant(Environment env, String variable) {
        String text = env.required(variable, "a time: milliseconds since the epoch or ISO-8601 such as "
                + "2024-05-01T00:00:00Z (a replay needs both " + REPLAY_FROM + " and " + REPLAY_TO + ")").trim();
        if (text.matches("-?\\d+")) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                // too long for a long: reported below
            }
        } else {
            try {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw new ConfigurationException(variable + " must be milliseconds since the epoch or an ISO-8601 time with "
                + "offset such as 2024-05-01T00:00:00Z, got '" + text + "'.");
    }

    private static URI baseAddress(String text) {
        try {
            URI uri = new URI(text.endsWith("/") ? text : text + "/");
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new URISyntaxException(text, "not an http(s) address with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigurationException(RAW_MESSAGE_DB_URL + " must be an http(s) address such as "
                    + "http://raw-message-db:8081, got '" + text + "'.");
        }
    }
}
