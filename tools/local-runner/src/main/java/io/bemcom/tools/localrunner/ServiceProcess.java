package io.bemcom.tools.localrunner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service as a child process ({@code java -jar <jar>}) with an environment of its own. Every
 * line it writes (stdout and stderr) is copied to the runner's output, prefixed with the service's
 * name. {@link #stop} ends it the way a container runtime does: SIGTERM, wait, then SIGKILL.
 */
public final class ServiceProcess {

    /** Width of the name column in the prefixed output. */
    static final int NAME_WIDTH = 20;

    private final ServiceSpec spec;
    private final PrintStream out;
    private volatile Process process;
    private volatile boolean stopping;

    private ServiceProcess(ServiceSpec spec, PrintStream out) {
        this.spec = spec;
        this.out = out;
    }

    /** Starts the service's process. */
    public static ServiceProcess start(ServiceSpec spec, PrintStream out) {
        ServiceProcess service = new ServiceProcess(spec, out);
        service.start();
        return service;
    }

    public String name() {
        return spec.name();
    }

    public ServiceSpec spec() {
        return spec;
    }

    /** Starts (again, after {@link #stop} or a crash) with the same command and environment. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(spec.name() + " is running already");
        }
        if (!Files.isRegularFile(spec.jar())) {
            throw new IllegalStateException(spec.name() + ": " + spec.jar() + " does not exist - build first: "
                    + "mvn -B -q install -DskipTests");
        }
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(spec.jvmOptions());
        command.add("-jar");
        command.add(runnableCopy().toString());
        command.addAll(spec.arguments());
        ProcessBuilder builder = new ProcessBuilder(command).directory(spec.workingDirectory().toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().retainAll(ServiceSpec.INHERITED_VARIABLES);
        environment.putAll(spec.environment());
        try {
            Files.createDirectories(spec.workingDirectory());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + spec.name(), e);
        }
        stopping = false;
        pump(process.getInputStream(), "out");
        pump(process.getErrorStream(), "err");
        Process started = process;
        started.onExit().thenAccept(p -> {
            if (!stopping) {
                line("*** " + spec.name() + " exited with code " + p.exitValue());
            }
        });
    }

    /**
     * The process runs a copy of the jar in its working directory: a rebuild of the module
     * ({@code mvn install}) while the application runs replaces the jar in {@code target/}, and a
     * JVM whose jar changes under it fails on the next class it loads.
     */
    private Path runnableCopy() {
        Path copy = spec.workingDirectory().resolve(spec.jar().getFileName());
        try {
            Files.createDirectories(spec.workingDirectory());
            Files.copy(spec.jar(), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy " + spec.jar() + " to " + copy, e);
        }
        return copy;
    }

    private void pump(InputStream stream, String which) {
        String prefix = prefix(spec.name());
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String text;
                while ((text = reader.readLine()) != null) {
                    synchronized (out) {
                        out.println(prefix + text);
                    }
                }
            } catch (IOException e) {
                // the process has gone; nothing more to copy
            }
        }, spec.name() + "-" + which);
        thread.setDaemon(true);
        thread.start();
    }

    private void line(String text) {
        synchronized (out) {
            out.println(prefix(spec.name()) + text);
        }
    }

    /** {@code "api-service          | "}: the name padded to a fixed column. */
    public static String prefix(String name) {
        StringBuilder builder = new StringBuilder(name);
        while (builder.length() < NAME_WIDTH) {
            builder.append(' ');
        }
        return builder.append(" | ").toString();
    }

    public boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Exit code, or -1 while running. */
    public int exitCode() {
        Process current = process;
        return current == null || current.isAlive() ? -1 : current.exitValue();
    }

    /** Asks the process to stop (SIGTERM); does not wait. */
    public void requestStop() {
        Process current = process;
        if (current != null && current.isAlive()) {
            stopping = true;
            current.destroy();
        }
    }

    /** Waits for the process to end until {@code grace} has passed, then kills it (SIGKILL). */
    public void awaitStop(Duration grace) {
        Process current = process;
        if (current == null) {
            return;
        }
        try {
            if (!current.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                line("*** did not stop within " + grace.toSeconds() + " s, killing it");
                current.destroyForcibly();
                current.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            current.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, wait up to {@code grace}, then SIGKILL. */
    public void stop(Duration grace) {
        requestStop();
        awaitStop(grace);
    }

    /** Kills the process at once (SIGKILL), as a crash would. */
    public void kill() {
        Process current = process;
        if (current != null) {
            stopping = true;
            current.destroyForcibly();
            try {
                current.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
