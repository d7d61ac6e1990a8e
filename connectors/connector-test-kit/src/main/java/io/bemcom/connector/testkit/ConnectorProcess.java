package io.bemcom.connector.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A connector's real {@code main} in a JVM of its own, with exactly the given environment, for what
 * only a process shows: exit codes, the one line a configuration error prints, a graceful stop on
 * SIGTERM. Its console output goes to a file the test reads.
 *
 * <pre>
 * try (ConnectorProcess process = ConnectorProcess.start(MyConnector.class, env, tempDir)) {
 *     assertThat(process.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
 *     assertThat(process.output()).contains("Configuration error: MY_HOST is not set");
 * }
 * </pre>
 */
public final class ConnectorProcess implements AutoCloseable {

    private final Process process;
    private final Path output;

    private ConnectorProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code mainClass} on this test's class path; {@code outputDir} receives its console output. */
    public static ConnectorProcess start(Class<?> mainClass, Map<String, String> environment, Path outputDir) {
        Path output = outputDir.resolve(mainClass.getSimpleName() + "-" + System.nanoTime() + ".txt");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), mainClass.getName());
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true).redirectOutput(output.toFile());
        try {
            return new ConnectorProcess(builder.start(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the process to end; its exit code. Fails the test if it is still running after {@code limit}. */
    public int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the connector process still runs after " + limit.toSeconds() + " s; output:\n"
                    + output());
        }
        return process.exitValue();
    }

    /** Sends SIGTERM, as {@code docker stop} does. */
    public void terminate() {
        process.destroy();
    }

    /** What the process printed so far. */
    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
