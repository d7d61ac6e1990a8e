package io.bemcom.controller.mqtt;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bemcom.controller.control.WakeUps;

/**
 * Wake-ups on a timer thread. The delay is taken from the clock when the wake-up is requested;
 * should it fire a little early, the controller finds nothing changed and asks again.
 */
public final class ScheduledWakeUps implements WakeUps, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ScheduledWakeUps.class);

    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "controller-wake-up");
        thread.setDaemon(true);
        return thread;
    });
    private ScheduledFuture<?> pending;

    public ScheduledWakeUps(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void wakeUpAt(long epochMillis, Runnable task) {
        cancel();
        long delay = Math.max(0, epochMillis - clock.millis());
        pending = timer.schedule(() -> runSafely(task), delay, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void cancel() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // An exception would end this timer task silently; the next message schedules again.
            log.error("A scheduled re-evaluation failed", e);
        }
    }
}
