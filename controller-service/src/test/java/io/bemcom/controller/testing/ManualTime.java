package io.bemcom.controller.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import io.bemcom.controller.control.WakeUps;

/**
 * A clock the test moves, with the controller's wake-ups run when the clock passes them: time in
 * a test passes only by {@link #advance}, never by sleeping. Wake-ups run on the advancing
 * thread at exactly their moment.
 */
public final class ManualTime implements WakeUps {

    private volatile long now;
    private long pendingAt;
    private Runnable pendingTask;
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }

        @Override
        public long millis() {
            return now;
        }
    };

    public ManualTime(long startMillis) {
        this.now = startMillis;
    }

    /** 2020-01-26T00:53:20Z, the frozen "now" of the original's controller tests. */
    public static ManualTime atOriginalTestsNow() {
        return new ManualTime(1_580_000_000_000L);
    }

    public Clock clock() {
        return clock;
    }

    public long now() {
        return now;
    }

    /** Moves the clock, running every wake-up that falls due on the way. */
    public void advance(Duration step) {
        long target = now + step.toMillis();
        while (true) {
            Runnable due;
            synchronized (this) {
                if (pendingTask == null || pendingAt > target) {
                    break;
                }
                now = Math.max(now, pendingAt);
                due = pendingTask;
                pendingTask = null;
            }
            due.run();
        }
        now = target;
    }

    public void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }

    /** The moment of the pending wake-up, or -1. */
    public synchronized long pendingWakeUp() {
        return pendingTask == null ? -1 : pendingAt;
    }

    @Override
    public synchronized void wakeUpAt(long epochMillis, Runnable task) {
        pendingAt = epochMillis;
        pendingTask = task;
    }

    @Override
    public synchronized void cancel() {
        pendingTask = null;
    }
}
