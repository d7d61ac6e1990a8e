package io.bemcom.api.admin;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/** Formatting helpers the templates call as {@code ${@fmt.time(ms)}}: times in UTC, JSON cut like the original. */
@Component("fmt")
public class AdminFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'")
            .withZone(ZoneOffset.UTC);

    public String time(Long millis) {
        return millis == null ? "-" : TIME.format(Instant.ofEpochMilli(millis));
    }

    /** How long ago {@code millis} was: "12 s ago", "5 min ago", "3 h ago", "2 d ago". */
    public String age(Long millis) {
        if (millis == null) {
            return "-";
        }
        long seconds = Math.max(0, (System.currentTimeMillis() - millis) / 1000);
        if (seconds < 120) {
            return seconds + " s ago";
        }
        if (seconds < 7_200) {
            return seconds / 60 + " min ago";
        }
        if (seconds < 172_800) {
            return seconds / 3_600 + " h ago";
        }
        return seconds / 86_400 + " d ago";
    }

    /** The original cuts example and last values at 100 characters and appends " [truncated]". */
    public String cut(String json) {
        if (json == null) {
            return "-";
        }
        return json.length() > 100 ? json.substring(0, 100) + " [truncated]" : json;
    }

    public String level(int level) {
        return switch (level) {
            case 10 -> "DEBUG";
            case 20 -> "INFO";
            case 30 -> "WARNING";
            case 40 -> "ERROR";
            case 50 -> "CRITICAL";
            default -> String.valueOf(level);
        };
    }
}
