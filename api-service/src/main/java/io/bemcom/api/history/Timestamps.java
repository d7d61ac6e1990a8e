package io.bemcom.api.history;

/**
 * The original's plausibility check of message timestamps (ms): not above now + 1e11, not below
 * now − 5e11. REST refuses others (400); ingestion stores them, with a log line.
 */
public final class Timestamps {

    private Timestamps() {
    }

    public static String rangeProblem(long timestamp) {
        long now = System.currentTimeMillis();
        if (timestamp > now + 100_000_000_000L) {
            return "Timestamp (" + timestamp + ") seems unreasonably high. Check if it is in milliseconds and contact "
                    + "your adminstrator if this is the case.";
        }
        if (timestamp < now - 500_000_000_000L) {
            return "Timestamp (" + timestamp + ") seems unreasonably low. Check if it is in milliseconds and contact "
                    + "your adminstrator if this is the case.";
        }
        return null;
    }
}
