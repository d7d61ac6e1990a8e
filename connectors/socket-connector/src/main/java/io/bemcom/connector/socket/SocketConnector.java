package io.bemcom.connector.socket;

import io.bemcom.connector.ConnectorMain;

/**
 * {@code main} of the socket connector, run by the SDK's {@link ConnectorMain}: SIGTERM/SIGINT stop it
 * gracefully; exit code 1 after a fatal error (e.g. the broker cannot be reached at start), 2 for a
 * configuration error, whose message names the variable.
 */
public final class SocketConnector {

    private SocketConnector() {
    }

    public static void main(String[] args) {
        ConnectorMain.run(SocketDevice::create);
    }
}
