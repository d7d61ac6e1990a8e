package io.bemcom.connector.modbus.simulator;

import java.util.Map;

import io.bemcom.connector.testkit.ConnectorRun;
import io.bemcom.testsupport.TestBroker;

/** The test kit's connector defaults plus fast Modbus settings: two attempts 50 ms apart, 1 s timeout. */
public final class ModbusConnectorEnvironment {

    private ModbusConnectorEnvironment() {
    }

    /** For a connector named {@code name} reading the Modbus device on 127.0.0.1:{@code modbusPort}. */
    public static Map<String, String> of(String name, TestBroker broker, int modbusPort) {
        Map<String, String> env = ConnectorRun.environment(name, broker);
        env.put("MODBUS_MASTER_IP", "127.0.0.1");
        env.put("MODBUS_MASTER_PORT", String.valueOf(modbusPort));
        env.put("MODBUS_MAX_RETRIES", "2");
        env.put("MODBUS_RETRY_WAIT_SECONDS", "0.05");
        env.put("MODBUS_TIMEOUT_SECONDS", "1");
        return env;
    }
}
