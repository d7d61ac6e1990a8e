package io.bemcom.demodevice;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.ghgande.j2mod.modbus.ModbusException;

import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;

/**
 * {@code main} of the demo device. A plain Java program, not Spring Boot: it is one Modbus
 * server and one timer, and starts in well under a second. Exit codes: 2 for a bad environment
 * variable, 1 when the port cannot be served; SIGTERM/SIGINT stop it gracefully, also while Modbus
 * clients are connected (within {@link #SHUTDOWN_GRACE} in any case).
 */
public final class DemoDeviceApplication {

    private static final Logger log = LoggerFactory.getLogger(DemoDeviceApplication.class);
    /** How long SIGTERM waits for the Modbus server to close before the process ends anyway. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private DemoDeviceApplication() {
    }

    public static void main(String[] args) throws InterruptedException {
        DemoDeviceSettings settings;
        try {
            settings = DemoDeviceSettings.fromEnvironment(Environment.system());
        } catch (ConfigurationException e) {
            log.error("Configuration error: {}", e.getMessage());
            System.exit(2);
            return;
        }
        DemoDevice device;
        try {
            device = DemoDevice.start(settings);
        } catch (ModbusException e) {
            log.error("{}", e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeWithin(device, SHUTDOWN_GRACE),
                "demo-device-shutdown"));
        device.awaitClose();
    }

    /**
     * Closes the device from the shutdown hook, but waits for that at most {@code grace}: the JVM
     * ends (and the OS frees the port and every client connection) when the hook returns, so
     * nothing in closing - j2mod's listener join, a log line to a stdout nobody reads - may keep
     * a SIGTERM from ending the process.
     */
    static void closeWithin(DemoDevice device, Duration grace) {
        Thread closer = new Thread(device::close, "demo-device-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(grace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
