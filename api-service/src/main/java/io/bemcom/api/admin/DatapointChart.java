package io.bemcom.api.admin;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import io.bemcom.protocol.JsonValues;

/**
 * The history chart of a datapoint's numeric values: the time range asked for (a preset such as
 * {@code 24h}, UTC {@code from}/{@code to}, or by default {@code fit}: the range of the values the
 * datapoint has) and the series, thinned to at most 2,000 points.
 */
@Component
class DatapointChart {

    /** What the chart page shows; {@code series} is the points as JSON ({@code [[ms,value],...]}). */
    record Chart(String series, int count, String range, String from, String to, long startMs, long endMs,
                 String error) {
    }

    private static final long DAY = 86_400_000L;
    private static final int MAX_POINTS = 2000;

    private final AdminQueries queries;

    DatapointChart(AdminQueries queries) {
        this.queries = queries;
    }

    Chart of(long datapointId, String range, String from, String to, long now) {
        long end = now;
        long start;
        String error = null;
        if (!from.isBlank() || !to.isBlank()) {
            try {
                start = from.isBlank() ? now - DAY : utc(from);
                end = to.isBlank() ? now : utc(to);
                range = "custom";
            } catch (DateTimeParseException e) {
                error = "Enter the range as UTC date and time (YYYY-MM-DDTHH:MM).";
                start = now - DAY;
            }
        } else if (range.equals("fit")) {
            // The default: from the first to the last numeric value the datapoint has (24 h when it has none).
            long[] extent = queries.numericExtent(datapointId);
            start = extent == null ? now - DAY : extent[0];
            end = extent == null ? now : extent[1];
            if (end - start < 60_000L) { // one value, or a burst: a minute around it
                start -= 30_000L;
                end += 30_000L;
            }
        } else {
            start = now - switch (range) {
                case "1h" -> 3_600_000L;
                case "7d" -> 7 * DAY;
                case "30d" -> 30 * DAY;
                case "365d" -> 365 * DAY;
                default -> DAY;
            };
        }
        List<double[]> points = start <= end ? queries.numericSeries(datapointId, start, end, MAX_POINTS)
                : new ArrayList<>();
        String series = points.stream().map(p -> "[" + (long) p[0] + "," + JsonValues.of(p[1]) + "]")
                .collect(Collectors.joining(",", "[", "]"));
        return new Chart(series, points.size(), range, minutes(start), minutes(end), start, end, error);
    }

    private static long utc(String text) {
        return LocalDateTime.parse(text.trim()).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** The time as the form's UTC field shows it, to the minute. */
    private static String minutes(long millis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC).withSecond(0).withNano(0).toString();
    }
}
