package io.bemcom.connector;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;

/**
 * Executes actuator commands off the broker's thread, one at a time in arrival order, each with a
 * timeout. A failed or hung write is logged and counted; the next command still runs. A write that
 * hangs past its timeout is interrupted and its thread abandoned for a fresh one.
 */
final class ActuatorCommands implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ActuatorCommands.class);
    private static final int QUEUE_CAPACITY = 10_000;

    record Command(String datapointId, JsonNode value, long timestamp) {
    }

    private final Device device;
    private final Duration timeout;
    private final ConnectorMetrics metrics;
    private final ConnectorThreads threads;
    private final BlockingQueue<Command> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread dispatcher;
    private ExecutorService writer;

    ActuatorCommands(Device device, Duration timeout, ConnectorMetrics metrics, ConnectorThreads threads) {
        this.device = device;
        this.timeout = timeout;
        this.metrics = metrics;
        this.threads = threads;
        this.writer = threads.singleThreadExecutor("actuator-write");
        this.dispatcher = threads.newThread("actuator-commands", this::dispatchLoop);
        dispatcher.start();
    }

    void submit(Command command) {
        if (!queue.offer(command)) {
            metrics.command("queue_full");
            log.error("Dropped the command for '{}': {} commands are already waiting for the device.",
                    command.datapointId(), QUEUE_CAPACITY);
        }
    }

    private void dispatchLoop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                execute(queue.take());
            }
        } catch (InterruptedException e) {
            // stopping
        }
    }

    private void execute(Command command) throws InterruptedException {
        Future<?> write = writer.submit(() -> {
            device.write(command.datapointId(), command.value(), command.timestamp());
            return null;
        });
        try {
            write.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            metrics.command("written");
            log.debug("Wrote {} to actuator datapoint '{}'.", command.value(), command.datapointId());
        } catch (ExecutionException e) {
            metrics.command("failed");
            Throwable cause = e.getCause();
            log.error("Writing {} to actuator datapoint '{}' failed: {}", command.value(), command.datapointId(),
                    cause instanceof UnsupportedOperationException ? cause.getMessage() : cause.toString());
        } catch (TimeoutException e) {
            metrics.command("timeout");
            log.error("Writing {} to actuator datapoint '{}' took longer than {} s; abandoned.", command.value(),
                    command.datapointId(), timeout.toMillis() / 1000.0);
            write.cancel(true);
            writer.shutdownNow();
            writer = threads.singleThreadExecutor("actuator-write");
        }
    }

    @Override
    public void close() {
        dispatcher.interrupt();
        writer.shutdownNow();
        try {
            dispatcher.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
