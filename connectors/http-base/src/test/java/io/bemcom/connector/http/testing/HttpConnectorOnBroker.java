package io.bemcom.connector.http.testing;

import io.bemcom.connector.http.DeviceHttpClient;
import io.bemcom.connector.testkit.ConnectorOnBroker;

/**
 * The test kit's {@link ConnectorOnBroker} with what the HTTP connectors' tests add: a 1 s time
 * limit per exchange with the device ({@code HTTP_TIMEOUT_SECONDS}), so a slow device fails fast.
 */
public final class HttpConnectorOnBroker {

    private HttpConnectorOnBroker() {
    }

    /** For an HTTP connector named {@code <prefix>-<unique>} on the shared test broker. */
    public static ConnectorOnBroker create(String prefix) {
        return new ConnectorOnBroker(prefix).withDefaults(DeviceHttpClient.TIMEOUT_VARIABLE, "1");
    }
}
