package io.bemcom.rawmessages.export;

/**
 * The {@code from} and {@code to} of an export, both inclusive, in ms since the epoch (UTC), like
 * the API's {@code timestamp__gte} and {@code timestamp__lte}. A missing bound is open.
 */
record TimeRange(long from, long to) {

    static TimeRange parse(String from, String to) {
        long lower = bound("from", from, Long.MIN_VALUE);
        long upper = bound("to", to, Long.MAX_VALUE);
        if (lower > upper) {
            throw new InvalidParameter("to", "must not be before from (" + lower + ")");
        }
        return new TimeRange(lower, upper);
    }

    private static long bound(String name, String text, long open) {
        if (text == null || text.isBlank()) {
            return open;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameter(name, "must be an integer timestamp in milliseconds, got '" + text + "'");
        }
    }

    /** A query parameter that cannot be used, and why. */
    static final class InvalidParameter extends RuntimeException {

        final String field;

        InvalidParameter(String field, String reason) {
            super(reason, null, false, false);
            this.field = field;
        }
    }
}
