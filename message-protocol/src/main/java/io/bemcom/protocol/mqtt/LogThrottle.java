package io.bemcom.protocol.mqtt;

import java.time.Duration;

/**
 * Lets one log line through per interval and counts the ones it holds back, so that a condition
 * that repeats (a broker that refuses every reconnect, a full buffer) is logged at WARN without
 * flooding the log. The caller logs; the count of held-back events goes into the next line.
 */
final class LogThrottle {

    private final long intervalNanos;
    private long nextNanos;
    private boolean started;
    private long heldBack;

    LogThrottle(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /**
     * Whether to log this event: the number of events held back since the last line that was let
     * through (0 or more), or -1 when this one is held back.
     */
    synchronized long admit() {
        long now = System.nanoTime();
        if (started && now - nextNanos < 0) {
            heldBack++;
            return -1;
        }
        started = true;
        nextNanos = now + intervalNanos;
        long count = heldBack;
        heldBack = 0;
        return count;
    }

    /** Starts afresh: the next event is logged at once (e.g. after the condition has ended). */
    synchronized void reset() {
        started = false;
        heldBack = 0;
    }
}
