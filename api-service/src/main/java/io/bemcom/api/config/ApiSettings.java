package io.bemcom.api.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;
import tools.jackson.databind.JsonNode;

/**
 * Every environment variable of the api-service, read once at start with the original's names,
 * defaults and parsing rules (flags: true when the lower-cased value is {@code true}; empty counts
 * as unset). The meaning of each for us is in the service README.
 */
public record ApiSettings(
        boolean controlExtension,
        boolean historyExtension,
        String logLevel,
        boolean debug,
        String secretKey,
        List<String> allowedHosts,
        String superuserUsername,
        String superuserPassword,
        String superuserEmail,
        DatabaseSettings database,
        int writeThreads,
        int workerProcesses,
        String rootPath,
        boolean httpsOnly,
        String mqttClientId,
        int ingestQueueCapacity,
        int ingestBatchSize,
        Duration credentialCache,
        LoginLimits loginLimits,
        String mqttSharedGroup) {

    /** Whether several instances share the ingestion ({@code MQTT_SHARED_SUBSCRIPTION_GROUP} is set). */
    public boolean sharesIngestion() {
        return mqttSharedGroup != null;
    }

    /**
     * Brute-force protection of HTTP Basic, Bearer tokens and the admin login: after
     * {@code perUser} failed logins of one username, or {@code perAddress} failures from one client
     * address, within {@code window}, that username or address is refused for {@code lockout}.
     * A limit of 0 switches that count off.
     */
    public record LoginLimits(int perUser, int perAddress, Duration window, Duration lockout) {
    }

    /** Every variable this service reads, so that the Spring environment can be asked for each. */
    public static final List<String> VARIABLES = List.of(
            "MQTT_BROKER_HOST", "MQTT_BROKER_PORT", "MQTT_BROKER_USERNAME", "MQTT_BROKER_PASSWORD",
            "MQTT_BROKER_USE_TLS", "MQTT_BROKER_CA_FILE", "MQTT_CLIENT_ID",
            "ACTIVATE_CONTROL_EXTENSION", "ACTIVATE_HISTORY_EXTENSION", "LOGLEVEL", "DJANGO_DEBUG",
            "DJANGO_ADMINS", "DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DJANGO_SUPERUSER_USERNAME",
            "DJANGO_SUPERUSER_PASSWORD", "DJANGO_SUPERUSER_EMAIL", "DJANGOAPIDB_HOST", "DJANGOAPIDB_PORT",
            "DJANGOAPIDB_USER", "DJANGOAPIDB_PASSWORD", "DJANGOAPIDB_DBNAME", "DJANGOAPIDB_SQLITE_PATH",
            "N_MTD_WRITE_THREADS", "N_WORKER_PROCESSES", "ROOT_PATH", "HTTPS_ONLY",
            "INGEST_QUEUE_CAPACITY", "INGEST_BATCH_SIZE", "AUTH_CACHE_SECONDS", "AUTH_FAILURES_PER_USER",
            "AUTH_FAILURES_PER_ADDRESS", "AUTH_FAILURE_WINDOW_SECONDS", "AUTH_LOCKOUT_SECONDS",
            "MQTT_SHARED_SUBSCRIPTION_GROUP");

    public static final String DEFAULT_SQLITE_PATH = "./data/db.sqlite3";
    public static final String DEFAULT_CLIENT_ID = "bemcom-api-service";

    public static ApiSettings from(Environment env) {
        int writeThreads = env.integer("N_MTD_WRITE_THREADS", 1);
        if (writeThreads < 1) {
            throw new ConfigurationException("N_MTD_WRITE_THREADS must be at least 1, got " + writeThreads + ".");
        }
        int workers = env.integer("N_WORKER_PROCESSES", 1);
        if (workers < 1) {
            throw new ConfigurationException("N_WORKER_PROCESSES must be at least 1, got " + workers + ".");
        }
        int queue = env.integer("INGEST_QUEUE_CAPACITY", 20_000);
        int batch = env.integer("INGEST_BATCH_SIZE", 2_000);
        if (queue < 1 || batch < 1) {
            throw new ConfigurationException("INGEST_QUEUE_CAPACITY and INGEST_BATCH_SIZE must be at least 1.");
        }
        LoginLimits loginLimits = new LoginLimits(atLeast(env, "AUTH_FAILURES_PER_USER", 10, 0),
                atLeast(env, "AUTH_FAILURES_PER_ADDRESS", 50, 0),
                Duration.ofSeconds(atLeast(env, "AUTH_FAILURE_WINDOW_SECONDS", 300, 1)),
                Duration.ofSeconds(atLeast(env, "AUTH_LOCKOUT_SECONDS", 300, 1)));
        DatabaseSettings database = new DatabaseSettings(
                env.optional("DJANGOAPIDB_HOST").orElse(null),
                env.integer("DJANGOAPIDB_PORT", 5432),
                env.string("DJANGOAPIDB_USER", "bemcom"),
                env.string("DJANGOAPIDB_PASSWORD", "bemcom"),
                env.string("DJANGOAPIDB_DBNAME", "bemcom"),
                Path.of(env.string("DJANGOAPIDB_SQLITE_PATH", DEFAULT_SQLITE_PATH)));
        return new ApiSettings(
                env.caseInsensitiveTrue("ACTIVATE_CONTROL_EXTENSION"),
                env.caseInsensitiveTrue("ACTIVATE_HISTORY_EXTENSION"),
                env.string("LOGLEVEL", "INFO").toUpperCase(java.util.Locale.ROOT),
                env.caseInsensitiveTrue("DJANGO_DEBUG"),
                env.optional("DJANGO_SECRET_KEY").orElse(null),
                allowedHosts(env),
                env.optional("DJANGO_SUPERUSER_USERNAME").orElse(null),
                env.optional("DJANGO_SUPERUSER_PASSWORD").orElse(null),
                env.optional("DJANGO_SUPERUSER_EMAIL").orElse(null),
                database,
                writeThreads,
                workers,
                rootPath(env.string("ROOT_PATH", "")),
                env.caseInsensitiveTrue("HTTPS_ONLY"),
                env.string("MQTT_CLIENT_ID", DEFAULT_CLIENT_ID),
                queue,
                batch,
                Duration.ofSeconds(atLeast(env, "AUTH_CACHE_SECONDS", 60, 0)),
                loginLimits,
                sharedGroup(env));
    }

    /** MQTT_SHARED_SUBSCRIPTION_GROUP: a topic level of its own ({@code $share/<group>/...}). */
    private static String sharedGroup(Environment env) {
        String group = env.optional("MQTT_SHARED_SUBSCRIPTION_GROUP").orElse(null);
        if (group != null && (group.contains("/") || group.contains("+") || group.contains("#")
                || group.isBlank())) {
            throw new ConfigurationException("MQTT_SHARED_SUBSCRIPTION_GROUP must be one topic level without '/', "
                    + "'+' or '#', got '" + group + "'.");
        }
        return group;
    }

    private static int atLeast(Environment env, String name, int defaultValue, int minimum) {
        int value = env.integer(name, defaultValue);
        if (value < minimum) {
            throw new ConfigurationException(name + " must be at least " + minimum + ", got " + value + ".");
        }
        return value;
    }

    /** Reads every variable of {@link #VARIABLES} through {@code lookup} (e.g. Spring's environment). */
    public static Environment environment(java.util.function.Function<String, String> lookup) {
        Map<String, String> values = new TreeMap<>();
        for (String name : VARIABLES) {
            String value = lookup.apply(name);
            if (value != null) {
                values.put(name, value);
            }
        }
        return new Environment(values);
    }

    private static List<String> allowedHosts(Environment env) {
        String text = env.string("DJANGO_ALLOWED_HOSTS", "[\"localhost\"]");
        JsonNode parsed;
        try {
            parsed = JsonValues.parse(text);
        } catch (RuntimeException e) {
            throw new ConfigurationException("DJANGO_ALLOWED_HOSTS must be a JSON list of host names, got '"
                    + text + "'.");
        }
        if (!parsed.isArray()) {
            throw new ConfigurationException("DJANGO_ALLOWED_HOSTS must be a JSON list of host names, got '"
                    + text + "'.");
        }
        List<String> hosts = new java.util.ArrayList<>();
        parsed.forEach(node -> hosts.add(node.asString()));
        return List.copyOf(hosts);
    }

    /**
     * ROOT_PATH as the original documents it ({@code bemcom/}: no leading, one trailing slash),
     * normalised to {@code bemcom}; tolerant of a leading slash or a missing trailing one.
     */
    static String rootPath(String raw) {
        String path = raw.trim();
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }

    /** The servlet context path for {@link #rootPath}: empty or {@code /bemcom}. */
    public String contextPath() {
        return rootPath.isEmpty() ? "" : "/" + rootPath;
    }

    public boolean createsSuperuserAtStart() {
        return superuserUsername != null && superuserPassword != null && superuserEmail != null;
    }
}
