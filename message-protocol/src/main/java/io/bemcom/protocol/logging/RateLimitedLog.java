package io.bemcom.protocol.logging;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * Log lines that may repeat at the rate of incoming messages (a bad payload per second, a failing
 * database write per attempt): at most one line per key and interval; the next line that passes
 * says how many were left out meanwhile. Counters, not log lines, carry the exact numbers.
 */
public final class RateLimitedLog {

    private static final int MAX_KEYS = 1_000;

    private final Logger log;
    private final long intervalNanos;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        boolean used;
        long next;
        long suppressed;
    }

    public RateLimitedLog(Logger log, Duration interval) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
    }

    /** Logs at WARN unless a line of {@code key} went out less than an interval ago; whether it logged. */
    public boolean warn(String key, String format, Object... arguments) {
        return emit(Level.WARN, key, format, arguments);
    }

    public boolean info(String key, String format, Object... arguments) {
        return emit(Level.INFO, key, format, arguments);
    }

    public boolean error(String key, String format, Object... arguments) {
        return emit(Level.ERROR, key, format, arguments);
    }

    /** Starts {@code key} afresh: its next line goes out at once (e.g. after the condition has ended). */
    public void reset(String key) {
        windows.remove(key);
    }

    private boolean emit(Level level, String key, String format, Object... arguments) {
        if (!log.isEnabledForLevel(level)) {
            return false;
        }
        if (windows.size() > MAX_KEYS) {
            windows.clear();
        }
        Window window = windows.computeIfAbsent(key, k -> new Window());
        long suppressed;
        synchronized (window) {
            long now = System.nanoTime();
            if (window.used && now - window.next < 0) {
                window.suppressed++;
                return false;
            }
            suppressed = window.suppressed;
            window.suppressed = 0;
            window.used = true;
            window.next = now + intervalNanos;
        }
        String suffix = suppressed > 0 ? " (" + suppressed + " more like this since the last such line)" : "";
        log.atLevel(level).log(format + suffix, arguments);
        return true;
    }
}
