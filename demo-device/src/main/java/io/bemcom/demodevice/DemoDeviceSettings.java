package io.bemcom.demodevice;

import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;

/**
 * The demo device's environment.
 *
 * @param port      {@code MODBUS_PORT} (our addition), default 502 as in the original; any port
 *                  above 1023 lets it run without root
 * @param logValues {@code LOG_VALUES}: unset or empty means on, as in the original; otherwise on
 *                  only for exactly {@code TRUE} (so {@code FALSE}, {@code true} or {@code no} turn
 *                  it off)
 */
public record DemoDeviceSettings(int port, boolean logValues) {

    public static final int DEFAULT_PORT = 502;

    public DemoDeviceSettings {
        if (port < 1 || port > 65_535) {
            throw new ConfigurationException("MODBUS_PORT must be a TCP port (1-65535), got " + port + ".");
        }
    }

    public static DemoDeviceSettings fromEnvironment(Environment env) {
        return new DemoDeviceSettings(
                env.integer("MODBUS_PORT", DEFAULT_PORT),
                env.optional("LOG_VALUES").map("TRUE"::equals).orElse(true));
    }
}
