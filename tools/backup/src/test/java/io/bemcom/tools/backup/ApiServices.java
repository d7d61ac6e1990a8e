package io.bemcom.tools.backup;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;

import io.bemcom.testsupport.Ports;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestDatabase;
import io.bemcom.testsupport.TestNames;
import io.bemcom.tools.localrunner.ApiClient;
import io.bemcom.tools.localrunner.ServiceJars;
import io.bemcom.tools.localrunner.ServiceProcess;
import io.bemcom.tools.localrunner.ServiceSpec;

/** The api-service as a process from its jar (as the local runner starts it), on PostgreSQL or SQLite. */
final class ApiServices {

    static final String USER = "backup";
    static final String PASSWORD = "backup-pass";

    /** A running api-service: its process and REST base URL. */
    record Running(ServiceProcess process, String url) {
        ApiClient client() {
            return new ApiClient(url, USER, PASSWORD);
        }

        void stop() {
            process.stop(Duration.ofSeconds(15));
        }
    }

    private ApiServices() {
    }

    /** Starts it (history and control on) on {@code database}, or on a new SQLite file when null; does not wait. */
    static Running start(String name, TestDatabase database, Path work, String heap, PrintStream out) throws Exception {
        TestBroker broker = TestBrokers.shared();
        int port = Ports.free();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MQTT_BROKER_HOST", broker.host());
        env.put("MQTT_BROKER_PORT", Integer.toString(broker.port()));
        env.put("MQTT_CLIENT_ID", TestNames.unique(name));
        env.put("PORT", Integer.toString(port));
        env.put("ACTIVATE_HISTORY_EXTENSION", "TRUE");
        env.put("ACTIVATE_CONTROL_EXTENSION", "TRUE");
        env.put("DJANGO_SUPERUSER_USERNAME", USER);
        env.put("DJANGO_SUPERUSER_PASSWORD", PASSWORD);
        env.put("DJANGO_SUPERUSER_EMAIL", "backup@example.com");
        env.put("DJANGO_ALLOWED_HOSTS", "[\"localhost\", \"127.0.0.1\"]");
        env.put("AUTH_FAILURES_PER_ADDRESS", "0");
        Path dir = work.resolve(name);
        if (database == null) {
            Path sqlite = dir.resolve("db.sqlite3");
            Files.createDirectories(dir);
            for (String suffix : List.of("", "-wal", "-shm")) {
                Files.deleteIfExists(Path.of(sqlite + suffix));
            }
            env.put("DJANGOAPIDB_SQLITE_PATH", sqlite.toString());
        } else {
            env.put("DJANGOAPIDB_HOST", database.host());
            env.put("DJANGOAPIDB_PORT", Integer.toString(database.port()));
            env.put("DJANGOAPIDB_USER", database.user());
            env.put("DJANGOAPIDB_PASSWORD", database.password() == null || database.password().isEmpty()
                    ? "unused-trust-auth" : database.password());
            env.put("DJANGOAPIDB_DBNAME", database.name());
            env.put("N_MTD_WRITE_THREADS", "2");
        }
        ServiceProcess process = ServiceProcess.start(new ServiceSpec(name, ServiceJars.API_SERVICE.jar(root()), dir, env,
                List.of("-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), List.of()), out);
        return new Running(process, "http://127.0.0.1:" + port + "/");
    }

    /** Waits until {@code GET /datapoint/} answers 200. */
    static void await(Running api) {
        ApiClient client = api.client();
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            if (!api.process().isAlive()) {
                throw new IllegalStateException(api.process().name() + " exited");
            }
            return client.get("datapoint/").status() == 200;
        });
    }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("api-service/pom.xml"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
