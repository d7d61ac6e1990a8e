package io.bemcom.connector.modbus.tcp;

import io.bemcom.connector.ConnectorMain;

/**
 * {@code main} of the Modbus/TCP connector, run by the SDK's {@link ConnectorMain}: SIGTERM/SIGINT
 * stop it gracefully; exit code 1 after a fatal error (e.g. the broker cannot be reached at
 * start), 2 for a configuration error, whose message names the variable or the part of
 * {@code MODBUS_CONFIG}.
 */
public final class ModbusTcpConnector {

    private ModbusTcpConnector() {
    }

    public static void main(String[] args) {
        ConnectorMain.run(context -> ModbusTcpDevice.fromEnvironment(context.environment()));
    }
}
