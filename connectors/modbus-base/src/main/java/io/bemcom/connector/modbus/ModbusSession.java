package io.bemcom.connector.modbus;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bemcom.connector.Retry;
import io.bemcom.connector.Retry.RetriesExhaustedException;

/**
 * The connector's use of its device: polls and writes over one {@link ModbusClient}, never at the
 * same time (one lock around a whole poll cycle and around each write sequence, as the original's
 * lock), each request with {@code MODBUS_MAX_RETRIES} attempts {@code MODBUS_RETRY_WAIT_SECONDS}
 * apart, {@code MODBUS_POLL_BREAK} after every request, and {@code MODBUS_DISCONNECT_BETWEEN_POLLS}.
 *
 * <p>Failures, and how they differ from the original (which stopped the connector on all of them):
 * <ul>
 *   <li>The device cannot be reached (connect refused, timeout, reset): the poll ends at once
 *       with an {@link IOException}; the SDK logs and counts it, and the next poll reconnects.
 *       So the connector simply carries on once the device is back.</li>
 *   <li>A range the device keeps answering with a Modbus exception after all attempts: that
 *       range is left out of this poll (logged as an error); the other ranges are published. If
 *       every range was refused, the poll fails as a whole.</li>
 *   <li>A connection that was open but turns out dead (a device or gateway that drops idle
 *       connections) is reopened and the request resent once at once, before any retry wait.</li>
 * </ul>
 */
public final class ModbusSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ModbusSession.class);

    private final ModbusClient client;
    private final Retry retry;
    private final Duration pollBreak;
    private final boolean disconnectBetweenPolls;
    private final ReentrantLock lock = new ReentrantLock();

    public ModbusSession(ModbusClient client, ModbusTcpSettings settings) {
        this(client, new Retry(settings.maxAttempts(), settings.retryWait()), settings.pollBreak(),
                settings.disconnectBetweenPolls());
    }

    public ModbusSession(ModbusClient client, Retry retry, Duration pollBreak, boolean disconnectBetweenPolls) {
        this.client = client;
        this.retry = retry;
        this.pollBreak = pollBreak;
        this.disconnectBetweenPolls = disconnectBetweenPolls;
    }

    @FunctionalInterface
    private interface Request<T> {
        T send(ModbusClient client) throws IOException, ModbusExceptionResponse;
    }

    /**
     * Reads every range once, in order.
     *
     * @throws IOException             the device could not be reached (the poll was abandoned)
     * @throws ModbusExceptionResponse the device refused every range
     */
    public PollResult poll(List<ReadRange> ranges) throws IOException, ModbusExceptionResponse, InterruptedException {
        lock.lockInterruptibly();
        try {
            PollResult result = new PollResult();
            List<String> refusals = new ArrayList<>();
            ModbusExceptionResponse lastRefusal = null;
            for (ReadRange range : ranges) {
                try {
                    if (range.function().usesRegisters()) {
                        result.addRegisters(range, call(describe(range),
                                c -> c.readRegisters(range.function(), range.unit(), range.address(), range.count())));
                    } else {
                        result.addBits(range, call(describe(range),
                                c -> c.readBits(range.function(), range.unit(), range.address(), range.count())));
                    }
                } catch (ModbusExceptionResponse e) {
                    lastRefusal = e;
                    refusals.add(e.getMessage());
                }
                pause();
            }
            if (result.isEmpty() && lastRefusal != null) {
                throw new ModbusExceptionResponse(lastRefusal.code(), "the device refused every range: "
                        + String.join("; ", refusals));
            }
            refusals.forEach(refusal -> log.error("Reading {}. Its values are left out of this poll.", refusal));
            return result;
        } finally {
            if (disconnectBetweenPolls) {
                client.disconnect();
            }
            lock.unlock();
        }
    }

    /**
     * Sends {@code requests} in order, with no poll in between (e.g. a value and then the register
     * that enables it). Stops at the first request that fails after all attempts.
     */
    public void write(List<WriteRequest> requests) throws IOException, ModbusExceptionResponse, InterruptedException {
        lock.lockInterruptibly();
        try {
            for (WriteRequest request : requests) {
                call(request.toString(), c -> {
                    request.sendTo(c);
                    return null;
                });
                pause();
            }
        } finally {
            if (disconnectBetweenPolls) {
                client.disconnect();
            }
            lock.unlock();
        }
    }

    /** Closes the connection (waiting briefly for a request in progress). */
    @Override
    public void close() {
        boolean locked = false;
        try {
            locked = lock.tryLock(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            client.disconnect();
        } finally {
            if (locked) {
                lock.unlock();
            }
        }
    }

    /** One request with all its attempts; the last failure is rethrown as it was. */
    private <T> T call(String what, Request<T> request)
            throws IOException, ModbusExceptionResponse, InterruptedException {
        try {
            return retry.call(what, () -> attempt(request));
        } catch (RetriesExhaustedException e) {
            Throwable last = e.getCause();
            if (last instanceof ModbusExceptionResponse refusal) {
                throw new ModbusExceptionResponse(refusal.code(), what + " failed " + retry.maxAttempts()
                        + " time(s): " + refusal.getMessage());
            }
            if (last instanceof IOException failure) {
                throw new IOException(what + " failed " + retry.maxAttempts() + " time(s): " + failure.getMessage(),
                        failure);
            }
            throw new IOException(e.getMessage(), last);
        }
    }

    private <T> T attempt(Request<T> request) throws IOException, ModbusExceptionResponse {
        boolean wasConnected = client.isConnected();
        client.connect();
        try {
            return request.send(client);
        } catch (IOException e) {
            client.disconnect();
            if (!wasConnected) {
                throw e;
            }
            log.debug("The open connection failed ({}); reconnecting once right away.", e.getMessage());
        }
        client.connect();
        try {
            return request.send(client);
        } catch (IOException e) {
            client.disconnect();
            throw e;
        }
    }

    private void pause() throws InterruptedException {
        if (!pollBreak.isZero()) {
            TimeUnit.NANOSECONDS.sleep(pollBreak.toNanos());
        }
    }

    private static String describe(ReadRange range) {
        return range.function() + " (FC" + range.function().functionCode() + ") of " + range.count() + " from address "
                + range.address() + " on unit " + range.unit() + " (" + range.path() + ")";
    }
}
