package io.bemcom.connector.ocpp;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * OCPP's dateTime: ISO 8601 with a zone ({@code 2013-02-01T20:53:32.486Z}, {@code +01:00}). Many
 * real charge points send it without one ({@code 2024-05-01T12:00:00}); that is read as UTC, the
 * zone OCPP recommends, instead of refusing the message (and losing its meter values).
 */
final class OcppTime {

    private OcppTime() {
    }

    /** Milliseconds since the epoch, or {@code null} when {@code text} is no ISO 8601 date-time. */
    static Long parse(String text) {
        String trimmed = text.trim();
        try {
            return OffsetDateTime.parse(trimmed, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException withoutZone) {
            try {
                return LocalDateTime.parse(trimmed, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC)
                        .toEpochMilli();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    /** Now in UTC to the second, as the central system's {@code currentTime}: {@code 2024-05-01T12:00:00Z}. */
    static String now(Clock clock) {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
