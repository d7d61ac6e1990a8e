package io.bemcom.demodevice;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.ghgande.j2mod.modbus.ModbusException;

import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;

/**
 * {@code main} of the demo device. A plain Java program, not Spring Boot: it is one Modbus
 * server and one timer, and starts in well under a second. Exit codes: 2 for a bad environment
 * variable, 1 when the port cannot be served; SIGTERM/SIGINT stop it gracefully.
 */
public final class DemoDeviceApplication {

    private static final Logger log = LoggerFactory.getLogger(DemoDeviceApplication.class);

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
        Runtime.getRuntime().addShutdownHook(new Thread(device::close, "demo-device-shutdown"));
        device.awaitClose();
    }
}
