package io.bemcom.connector;

import java.time.Duration;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a device request, as the original's Modbus connector does: {@code maxAttempts} is the
 * total number of attempts (3 = up to 3 attempts with 2 waits; 1 = no retry).
 */
public final class Retry {

    private static final Logger log = LoggerFactory.getLogger(Retry.class);

    private final int maxAttempts;
    private final Duration wait;

    public Retry(int maxAttempts, Duration wait) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt is needed, got " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.wait = wait;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Calls {@code request} until it succeeds or the attempts are used up.
     *
     * @param what for the log, e.g. {@code "reading read_input_registers[0] of unit 1"}
     * @throws RetriesExhaustedException with the last failure as cause
     * @throws InterruptedException      when interrupted while waiting (the connector stops)
     */
    public <T> T call(String what, Callable<T> request) throws RetriesExhaustedException, InterruptedException {
        Exception last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                return request.call();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                last = e;
                if (attempt < maxAttempts) {
                    log.info("{} failed (attempt {} of {}): {}; retrying in {} s.", what, attempt, maxAttempts,
                            e.getMessage(), wait.toMillis() / 1000.0);
                    Thread.sleep(wait.toMillis());
                }
            }
        }
        throw new RetriesExhaustedException(what + " failed " + maxAttempts + " time(s); last error: "
                + (last == null ? "none" : last.getMessage()), last);
    }

    /** Every attempt failed. */
    public static class RetriesExhaustedException extends Exception {
        public RetriesExhaustedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
