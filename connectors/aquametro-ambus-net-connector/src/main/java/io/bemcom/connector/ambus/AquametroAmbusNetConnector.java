package io.bemcom.connector.ambus;

import io.bemcom.connector.ConnectorMain;

/**
 * {@code main} of the aquametro AMBUS Net connector, run by the SDK's {@link ConnectorMain}:
 * SIGTERM/SIGINT stop it gracefully; exit code 1 after a fatal error (e.g. the broker cannot be
 * reached at start), 2 for a configuration error naming the variable.
 */
public final class AquametroAmbusNetConnector {

    private AquametroAmbusNetConnector() {
    }

    public static void main(String[] args) {
        ConnectorMain.run(AmbusNetDevice::create);
    }
}
