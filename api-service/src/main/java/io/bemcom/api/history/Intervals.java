package io.bemcom.api.history;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL interval text of fixed length ({@code 15 minutes}, {@code 1 hour 30 min},
 * {@code 1.5 hours}, {@code 00:15:00}, {@code 2 days 01:00:00}, {@code 1 week}) in milliseconds,
 * for databases that cannot parse it themselves. A number without a unit at the end counts
 * seconds, as PostgreSQL reads it ({@code 1} as the Grafana plugin sends it for a unit it does not
 * know, {@code 1 hour 30}). Months and years have no fixed length and are refused, as PostgreSQL's
 * {@code date_bin} refuses them.
 */
public final class Intervals {

    private static final String NUMBER = "([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))";
    private static final Pattern PART = Pattern.compile(NUMBER
            + "\\s*(microseconds?|us|milliseconds?|ms|seconds?|secs?|s|minutes?|mins?|m"
            + "|hours?|hrs?|h|days?|d|weeks?|w)(?=\\s|$)");
    private static final Pattern SECONDS = Pattern.compile(NUMBER + "$");
    private static final Pattern CLOCK = Pattern.compile("([+-]?\\d+):(\\d{1,2})(?::(\\d{1,2}(?:\\.\\d+)?))?");

    private Intervals() {
    }

    public static Optional<Long> toMillis(String interval) {
        if (interval == null) {
            return Optional.empty();
        }
        String text = interval.trim().toLowerCase(Locale.ROOT);
        if (text.startsWith("@")) {
            text = text.substring(1).trim();
        }
        if (text.isEmpty()) {
            return Optional.empty();
        }
        double millis = 0;
        int position = 0;
        while (position < text.length()) {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
            if (position >= text.length()) {
                break;
            }
            Matcher clock = CLOCK.matcher(text).region(position, text.length());
            Matcher part = PART.matcher(text).region(position, text.length());
            Matcher bare = SECONDS.matcher(text).region(position, text.length());
            if (clock.lookingAt() && (clock.end() == text.length() || Character.isWhitespace(text.charAt(clock.end())))) {
                double hours = Double.parseDouble(clock.group(1));
                double minutes = Double.parseDouble(clock.group(2));
                double seconds = clock.group(3) == null ? 0 : Double.parseDouble(clock.group(3));
                double sign = hours < 0 || clock.group(1).startsWith("-") ? -1 : 1;
                millis += sign * ((Math.abs(hours) * 3600 + minutes * 60 + seconds) * 1000);
                position = clock.end();
            } else if (part.lookingAt()) {
                millis += Double.parseDouble(part.group(1)) * unitMillis(part.group(2));
                position = part.end();
            } else if (bare.lookingAt()) {
                millis += Double.parseDouble(bare.group(1)) * 1_000;
                position = bare.end();
            } else {
                return Optional.empty();
            }
        }
        long rounded = Math.round(millis);
        return rounded > 0 ? Optional.of(rounded) : Optional.empty();
    }

    private static double unitMillis(String unit) {
        if (unit.startsWith("microsecond") || unit.equals("us")) {
            return 0.001;
        }
        if (unit.startsWith("millisecond") || unit.equals("ms")) {
            return 1;
        }
        if (unit.startsWith("s")) {
            return 1_000;
        }
        if (unit.startsWith("m")) {
            return 60_000;
        }
        if (unit.startsWith("h")) {
            return 3_600_000;
        }
        if (unit.startsWith("d")) {
            return 86_400_000;
        }
        return 7 * 86_400_000.0;
    }
}
