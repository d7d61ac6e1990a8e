package io.bemcom.controller.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScheduledWakeUpsTest {

    private final Clock clock = Clock.systemUTC();
    private final ScheduledWakeUps wakeUps = new ScheduledWakeUps(clock);
    private final List<String> woken = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        wakeUps.close();
    }

    @Test
    void wakesUpAtTheRequestedMoment() {
        long at = clock.millis() + 100;

        wakeUps.wakeUpAt(at, () -> woken.add("at " + (clock.millis() >= at)));

        await().atMost(Duration.ofSeconds(5)).until(() -> !woken.isEmpty());
        assertThat(woken).containsExactly("at true");
    }

    @Test
    void aNewRequestReplacesThePendingOne() {
        wakeUps.wakeUpAt(clock.millis() + 100, () -> woken.add("first"));
        wakeUps.wakeUpAt(clock.millis() + 150, () -> woken.add("second"));

        await().atMost(Duration.ofSeconds(5)).until(() -> !woken.isEmpty());
        await().pollDelay(Duration.ofMillis(150)).until(() -> true);
        assertThat(woken).containsExactly("second");
    }

    @Test
    void aCancelledWakeUpNeverComes() {
        wakeUps.wakeUpAt(clock.millis() + 50, () -> woken.add("cancelled"));
        wakeUps.cancel();

        await().pollDelay(Duration.ofMillis(200)).until(() -> true);
        assertThat(woken).isEmpty();
    }

    @Test
    void aFailingTaskDoesNotStopLaterWakeUps() {
        wakeUps.wakeUpAt(clock.millis(), () -> {
            throw new IllegalStateException("boom");
        });
        await().pollDelay(Duration.ofMillis(50)).until(() -> true);

        wakeUps.wakeUpAt(clock.millis(), () -> woken.add("still running"));

        await().atMost(Duration.ofSeconds(5)).until(() -> woken.contains("still running"));
    }
}
