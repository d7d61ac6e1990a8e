package io.bemcom.tools.localrunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the runner starts and where: read once from the runner's environment
 * ({@link #fromEnvironment}); tests set the fields directly. Every field has a default that
 * works on a fresh checkout.
 */
public final class RunnerSettings {

    /** The broker; {@code null} host = start the embedded one on {@link #brokerPort}. */
    public String brokerHost;
    public int brokerPort = 1883;
    /** Repository root: where {@code api-service/target/...} is. */
    public Path repositoryRoot;
    /** SQLite files, working directories of the services. */
    public Path dataDirectory;
    public int apiPort = 8080;
    /** Where the api-service is, when not started by the runner ({@code register} mode); null = localhost:apiPort. */
    public String apiBaseUrl;
    public int modbusPort = 5020;
    public int rawMessageDbPort = 8081;
    /** The controller's health and metrics ({@code METRICS_PORT} of the controller-service). */
    public int controllerMetricsPort = 8082;
    /** The connector's health and metrics ({@code METRICS_PORT} of the connector). */
    public int connectorMetricsPort = 8083;
    public String superuserName = "bemcom";
    public String superuserPassword = "bemcom";
    public String superuserEmail = "bemcom@example.com";
    public String connectorName = "bemcom-demo-modbus-tcp-connector";
    public String controllerName = "demo-controller";
    public String controllerTopic = "demo-controller/controlled_datapoints";
    public String pollSeconds = "2";
    public String apiMqttClientId = "bemcom-api-service";
    public String rawMessageDbMqttClientId = "raw-message-db";
    /** What the raw-message-db subscribes ({@code MQTT_TOPIC_ALL_RAW_MESSAGES}). */
    public String rawMessageTopic = "+/raw_message_to_db";
    /** Extra variables for the api-service, e.g. {@code DJANGOAPIDB_*} for PostgreSQL (empty: SQLite in the data folder). */
    public final Map<String, String> apiEnvironment = new LinkedHashMap<>();
    /** Extra variables for the raw-message-db, e.g. {@code RAW_MESSAGE_DB_*} (empty: SQLite in the data folder). */
    public final Map<String, String> rawMessageDbEnvironment = new LinkedHashMap<>();
    /** Services' log level ({@code LOGLEVEL}). */
    public String logLevel = "INFO";
    /** Services' log format ({@code LOG_FORMAT}: text or json); null = their default (text). */
    public String logFormat;
    /** Demo device logs its temperature every second. */
    public boolean demoDeviceLogsValues = false;
    /** Class-data sharing for the services ({@code CLASS_DATA_SHARING}; on for the runner, off in tests). */
    public boolean classDataSharing = false;
    /** When the runner restarts a crashed service and when it gives up. */
    Supervisor.Policy restartPolicy = Supervisor.Policy.DEFAULT;

    /**
     * The runner's variables: {@code MQTT_BROKER_HOST}/{@code MQTT_BROKER_PORT} (no host: embedded
     * broker on the port), {@code BEMCOM_HOME}, {@code BEMCOM_DATA_DIR}, {@code API_PORT},
     * {@code MODBUS_PORT}, {@code RAW_MESSAGE_DB_HTTP_PORT}, {@code DJANGO_SUPERUSER_*},
     * {@code CONNECTOR_NAME}, {@code MQTT_TOPIC_CONTROLLED_DATAPOINTS}, {@code POLL_SECONDS},
     * {@code LOGLEVEL}, {@code LOG_VALUES}; {@code DJANGOAPIDB_*} and {@code RAW_MESSAGE_DB_*}
     * (except the HTTP port) are passed on.
     */
    public static RunnerSettings fromEnvironment(Map<String, String> env, Path workingDirectory) {
        RunnerSettings settings = new RunnerSettings();
        settings.brokerHost = text(env, "MQTT_BROKER_HOST", null);
        settings.brokerPort = port(env, "MQTT_BROKER_PORT", settings.brokerPort);
        String home = text(env, "BEMCOM_HOME", null);
        settings.repositoryRoot = home != null ? Path.of(home).toAbsolutePath().normalize()
                : findRepositoryRootOrNull(workingDirectory);
        String data = text(env, "BEMCOM_DATA_DIR", null);
        settings.dataDirectory = (data != null ? workingDirectory.resolve(data) : workingDirectory.resolve("bemcom-data"))
                .toAbsolutePath().normalize();
        settings.apiPort = port(env, "API_PORT", settings.apiPort);
        settings.apiBaseUrl = text(env, "API_URL", null);
        settings.modbusPort = port(env, "MODBUS_PORT", settings.modbusPort);
        settings.rawMessageDbPort = port(env, "RAW_MESSAGE_DB_HTTP_PORT", settings.rawMessageDbPort);
        settings.controllerMetricsPort = port(env, "CONTROLLER_METRICS_PORT", settings.controllerMetricsPort);
        settings.connectorMetricsPort = port(env, "CONNECTOR_METRICS_PORT", settings.connectorMetricsPort);
        settings.superuserName = text(env, "DJANGO_SUPERUSER_USERNAME", settings.superuserName);
        settings.superuserPassword = text(env, "DJANGO_SUPERUSER_PASSWORD", settings.superuserPassword);
        settings.superuserEmail = text(env, "DJANGO_SUPERUSER_EMAIL", settings.superuserEmail);
        settings.connectorName = text(env, "CONNECTOR_NAME", settings.connectorName);
        settings.controllerTopic = text(env, "MQTT_TOPIC_CONTROLLED_DATAPOINTS", settings.controllerTopic);
        settings.pollSeconds = text(env, "POLL_SECONDS", settings.pollSeconds);
        settings.logLevel = text(env, "LOGLEVEL", settings.logLevel);
        settings.logFormat = text(env, "LOG_FORMAT", null);
        settings.demoDeviceLogsValues = "TRUE".equals(env.get("LOG_VALUES"));
        settings.classDataSharing = !"FALSE".equalsIgnoreCase(text(env, "CLASS_DATA_SHARING", "TRUE"));
        env.forEach((name, value) -> {
            if (name.startsWith("DJANGOAPIDB_") && !value.isEmpty()) {
                settings.apiEnvironment.put(name, value);
            }
            if (name.startsWith("RAW_MESSAGE_DB_") && !name.equals("RAW_MESSAGE_DB_HTTP_PORT") && !value.isEmpty()) {
                settings.rawMessageDbEnvironment.put(name, value);
            }
        });
        return settings;
    }

    /** The broker host the services use. */
    public String effectiveBrokerHost() {
        return brokerHost == null ? "127.0.0.1" : brokerHost;
    }

    public boolean embeddedBroker() {
        return brokerHost == null;
    }

    public String apiUrl() {
        return apiBaseUrl != null ? apiBaseUrl : "http://localhost:" + apiPort + "/";
    }

    private static Path findRepositoryRootOrNull(Path start) {
        try {
            return findRepositoryRoot(start);
        } catch (IllegalStateException e) {
            return null; // only needed to start services; register mode runs anywhere
        }
    }

    /** The nearest folder at or above {@code start} that holds {@code api-service/pom.xml}. */
    public static Path findRepositoryRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("api-service/pom.xml")) && Files.isDirectory(dir.resolve("tools"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the BEMCom repository (a folder with api-service/pom.xml) at or "
                + "above " + start.toAbsolutePath() + ". Run from the checkout, or set BEMCOM_HOME.");
    }

    private static String text(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = text(env, name, null);
        if (value == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number (1..65535), got '" + value + "'");
        }
    }
}
