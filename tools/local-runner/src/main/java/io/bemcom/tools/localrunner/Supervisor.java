package io.bemcom.tools.localrunner;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Restarts a service that ended by itself, as a container's restart policy does: after a pause
 * that doubles with every crash in a row that came soon after its start ({@link Policy#fastCrash}),
 * up to {@link Policy#maxBackoff}. After {@link Policy#fastCrashLimit} such fast crashes in a row
 * it gives up and says so; a service that ran longer before it crashed starts a new count. A
 * service asked to stop is never restarted. Each death and each return is one line.
 */
final class Supervisor implements AutoCloseable {

    /** When to restart and when to give up. */
    record Policy(int fastCrashLimit, Duration fastCrash, Duration firstBackoff, Duration maxBackoff) {

        static final Policy DEFAULT = new Policy(5, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(30));

        /** The pause before the restart after {@code fastCrashes} fast crashes in a row (0: the first crash). */
        Duration backoff(int fastCrashes) {
            long millis = firstBackoff.toMillis() << Math.min(fastCrashes, 20);
            return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
        }
    }

    private final Policy policy;
    private final Consumer<String> log;
    private final Consumer<String> gaveUp;
    private final Map<String, Integer> fastCrashes = new ConcurrentHashMap<>();
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "local-runner-supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;

    /**
     * @param log    where the one-line status goes
     * @param gaveUp told the service's name when it gives up on it
     */
    Supervisor(Policy policy, Consumer<String> log, Consumer<String> gaveUp) {
        this.policy = policy;
        this.log = log;
        this.gaveUp = gaveUp;
    }

    /** Watches the service from now on (every later run, too). */
    void watch(ServiceProcess service) {
        service.onExit(this::exited);
    }

    private void exited(ServiceProcess service, int exitCode, boolean requested, Duration uptime) {
        if (requested || closed) {
            return; // stopped on purpose: the one stopping it reports it
        }
        String name = service.name();
        boolean fast = uptime.compareTo(policy.fastCrash()) < 0;
        int inARow = fast ? fastCrashes.merge(name, 1, Integer::sum) : 0;
        if (!fast) {
            fastCrashes.remove(name);
        }
        if (inARow >= policy.fastCrashLimit()) {
            log.accept(name + " exited with code " + exitCode + "; it ended " + inARow + " times in a row within "
                    + policy.fastCrash().toSeconds() + " s of its start: giving up on it (its log is above)");
            gaveUp.accept(name);
            return;
        }
        Duration pause = policy.backoff(Math.max(0, inARow - 1));
        log.accept(name + " exited with code " + exitCode + " after " + uptime.toSeconds() + " s; restarting it in "
                + pause.toMillis() / 1000.0 + " s");
        restarts.schedule(() -> restart(service), pause.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void restart(ServiceProcess service) {
        if (closed || service.isAlive()) {
            return;
        }
        try {
            service.start();
            log.accept(service.name() + " is back (pid " + service.pid() + ")");
        } catch (RuntimeException e) {
            log.accept(service.name() + " could not be started again: " + e.getMessage());
            gaveUp.accept(service.name());
        }
    }

    /** Restarts nothing from now on. */
    @Override
    public void close() {
        closed = true;
        restarts.shutdownNow();
    }
}
