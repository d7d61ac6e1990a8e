package io.bemcom.connector;

/** The device cannot be used any more: the connector stops and exits with code 1. */
public class FatalDeviceException extends Exception {

    public FatalDeviceException(String message) {
        super(message);
    }

    public FatalDeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
