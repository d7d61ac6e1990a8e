package io.bemcom.connector.homematic;

import io.bemcom.connector.ConnectorMain;

/**
 * {@code main} of the Homematic connector, run by the SDK's {@link ConnectorMain}: SIGTERM/SIGINT
 * stop it gracefully (it unregisters from the CCU); exit code 1 after a fatal error (the broker
 * cannot be reached at start, the callback port is taken), 2 for a configuration error naming the
 * variable.
 */
public final class HomematicConnector {

    private HomematicConnector() {
    }

    public static void main(String[] args) {
        ConnectorMain.run(HomematicDevice::create);
    }
}
