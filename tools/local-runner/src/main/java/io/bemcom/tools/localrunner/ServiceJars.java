package io.bemcom.tools.localrunner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where each module builds its executable jar. The Spring Boot services repackage their main
 * artifact ({@code <artifactId>-<version>.jar}); the demo device and the Modbus connector keep
 * the plain jar as a library and add the executable one with the classifier {@code exec}.
 */
public enum ServiceJars {

    API_SERVICE("api-service", "api-service", false),
    CONTROLLER_SERVICE("controller-service", "controller-service", false),
    RAW_MESSAGE_DB("raw-message-db", "raw-message-db", false),
    DEMO_DEVICE("demo-device", "demo-device", true),
    MODBUS_TCP_CONNECTOR("connectors/modbus-tcp-connector", "modbus-tcp-connector", true);

    /** The project version these jars carry (the runner's own, filtered in at build time). */
    public static final String VERSION = readVersion();

    private final String module;
    private final String artifactId;
    private final boolean execClassifier;

    ServiceJars(String module, String artifactId, boolean execClassifier) {
        this.module = module;
        this.artifactId = artifactId;
        this.execClassifier = execClassifier;
    }

    /** The module's folder relative to the repository root. */
    public String module() {
        return module;
    }

    public String artifactId() {
        return artifactId;
    }

    /** The jar's file name, e.g. {@code demo-device-0.1.0-SNAPSHOT-exec.jar}. */
    public String fileName() {
        return artifactId + "-" + VERSION + (execClassifier ? "-exec" : "") + ".jar";
    }

    /** The jar's path under {@code root}. */
    public Path jar(Path root) {
        return root.resolve(module).resolve("target").resolve(fileName());
    }

    private static String readVersion() {
        Properties properties = new Properties();
        try (InputStream in = ServiceJars.class.getResourceAsStream("/local-runner.properties")) {
            if (in == null) {
                throw new IllegalStateException("local-runner.properties is missing from the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }
}
