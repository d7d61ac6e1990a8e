package io.bemcom.tools.faulttests;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.bemcom.testsupport.MosquittoProcess;
import io.bemcom.testsupport.Ports;
import io.bemcom.testsupport.PostgresCluster;
import io.bemcom.testsupport.TestDatabase;
import io.bemcom.tools.localrunner.ApiClient;
import io.bemcom.tools.localrunner.ServiceJars;
import io.bemcom.tools.localrunner.ServiceProcess;
import io.bemcom.tools.localrunner.ServiceSpec;

/**
 * The services as the local runner runs them ({@code java -jar <module>/target/<jar>}, each in a
 * process of its own, started with {@link ServiceProcess}), configured for a fault test: the test's
 * own Mosquitto and PostgreSQL, free ports, fixed client ids (a restart keeps the session).
 */
final class Services {

    static final String SUPERUSER = "fault";
    static final String PASSWORD = "fault-tests";

    private Services() {
    }

    /** The api-service on PostgreSQL database {@code database}, history on; its REST port is {@code port}. */
    static ServiceSpec apiService(Path work, MosquittoProcess broker, TestDatabase database,
                                  String clientId, int port) {
        Map<String, String> env = brokerEnvironment(broker);
        env.put("PORT", Integer.toString(port));
        env.put("MQTT_CLIENT_ID", clientId);
        putDatabase(env, "DJANGOAPIDB_", database);
        env.put("N_MTD_WRITE_THREADS", "2");
        env.put("ACTIVATE_HISTORY_EXTENSION", "TRUE");
        env.put("DJANGO_SUPERUSER_USERNAME", SUPERUSER);
        env.put("DJANGO_SUPERUSER_PASSWORD", PASSWORD);
        env.put("DJANGO_SUPERUSER_EMAIL", "fault@example.com");
        env.put("DJANGO_ALLOWED_HOSTS", "[\"localhost\", \"127.0.0.1\"]");
        return spec("api-service", ServiceJars.API_SERVICE, work, env, "384m");
    }

    /** {@code spec} (an api-service) in the share group {@code group}: MQTT_SHARED_SUBSCRIPTION_GROUP. */
    static ServiceSpec sharing(ServiceSpec spec, String group) {
        Map<String, String> env = new java.util.LinkedHashMap<>(spec.environment());
        env.put("MQTT_SHARED_SUBSCRIPTION_GROUP", group);
        return new ServiceSpec(spec.name(), spec.jar(), spec.workingDirectory(), env, spec.jvmOptions(),
                spec.arguments());
    }

    /** The raw-message-db on PostgreSQL database {@code database}. */
    static ServiceSpec rawMessageDb(Path work, MosquittoProcess broker, TestDatabase database,
                                    String clientId, String topicFilter) {
        Map<String, String> env = brokerEnvironment(broker);
        env.put("SERVER_PORT", Integer.toString(Ports.free()));
        env.put("MQTT_CLIENT_ID", clientId);
        env.put("MQTT_TOPIC_ALL_RAW_MESSAGES", topicFilter);
        putDatabase(env, "RAW_MESSAGE_DB_", database);
        return spec("raw-message-db", ServiceJars.RAW_MESSAGE_DB, work, env, "192m");
    }

    /** The controller-service on {@code topic}, logging every value it sends (DEBUG). */
    static ServiceSpec controller(Path work, MosquittoProcess broker, String topic) {
        Map<String, String> env = brokerEnvironment(broker);
        env.put("MQTT_TOPIC_CONTROLLED_DATAPOINTS", topic);
        env.put("LOGLEVEL", "DEBUG");
        return spec("controller-service", ServiceJars.CONTROLLER_SERVICE, work, env, "128m");
    }

    /** {@code <prefix>HOST}, {@code _PORT}, {@code _USER}, {@code _PASSWORD}, {@code _DBNAME}: both services name them so. */
    private static void putDatabase(Map<String, String> env, String prefix, TestDatabase database) {
        env.put(prefix + "HOST", database.host());
        env.put(prefix + "PORT", Integer.toString(database.port()));
        env.put(prefix + "USER", database.user());
        env.put(prefix + "PASSWORD", "unused-trust-auth");
        env.put(prefix + "DBNAME", database.name());
    }

    /** Stops what was started, in reverse order; each may be null (not started). */
    static void stopAll(ServiceProcess service, MosquittoProcess broker, PostgresCluster postgres) {
        if (service != null) {
            service.stop(Duration.ofSeconds(15));
        }
        if (broker != null) {
            broker.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static Map<String, String> brokerEnvironment(MosquittoProcess broker) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MQTT_BROKER_HOST", broker.host());
        env.put("MQTT_BROKER_PORT", Integer.toString(broker.port()));
        env.put("LOGLEVEL", "INFO");
        return env;
    }

    private static ServiceSpec spec(String name, ServiceJars jar, Path work, Map<String, String> env, String heap) {
        return new ServiceSpec(name, jar.jar(ShippedMosquitto.repository()), work.resolve(name), env,
                List.of("-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), List.of());
    }

    static ServiceProcess start(ServiceSpec spec, PrintStream out) {
        return ServiceProcess.start(spec, out);
    }

    /** The api-service's REST client, once {@code GET /datapoint/} answers (the service has started). */
    static ApiClient awaitApi(ServiceProcess api, int port, Duration timeout) throws InterruptedException {
        ApiClient client = new ApiClient("http://127.0.0.1:" + port + "/", SUPERUSER, PASSWORD);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!api.isAlive()) {
                throw new IllegalStateException("the api-service exited with code " + api.exitCode());
            }
            try {
                if (client.get("datapoint/").status() == 200) {
                    return client;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the api-service did not answer within " + timeout);
    }

    /**
     * Creates {@code count} active sensor datapoints of {@code connector} (keys {@code value-0} ...)
     * over REST and returns their ids in that order.
     */
    static long[] createActiveSensors(ApiClient rest, String connector, int count) throws Exception {
        List<Map<String, Object>> body = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> datapoint = new LinkedHashMap<>();
            datapoint.put("connector", Map.of("name", connector));
            datapoint.put("key_in_connector", "value-" + i);
            datapoint.put("type", "sensor");
            datapoint.put("is_active", true);
            body.add(datapoint);
        }
        ApiClient.Response created = rest.post("datapoint/", body);
        if (created.status() != 201) {
            throw new IllegalStateException("creating datapoints answered " + created.status() + ": " + created.body());
        }
        tools.jackson.databind.JsonNode list = created.json();
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = list.get(i).get("id").asLong();
        }
        return ids;
    }
}
