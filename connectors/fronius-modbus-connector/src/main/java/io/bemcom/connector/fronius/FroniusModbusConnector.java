package io.bemcom.connector.fronius;

import io.bemcom.connector.ConnectorMain;

/**
 * {@code main} of the Fronius Modbus connector, run by the SDK's {@link ConnectorMain}: SIGTERM/SIGINT
 * stop it gracefully; exit code 1 after a fatal error, 2 for a configuration error naming the
 * variable or part of MODBUS_CONFIG.
 */
public final class FroniusModbusConnector {

    private FroniusModbusConnector() {
    }

    public static void main(String[] args) {
        ConnectorMain.run(context -> FroniusDevice.fromEnvironment(context.environment()));
    }
}
