package io.bemcom.testsupport;

/** A broker a test owns and may stop and start again on the same port. */
public interface RestartableBroker extends TestBroker, AutoCloseable {

    void stop();

    void start();

    @Override
    void close();
}
