package io.bemcom.protocol.mqtt;

/** The broker could not be reached or refused the connection. */
public class BrokerException extends RuntimeException {

    public BrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}
