package io.bemcom.controller.control;

/**
 * Wakes the controller when a setpoint or schedule item starts or ends. There is at most one
 * pending wake-up; each request replaces the previous one.
 */
public interface WakeUps {

    /** Call {@code task} once the clock reaches {@code epochMillis}. */
    void wakeUpAt(long epochMillis, Runnable task);

    /** Forget the pending wake-up. */
    void cancel();
}
