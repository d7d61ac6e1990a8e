package io.bemcom.connector.keba;

import io.bemcom.connector.ConnectorMain;

/**
 * {@code main} of the KEBA KeContact P30 connector, run by the SDK's {@link ConnectorMain}: SIGTERM/SIGINT
 * stop it gracefully; exit code 1 after a fatal error (e.g. the UDP port cannot be bound), 2 for a
 * configuration error naming the variable.
 */
public final class KebaP30Connector {

    private KebaP30Connector() {
    }

    public static void main(String[] args) {
        ConnectorMain.run(KebaDevice::create);
    }
}
