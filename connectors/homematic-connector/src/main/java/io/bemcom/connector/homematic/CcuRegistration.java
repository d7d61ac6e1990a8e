package io.bemcom.connector.homematic;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bemcom.connector.homematic.xmlrpc.MalformedXmlRpcException;
import io.bemcom.connector.homematic.xmlrpc.XmlRpcClient;
import io.bemcom.connector.homematic.xmlrpc.XmlRpcFault;

/**
 * The connector's registration at one CCU interface, kept alive as the Homematic XML-RPC
 * specification has it: {@code init(url, interface_id)} makes the interface call {@code url} back
 * ({@code listDevices}, {@code newDevices}, then an {@code event} for every value); {@code ping(caller_id)}
 * makes it send the event {@code PONG}, so a registration the CCU still honours is never silent.
 *
 * <p>{@link #check} runs periodically: not registered → {@code init}; no callback for half the ping
 * timeout → {@code ping}; none for the whole timeout (the CCU forgot the registration, restarted in
 * between, or cannot reach the callback) → {@code init} again. A failing call marks the interface
 * unreachable (one log line until it answers again, every failure counted) and the next check
 * registers again: that also covers a CCU that restarted.
 */
final class CcuRegistration {

    private static final Logger log = LoggerFactory.getLogger(CcuRegistration.class);
    private static final Duration UNREGISTER_TIMEOUT = Duration.ofSeconds(2);

    private final CcuInterface iface;
    private final String interfaceId;
    private final XmlRpcClient client;
    private final URI callbackUrl;
    private final long timeoutMillis;
    private final Clock clock;
    private final HomematicMetrics metrics;

    private volatile long lastContact;
    private volatile boolean registered;
    private volatile boolean mayBeRegistered;
    private volatile boolean unreachable;

    CcuRegistration(CcuInterface iface, String interfaceId, XmlRpcClient client, URI callbackUrl,
                    Duration pingTimeout, Clock clock, HomematicMetrics metrics) {
        this.iface = iface;
        this.interfaceId = interfaceId;
        this.client = client;
        this.callbackUrl = callbackUrl;
        this.timeoutMillis = pingTimeout.toMillis();
        this.clock = clock;
        this.metrics = metrics;
    }

    CcuInterface iface() {
        return iface;
    }

    String interfaceId() {
        return interfaceId;
    }

    XmlRpcClient client() {
        return client;
    }

    /** The interface called back: it knows the registration. */
    void contact() {
        lastContact = clock.millis();
    }

    /** Registers, pings or registers again, as the time since the last callback asks. */
    void check() {
        if (!registered) {
            register();
            return;
        }
        long silence = clock.millis() - lastContact;
        if (silence >= timeoutMillis) {
            log.warn("The CCU's {} interface has not called back for {} s; registering again.", iface.name(),
                    silence / 1000);
            metrics.silence(iface.name());
            register();
        } else if (silence >= timeoutMillis / 2) {
            ping();
        }
    }

    private void register() {
        // From now on the CCU may know us, even if the answer never arrives: close() unregisters.
        mayBeRegistered = true;
        try {
            client.call("init", callbackUrl.toString(), interfaceId);
        } catch (IOException | MalformedXmlRpcException | XmlRpcFault e) {
            registered = false;
            failed("init", e);
            return;
        }
        metrics.call("init", "ok");
        // The interface gets a whole timeout to call back before it counts as silent.
        lastContact = clock.millis();
        registered = true;
        unreachable = false;
        log.info("Registered at the CCU's {} interface ({}) as '{}' for callbacks to {}.", iface.name(), client.uri(),
                interfaceId, callbackUrl);
    }

    private void ping() {
        try {
            client.call("ping", interfaceId);
            metrics.call("ping", "ok");
        } catch (XmlRpcFault fault) {
            // An interface without ping (older firmware): silence alone decides when to register again.
            metrics.call("ping", "fault");
            log.debug("The CCU's {} interface answered ping with {}.", iface.name(), fault.toString());
        } catch (IOException | MalformedXmlRpcException e) {
            registered = false;
            failed("ping", e);
        }
    }

    private void failed(String method, Exception e) {
        if (Thread.currentThread().isInterrupted()) {
            return; // the connector is stopping and interrupted the call
        }
        metrics.call(method, e instanceof XmlRpcFault ? "fault" : "failed");
        metrics.readFailed();
        String reason = e instanceof XmlRpcFault fault ? "it answered with " + fault : describe(e);
        if (!unreachable) {
            unreachable = true;
            log.error("The CCU's {} interface at {} failed {}: {}; registering again until it answers.",
                    iface.name(), client.uri(), method, reason);
        } else {
            log.debug("The CCU's {} interface at {} still fails {}: {}", iface.name(), client.uri(), method, reason);
        }
    }

    /** The JDK's HttpClient throws a ConnectException without a message; its cause says more. */
    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t == e ? t.getMessage() : t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }

    /** Ends the registration ({@code init(url, "")}) if the CCU may have one; best effort, briefly. */
    void unregister() {
        if (!mayBeRegistered) {
            return;
        }
        registered = false;
        mayBeRegistered = false;
        try {
            client.withTimeout(UNREGISTER_TIMEOUT).call("init", callbackUrl.toString(), "");
            log.info("Unregistered from the CCU's {} interface.", iface.name());
        } catch (IOException | MalformedXmlRpcException | XmlRpcFault e) {
            log.debug("Unregistering from the CCU's {} interface failed: {}", iface.name(), e.toString());
        }
    }
}
