package io.bemcom.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class RetryTest {

    @Test
    void maxAttemptsIsTheTotalNumberOfAttempts() {
        AtomicInteger attempts = new AtomicInteger();
        Retry retry = new Retry(3, Duration.ZERO);

        assertThatThrownBy(() -> retry.call("reading unit 1", () -> {
            attempts.incrementAndGet();
            throw new IOException("timeout");
        })).isInstanceOf(Retry.RetriesExhaustedException.class)
                .hasMessage("reading unit 1 failed 3 time(s); last error: timeout")
                .hasCauseInstanceOf(IOException.class);
        assertThat(attempts).hasValue(3);
    }

    @Test
    void returnsTheFirstSuccess() throws Exception {
        AtomicInteger attempts = new AtomicInteger();

        String result = new Retry(3, Duration.ofMillis(1)).call("x", () -> {
            if (attempts.incrementAndGet() < 2) {
                throw new IOException("busy");
            }
            return "ok";
        });

        assertThat(result).isEqualTo("ok");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void oneAttemptMeansNoRetry() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> new Retry(1, Duration.ofHours(1)).call("x", () -> {
            attempts.incrementAndGet();
            throw new IOException("down");
        })).isInstanceOf(Retry.RetriesExhaustedException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void refusesZeroAttempts() {
        assertThatThrownBy(() -> new Retry(0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
