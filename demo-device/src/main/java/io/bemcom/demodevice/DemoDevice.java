package io.bemcom.demodevice;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveType;

/**
 * A running demo device: the {@link RoomModel} behind a Modbus/TCP server (j2mod) on all
 * interfaces, stepped once a second. Every unit id reaches the same room, as in the original
 * (pymodbus {@code single=True}); its Readme says "use unit ID 1".
 *
 * <p>For tests, {@link #start(int, boolean, Duration)} with a {@code null} step interval leaves
 * the stepping to the caller ({@link #step()}), so nothing depends on the wall clock.
 */
public final class DemoDevice implements AutoCloseable {

    /** The original's loop: one step, then {@code sleep(1)}. */
    public static final Duration STEP_INTERVAL = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(DemoDevice.class);
    private static final int CONNECTIONS = 16;
    private static final int UNIT_IDS = 256;

    private final RoomModel room = new RoomModel();
    private final boolean logValues;
    private final int port;
    private final ModbusSlave server;
    private final ScheduledExecutorService stepper;
    private final CountDownLatch closed = new CountDownLatch(1);

    private DemoDevice(int port, boolean logValues, Duration stepInterval) throws ModbusException {
        this.port = port;
        this.logValues = logValues;
        if (ModbusSlaveFactory.getSlave(ModbusSlaveType.TCP, port) != null) {
            // j2mod's factory would hand out the server already running in this JVM.
            throw new ModbusException("Cannot serve Modbus/TCP on port " + port + ": already in use in this process");
        }
        server = ModbusSlaveFactory.createTCPSlave(null, port, CONNECTIONS, false);
        server.setThreadName("demo-device-modbus-" + port);
        RoomProcessImage image = new RoomProcessImage(room);
        for (int unit = 0; unit < UNIT_IDS; unit++) {
            server.addProcessImage(unit, image);
        }
        try {
            server.open();
        } catch (ModbusException e) {
            ModbusSlaveFactory.close(server);
            throw new ModbusException("Cannot serve Modbus/TCP on port " + port + " (set by MODBUS_PORT): " + e.getMessage());
        }
        log.info("Demo device serves Modbus/TCP on port {}: input register 1 = room temperature,"
                + " holding register 1 = setpoint (15-30 °C).", port);
        if (stepInterval == null) {
            stepper = null;
        } else {
            stepper = Executors.newSingleThreadScheduledExecutor(body -> {
                Thread thread = new Thread(body, "demo-device-room");
                thread.setDaemon(true);
                return thread;
            });
            stepper.scheduleAtFixedRate(this::step, 0, stepInterval.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Starts the device as the original runs: stepped every second. */
    public static DemoDevice start(DemoDeviceSettings settings) throws ModbusException {
        return new DemoDevice(settings.port(), settings.logValues(), STEP_INTERVAL);
    }

    /**
     * Starts a device on {@code port}; {@code stepInterval == null} means the caller steps it
     * with {@link #step()}.
     */
    public static DemoDevice start(int port, boolean logValues, Duration stepInterval) throws ModbusException {
        return new DemoDevice(port, logValues, stepInterval);
    }

    /** One step of the room; logs the temperature before the step when LOG_VALUES is on. */
    public void step() {
        try {
            double before = room.step();
            if (logValues) {
                log.info("Current temperature: {}", String.format(Locale.ROOT, "%.1f", before));
            }
        } catch (RuntimeException e) {
            // Never let one failure end the scheduled stepping.
            log.error("Stepping the room failed: {}", e.toString());
        }
    }

    public RoomModel room() {
        return room;
    }

    public int port() {
        return port;
    }

    /** Blocks until {@link #close()}. */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /** Stops stepping and serving; idempotent. */
    @Override
    public void close() {
        if (closed.getCount() == 0) {
            return;
        }
        if (stepper != null) {
            stepper.shutdownNow();
        }
        ModbusSlaveFactory.close(server);
        log.info("Demo device on port {} stopped.", port);
        closed.countDown();
    }
}
