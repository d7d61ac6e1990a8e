package io.bemcom.connector;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bemcom.protocol.config.Environment;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * What the SDK gives a device: its configuration (the environment for the device's own variables,
 * the SDK's settings), the clock and the meter registry, and the ways into the running connector —
 * deliver a raw message from any thread, offer more actuators, run a periodic task, end the
 * connector after a fatal error. Every method may be called from any thread, also from a library's
 * own threads; what is delivered before the connector started is handled once it has.
 */
public final class ConnectorContext {

    private static final Logger log = LoggerFactory.getLogger(ConnectorContext.class);

    /** A periodic task of the device; it may throw. */
    @FunctionalInterface
    public interface Task {
        void run() throws Exception;
    }

    private final Environment environment;
    private final ConnectorSettings settings;
    private final Clock clock;
    private final MeterRegistry registry;
    private final SensorFlow sensorFlow;
    private final ScheduledExecutorService tasks;
    private final ConnectorMetrics metrics;
    private final ConnectorThreads threads;
    private final Consumer<FatalDeviceException> fatal;

    ConnectorContext(Environment environment, ConnectorSettings settings, Clock clock, ConnectorMetrics metrics,
                     SensorFlow sensorFlow, ScheduledExecutorService tasks, ConnectorThreads threads,
                     Consumer<FatalDeviceException> fatal) {
        this.environment = environment;
        this.settings = settings;
        this.clock = clock;
        this.registry = metrics.registry();
        this.metrics = metrics;
        this.sensorFlow = sensorFlow;
        this.tasks = tasks;
        this.threads = threads;
        this.fatal = fatal;
    }

    /** The environment, for the device's own variables. */
    public Environment environment() {
        return environment;
    }

    /** The SDK's settings: name, broker, poll period, actuator command timeout, heartbeat, flags. */
    public ConnectorSettings settings() {
        return settings;
    }

    /** The clock every timestamp of the connector comes from. */
    public Clock clock() {
        return clock;
    }

    /** Where the connector's metrics go; a device adds its own (e.g. counted device faults). */
    public MeterRegistry meterRegistry() {
        return registry;
    }

    /**
     * Hands a raw message received now to the sensor flow. Callable from any thread; messages are
     * handled one at a time in the order they were pushed. Blocks while the flow is behind.
     */
    public void push(JsonNode rawMessage) {
        sensorFlow.deliver(rawMessage);
    }

    /** Hands a raw message to the sensor flow with the time the device took the reading. */
    public void push(JsonNode rawMessage, long timestamp) {
        sensorFlow.deliver(rawMessage, timestamp);
    }

    /**
     * Offers actuator datapoints (internal id → example value) in addition to those offered so far,
     * e.g. when a charge point connects. The connector publishes its grown available datapoints
     * when an id is new, and listens on every actuator topic the datapoint map then names.
     */
    public void offerActuators(Map<String, JsonNode> actuators) {
        sensorFlow.offerActuators(actuators);
    }

    /**
     * Runs {@code task} every {@code period}, first after one period, on a thread of the connector's
     * (one for all tasks of the device, so tasks never overlap). A failure is logged and counted
     * ({@code bemcom.connector.tasks{result=failed}}) and the task runs again at its next time; a
     * {@link FatalDeviceException} ends the connector. Cancel it with the returned future.
     *
     * @param what for the log, e.g. {@code "re-sending the module count"}
     */
    public Future<?> every(Duration period, String what, Task task) {
        long millis = Math.max(1, period.toMillis());
        return tasks.scheduleAtFixedRate(() -> runTask(what, task, "; trying again at its next time."), millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} once after {@code delay}, with the failure handling of {@link #every}. */
    public Future<?> later(Duration delay, String what, Task task) {
        return tasks.schedule(() -> runTask(what, task, "."), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    /**
     * Threads of the connector ({@code <name>-<role>-<n>}, daemons) for a library that takes a thread
     * factory or an executor, e.g. {@code httpServer.setExecutor(Executors.newFixedThreadPool(4,
     * context.threadFactory("callback")))}: what they log reaches the logs topic even where the library
     * would create its threads without inheriting the connector's (the JDK's HttpServer does).
     */
    public ThreadFactory threadFactory(String role) {
        return threads.factory(role);
    }

    /**
     * Ends the connector with exit code 1: for a library thread that finds the device unusable for
     * good (the equivalent of throwing {@link FatalDeviceException} from {@code read} or {@code receive}).
     */
    public void fail(FatalDeviceException reason) {
        fatal.accept(reason);
    }

    private void runTask(String what, Task task, String afterFailure) {
        try {
            task.run();
            metrics.task("ok");
        } catch (FatalDeviceException e) {
            fail(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            metrics.task("failed");
            log.error("{} failed: {}{}", capitalised(what), e.getMessage(), afterFailure);
            log.debug("{} failed", what, e);
        }
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
