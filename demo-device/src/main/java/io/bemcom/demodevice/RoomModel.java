package io.bemcom.demodevice;

/**
 * The simulated room of the original demo device: a first-order lag of the temperature towards
 * the setpoint, {@code temperature += 0.1 * (setpoint - temperature)} per step (one step a second
 * in the running device, time constant about 9.5 s). It starts at 21.0 °C with a setpoint of
 * 24.0 °C, so 21.0, 21.3, 21.57, 21.813, ...
 *
 * <p>The model has no clock: whoever owns it calls {@link #step()}; tests step it by hand.
 * Thread-safe: the Modbus server reads and writes it from its own threads.
 */
public final class RoomModel {

    public static final double INITIAL_TEMPERATURE = 21.0;
    public static final double INITIAL_SETPOINT = 24.0;
    public static final double MIN_SETPOINT = 15.0;
    public static final double MAX_SETPOINT = 30.0;
    static final double FACTOR = 0.1;

    private double temperature = INITIAL_TEMPERATURE;
    private double setpoint = INITIAL_SETPOINT;

    /** Advances the room by one step; returns the temperature before the step. */
    public synchronized double step() {
        double before = temperature;
        temperature += FACTOR * (setpoint - temperature);
        return before;
    }

    public synchronized double temperature() {
        return temperature;
    }

    public synchronized double setpoint() {
        return setpoint;
    }

    /**
     * Sets the setpoint, clipped to 15..30 °C as in the original (±infinity become the bounds).
     * NaN is rejected with {@link IllegalArgumentException}: the original stored it unclipped and
     * the room temperature became NaN for good.
     *
     * @return the setpoint now in force
     */
    public synchronized double setSetpoint(double celsius) {
        if (Double.isNaN(celsius)) {
            throw new IllegalArgumentException("a setpoint of NaN is not a temperature");
        }
        setpoint = Math.max(MIN_SETPOINT, Math.min(MAX_SETPOINT, celsius));
        return setpoint;
    }
}
