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
    /** The class-data archive next to the extracted jar. */
    static final String ARCHIVE = "app.jsa";
    /** How long a stop may take while the JVM writes its class-data archive (once per build). */
    static final Duration ARCHIVE_GRACE = Duration.ofSeconds(60);

    private final ServiceSpec spec;
    private final PrintStream out;
    private final boolean classDataSharing;
    private volatile Process process;
    private volatile boolean stopping;
    private volatile long startedAt;
    /** This run writes the class-data archive when it exits, which takes a few seconds more. */
    private volatile boolean recordingArchive;
    private volatile ExitListener exitListener;

    /** Told when the process ends, instead of the default line. */
    @FunctionalInterface
    public interface ExitListener {
        /**
         * @param requested true when it was asked to stop ({@link #stop}, {@link #requestStop}, {@link #kill})
         * @param uptime    how long it ran
         */
        void exited(ServiceProcess service, int exitCode, boolean requested, Duration uptime);
    }

    private ServiceProcess(ServiceSpec spec, PrintStream out, boolean classDataSharing) {
        this.spec = spec;
        this.out = out;
        this.classDataSharing = classDataSharing;
    }

    /** Starts the service's process. */
    public static ServiceProcess start(ServiceSpec spec, PrintStream out) {
        return start(spec, out, false);
    }

    /** Starts the service's process, with class-data sharing when {@code classDataSharing}. */
    public static ServiceProcess start(ServiceSpec spec, PrintStream out, boolean classDataSharing) {
        ServiceProcess service = new ServiceProcess(spec, out, classDataSharing);
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
        Path jar = runnableJar();
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(spec.jvmOptions());
        if (classDataSharing) {
            command.addAll(classDataSharing(jar));
        }
        command.add("-jar");
        command.add(jar.toString());
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
        startedAt = System.nanoTime();
        pump(process.getInputStream(), "out");
        pump(process.getErrorStream(), "err");
        Process started = process;
        long began = startedAt;
        started.onExit().thenAccept(p -> {
            if (classDataSharing) {
                keepArchive(jar, p.exitValue());
            }
            ExitListener listener = exitListener;
            if (listener != null) {
                listener.exited(this, p.exitValue(), stopping, Duration.ofNanos(System.nanoTime() - began));
            } else if (!stopping) {
                line("*** " + spec.name() + " exited with code " + p.exitValue());
            }
        });
    }

    /**
     * The process runs the jar extracted into {@code app/} of its working directory (Spring Boot's
     * {@code -Djarmode=tools extract}: the application jar plus {@code lib/}): a plain class path
     * loads classes much faster than the nested jars of an executable jar, and class-data sharing
     * needs it. The extraction is redone only when the jar changed. It is also a copy: a rebuild of
     * the module ({@code mvn package}) while the application runs replaces the jar in
     * {@code target/}, and a JVM whose jar changes under it fails on the next class it loads.
     */
    private Path runnableJar() {
        Path jar = spec.jar();
        Path app = spec.workingDirectory().resolve("app");
        Path extracted = app.resolve(jar.getFileName());
        Path stamp = app.resolve(".extracted-from");
        try {
            String source = jar.toAbsolutePath() + " " + Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
            if (Files.isRegularFile(extracted) && Files.isRegularFile(stamp) && Files.readString(stamp).equals(source)) {
                return extracted;
            }
            deleteRecursively(app);
            Files.createDirectories(app);
            Process extract = new ProcessBuilder(javaExecutable(), "-Djarmode=tools", "-jar", jar.toString(), "extract",
                    "--destination", app.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!extract.waitFor(180, TimeUnit.SECONDS) || extract.exitValue() != 0 || !Files.isRegularFile(extracted)) {
                extract.destroyForcibly();
                // No Spring on its class path (the plain-Java demo device and connectors): run the jar as it is.
                Files.copy(jar, extracted, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(stamp, source);
            return extracted;
        } catch (IOException e) {
            throw new UncheckedIOException("could not extract " + jar + " to " + app, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while extracting " + jar, e);
        }
    }

    /**
     * Class-data sharing (AppCDS): the first run of an extraction records the classes it loaded
     * into {@code app/app.jsa} when it exits (written as {@code app.jsa.tmp} and kept only when the
     * JVM ended by itself, not by SIGKILL); later runs map them instead of loading them again.
     */
    private List<String> classDataSharing(Path jar) {
        Path archive = jar.resolveSibling(ARCHIVE);
        List<String> options = new ArrayList<>(List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        recordingArchive = !Files.isRegularFile(archive);
        if (recordingArchive) {
            options.add("-XX:ArchiveClassesAtExit=" + archive.resolveSibling(ARCHIVE + ".tmp"));
        } else {
            options.add("-XX:SharedArchiveFile=" + archive);
        }
        return options;
    }

    private static void keepArchive(Path jar, int exitCode) {
        Path written = jar.resolveSibling(ARCHIVE + ".tmp");
        try {
            if (exitCode != 137 && Files.isRegularFile(written)) {
                Files.move(written, jar.resolveSibling(ARCHIVE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(written);
            }
        } catch (IOException e) {
            // no archive: the next run records one again
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
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

    /** Replaces the default "exited with code" line for this and every later run. */
    public void onExit(ExitListener listener) {
        this.exitListener = listener;
    }

    /** Whether the last run was asked to stop (rather than ending by itself). */
    public boolean stopRequested() {
        return stopping;
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
        if (recordingArchive && grace.compareTo(ARCHIVE_GRACE) < 0) {
            grace = ARCHIVE_GRACE;
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
