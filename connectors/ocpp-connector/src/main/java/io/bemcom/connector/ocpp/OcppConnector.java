package io.bemcom.connector.ocpp;

import io.bemcom.connector.ConnectorMain;

/**
 * {@code main} of the OCPP 1.6J connector, run by the SDK's {@link ConnectorMain}: SIGTERM/SIGINT stop
 * it gracefully; exit code 1 after a fatal error (e.g. {@code OCPP_PORT} cannot be bound), 2 for a
 * configuration error naming the variable.
 */
public final class OcppConnector {

    private OcppConnector() {
    }

    public static void main(String[] args) {
        ConnectorMain.run(OcppDevice::create);
    }
}
