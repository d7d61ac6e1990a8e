package io.bemcom.connector.knx;

import io.bemcom.connector.ConnectorMain;

/**
 * {@code main} of the KNX connector, run by the SDK's {@link ConnectorMain}: SIGTERM/SIGINT stop it
 * gracefully; exit code 1 after a fatal error (e.g. the broker cannot be reached at start), 2 for a
 * configuration error, whose message names the variable or the part of {@code KNX_DATAPOINTS}.
 */
public final class KnxConnector {

    private KnxConnector() {
    }

    public static void main(String[] args) {
        ConnectorMain.run(KnxDevice::create);
    }
}
