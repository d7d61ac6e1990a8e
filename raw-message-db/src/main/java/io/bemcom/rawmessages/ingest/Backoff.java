package io.bemcom.rawmessages.ingest;

import java.time.Duration;

/** A doubling, capped pause between attempts. */
final class Backoff {

    private final long maxMillis;
    private long nextMillis;

    Backoff(Duration first, Duration max) {
        this.nextMillis = first.toMillis();
        this.maxMillis = max.toMillis();
    }

    /** Pauses; false when interrupted (the caller should give up). */
    boolean pause() {
        try {
            Thread.sleep(nextMillis);
            nextMillis = Math.min(maxMillis, nextMillis * 2);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
