package io.bemcom.connector;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.MDC;

/**
 * Threads of one connector: daemon threads named after it, each carrying the connector's name in
 * the logging context, so its log records are forwarded to its own logs topic even when several
 * connectors share a JVM.
 *
 * <p>The name is also kept in an inheritable thread-local: a thread that a library starts while a
 * connector's code runs (Calimero's receiver, Java-WebSocket's server, the JDK's HttpServer and
 * HttpClient, a second Paho client) inherits it, so the records those threads log belong to that
 * connector too, without the device doing anything.
 */
final class ConnectorThreads {

    static final String MDC_KEY = "bemcom.connector";

    private static final InheritableThreadLocal<String> OWNER = new InheritableThreadLocal<>();

    private final String connector;

    ConnectorThreads(String connector) {
        this.connector = connector;
    }

    /** The connector whose code started the current thread (or its ancestors); {@code null} for none. */
    static String inheritedOwner() {
        return OWNER.get();
    }

    Thread newThread(String role, Runnable body) {
        Thread thread = new Thread(() -> {
            MDC.put(MDC_KEY, connector);
            OWNER.set(connector);
            body.run();
        }, connector + "-" + role);
        thread.setDaemon(true);
        return thread;
    }

    /** Threads {@code <connector>-<role>-<n>} of this connector, for a library that takes a thread factory. */
    ThreadFactory factory(String role) {
        AtomicInteger count = new AtomicInteger();
        return body -> newThread(role + "-" + count.incrementAndGet(), body);
    }

    ExecutorService singleThreadExecutor(String role) {
        return Executors.newSingleThreadExecutor(body -> newThread(role, body));
    }

    ScheduledExecutorService scheduler(String role) {
        return Executors.newSingleThreadScheduledExecutor(body -> newThread(role, body));
    }

    /** Runs {@code body} as the connector's: in its logging context, and starting threads that belong to it. */
    <T> T callAsConnector(Callable<T> body) throws Exception {
        String previousContext = MDC.get(MDC_KEY);
        String previousOwner = OWNER.get();
        MDC.put(MDC_KEY, connector);
        OWNER.set(connector);
        try {
            return body.call();
        } finally {
            if (previousContext == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previousContext);
            }
            OWNER.set(previousOwner);
        }
    }

    void runAsConnector(Runnable body) {
        try {
            callAsConnector(() -> {
                body.run();
                return null;
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e); // a Runnable throws no checked exception
        }
    }
}
