package io.bemcom.connector.fronius.solarapi;

import io.bemcom.connector.ConnectorMain;

/**
 * {@code main} of the Fronius Solar API connector, run by the SDK's {@link ConnectorMain}:
 * SIGTERM/SIGINT stop it gracefully; exit code 1 after a fatal error (e.g. the broker cannot be
 * reached at start), 2 for a configuration error naming the variable.
 */
public final class FroniusSolarApiConnector {

    private FroniusSolarApiConnector() {
    }

    public static void main(String[] args) {
        ConnectorMain.run(FroniusSolarApiDevice::create);
    }
}
