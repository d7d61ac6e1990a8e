package io.bemcom.connector.ambus;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Lets one request pass at a time, each at least {@code spacing} after the one before, across
 * polls: with {@code spacing = POLL_SECONDS / MAX_POLLS_PER_PERIOD} no window of {@code POLL_SECONDS}
 * holds more than {@code MAX_POLLS_PER_PERIOD} requests. A request waits for its turn; none is
 * dropped (the original's Node-RED delay node in rate-limit mode queued likewise).
 */
final class RateLimit {

    private final long spacingNanos;
    private boolean anyPassed;
    private long lastPassed;

    RateLimit(Duration spacing) {
        this.spacingNanos = spacing.toNanos();
    }

    /** Waits until the next request may go; called from one thread (the poll loop). */
    void awaitTurn() throws InterruptedException {
        if (anyPassed) {
            long wait = lastPassed + spacingNanos - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        anyPassed = true;
        lastPassed = System.nanoTime();
    }
}
