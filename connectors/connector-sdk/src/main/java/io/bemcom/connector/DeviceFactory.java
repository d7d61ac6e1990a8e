package io.bemcom.connector;

/**
 * Builds a connector's device from its context: the environment for the device's own variables,
 * the SDK's settings, the clock and the meter registry. A bad variable throws
 * {@link io.bemcom.protocol.config.ConfigurationException} naming it (exit code 2).
 */
@FunctionalInterface
public interface DeviceFactory<D extends Device> {

    D create(ConnectorContext context) throws Exception;
}
