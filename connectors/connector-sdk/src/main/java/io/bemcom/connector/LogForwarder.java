package io.bemcom.connector;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import io.bemcom.protocol.LogMessage;

/**
 * Forwards the connector's log records to {@code <connector>/logs}, as the original's MQTT log
 * handler does: records of this connector's threads (see {@link ConnectorThreads}), including the
 * threads a device's library started, at or above its level (INFO, or DEBUG with
 * {@code DEBUG=TRUE}); when the connector is its process, also records of threads that belong to no
 * connector. The emitter is the logging class's simple name. Libraries that log through
 * {@code java.util.logging} or {@code System.Logger} (the JDK's HttpServer, Calimero) reach
 * Logback through the SLF4J bridges, which {@link #attach} installs.
 *
 * <p>Records are published from a thread of the forwarder's own, never from the thread that logs:
 * the broker client logs from inside Paho's threads (e.g. when the connection is lost), and
 * publishing from there can block the very thread that must repair the connection. When the
 * queue is full, records are dropped and counted ({@code bemcom.connector.logs.dropped}); they are
 * still in the console log. A record logged while publishing is not forwarded again.
 */
final class LogForwarder extends AppenderBase<ILoggingEvent> {

    private static final int QUEUE_CAPACITY = 1_000;
    /** How long {@link #detach} waits for the records still queued, e.g. the connector's last "Good bye". */
    private static final long DRAIN_MILLIS = 2_000;
    /** Queued by {@link #detach} after the last record: the sender stops when it reaches it. */
    private static final LogMessage END = new LogMessage(0, "", "", LogMessage.INFO);
    private static final ThreadLocal<Boolean> FORWARDING = ThreadLocal.withInitial(() -> false);

    private final String connector;
    private final Level threshold;
    private final boolean forwardUnowned;
    private final Consumer<LogMessage> publisher;
    private final Runnable onDrop;
    private final BlockingQueue<LogMessage> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread sender;

    LogForwarder(String connector, boolean debug, boolean forwardUnowned, Consumer<LogMessage> publisher,
                 Runnable onDrop, ConnectorThreads threads) {
        this.connector = connector;
        this.threshold = debug ? Level.DEBUG : Level.INFO;
        this.forwardUnowned = forwardUnowned;
        this.publisher = publisher;
        this.onDrop = onDrop;
        this.sender = threads.newThread("log-forwarder", this::sendLoop);
        setName("bemcom-log-forwarder-" + connector);
    }

    private void sendLoop() {
        FORWARDING.set(true);
        try {
            while (!Thread.currentThread().isInterrupted()) {
                LogMessage record = queue.take();
                if (record == END) {
                    return;
                }
                publisher.accept(record);
            }
        } catch (InterruptedException e) {
            // detached and not drained in time: records still queued are only in the console log
        }
    }

    /** Attaches to the root logger; returns false when logging is not Logback (then nothing is forwarded). */
    boolean attach(boolean debug) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return false;
        }
        routeJdkLoggingToSlf4j();
        setContext(context);
        start();
        sender.start();
        Logger bemcom = context.getLogger("io.bemcom");
        if (debug) {
            bemcom.setLevel(Level.DEBUG);
        }
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(this);
        return true;
    }

    /** Once per process: {@code java.util.logging} (and {@code System.Logger}, which defaults to it) into SLF4J. */
    private static synchronized void routeJdkLoggingToSlf4j() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    /**
     * Stops forwarding. Records already queued (the connector's last lines) are still published, for
     * up to {@link #DRAIN_MILLIS}, so call this before the broker client is closed.
     */
    void detach() {
        if (getContext() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
        }
        stop();
        if (sender.isAlive() && queue.offer(END)) {
            try {
                sender.join(DRAIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sender.interrupt();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (FORWARDING.get() || !event.getLevel().isGreaterOrEqual(threshold) || !isOurs(owner(event))) {
            return;
        }
        LogMessage record = new LogMessage(event.getTimeStamp(), text(event), emitter(event.getLoggerName()),
                pythonLevel(event.getLevel()));
        if (!queue.offer(record)) {
            onDrop.run();
        }
    }

    private boolean isOurs(String owner) {
        return owner == null ? forwardUnowned : connector.equals(owner);
    }

    /** Appenders run on the logging thread, so a record without the context is that thread's owner's. */
    private static String owner(ILoggingEvent event) {
        String fromContext = event.getMDCPropertyMap().get(ConnectorThreads.MDC_KEY);
        return fromContext != null ? fromContext : ConnectorThreads.inheritedOwner();
    }

    private static String text(ILoggingEvent event) {
        IThrowableProxy thrown = event.getThrowableProxy();
        return thrown == null ? event.getFormattedMessage()
                : event.getFormattedMessage() + " (" + thrown.getClassName() + ": " + thrown.getMessage() + ")";
    }

    private static String emitter(String loggerName) {
        return loggerName.substring(loggerName.lastIndexOf('.') + 1);
    }

    /** Python's numeric levels, which the API stores and shows. */
    static int pythonLevel(Level level) {
        if (level.isGreaterOrEqual(Level.ERROR)) {
            return LogMessage.ERROR;
        }
        if (level.isGreaterOrEqual(Level.WARN)) {
            return LogMessage.WARNING;
        }
        return level.isGreaterOrEqual(Level.INFO) ? LogMessage.INFO : LogMessage.DEBUG;
    }
}
