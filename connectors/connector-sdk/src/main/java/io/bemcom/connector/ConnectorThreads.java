package io.bemcom.connector;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.slf4j.MDC;

/**
 * Threads of one connector: daemon threads named after it, each carrying the connector's name in
 * the logging context, so its log records are forwarded to its own logs topic even when several
 * connectors share a JVM.
 */
final class ConnectorThreads {

    static final String MDC_KEY = "bemcom.connector";

    private final String connector;

    ConnectorThreads(String connector) {
        this.connector = connector;
    }

    Thread newThread(String role, Runnable body) {
        Thread thread = new Thread(() -> {
            MDC.put(MDC_KEY, connector);
            body.run();
        }, connector + "-" + role);
        thread.setDaemon(true);
        return thread;
    }

    ExecutorService singleThreadExecutor(String role) {
        return Executors.newSingleThreadExecutor(body -> newThread(role, body));
    }

    ScheduledExecutorService scheduler(String role) {
        return Executors.newSingleThreadScheduledExecutor(body -> newThread(role, body));
    }

    /** Runs {@code body} with the connector's name in the logging context of the current thread. */
    void runAsConnector(Runnable body) {
        String previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, connector);
        try {
            body.run();
        } finally {
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        }
    }
}
