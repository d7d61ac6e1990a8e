package io.bemcom.tools.localrunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bemcom.testsupport.Ports;

/**
 * Every service, started with something it cannot reach, says so in one ERROR line naming the
 * variables that set it, without a stack trace, and exits non-zero; every line it writes is in the
 * one log format of every service (text, or JSON with LOG_FORMAT=json). The five run at once.
 */
class StartupFailureTest {

    /** The text format of io.bemcom.protocol.logging.ConsoleEncoder. */
    private static final String TEXT_LINE = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z (TRACE|DEBUG|INFO |WARN |ERROR) \\[[^]]+\\] \\S+: .*";

    @TempDir
    Path data;

    private record Case(ServiceProcess process, ByteArrayOutputStream output, String expected) {
    }

    @Test
    void eachServiceReportsWhatItCouldNotReachInOneLineAndExitsNonZero() throws Exception {
        Path root = RunnerSettings.findRepositoryRoot(Path.of(""));
        String closed = Integer.toString(Ports.free());
        Map<String, String> unreachableBroker = Map.of("MQTT_BROKER_HOST", "127.0.0.1", "MQTT_BROKER_PORT", closed);
        try (ServerSocket taken = new ServerSocket(0)) {
            List<Case> cases = List.of(
                    start(root, ServiceJars.API_SERVICE, with(unreachableBroker, "PORT", Integer.toString(Ports.free()),
                            "DJANGOAPIDB_SQLITE_PATH", data.resolve("api.sqlite3").toString()),
                            "(set by MQTT_BROKER_HOST, MQTT_BROKER_PORT)"),
                    start(root, ServiceJars.RAW_MESSAGE_DB, with(unreachableBroker, "SERVER_PORT",
                            Integer.toString(Ports.free()), "RAW_MESSAGE_DB_HOST", "127.0.0.1", "RAW_MESSAGE_DB_PORT", closed),
                            "Could not reach the database (set by RAW_MESSAGE_DB_HOST, RAW_MESSAGE_DB_PORT)"),
                    start(root, ServiceJars.CONTROLLER_SERVICE, with(unreachableBroker, "LOGLEVEL", "LOUD",
                            "LOG_FORMAT", "json"),
                            "(set by MQTT_BROKER_HOST, MQTT_BROKER_PORT)"),
                    start(root, ServiceJars.MODBUS_TCP_CONNECTOR, with(unreachableBroker, "CONNECTOR_NAME", "startup-test",
                            "POLL_SECONDS", "5", "MODBUS_MASTER_IP", "127.0.0.1", "MODBUS_MASTER_PORT", closed,
                            "MODBUS_CONFIG", "{}"), "(set by MQTT_BROKER_HOST, MQTT_BROKER_PORT)"),
                    start(root, ServiceJars.DEMO_DEVICE, Map.of("MODBUS_PORT", Integer.toString(taken.getLocalPort())),
                            "(set by MODBUS_PORT)"));
            for (Case failing : cases) {
                await(failing.process().name() + " exits").atMost(Duration.ofSeconds(150))
                        .until(() -> !failing.process().isAlive());
                String name = failing.process().name();
                boolean json = failing.process().spec().environment().containsKey("LOG_FORMAT");
                String errorMark = json ? "\"log.level\":\"ERROR\"" : " ERROR ";
                // The output is copied by daemon threads: wait for the ERROR line, then for the rest.
                await(name + "'s ERROR line").atMost(Duration.ofSeconds(10)).until(() -> text(failing).contains(errorMark));
                Thread.sleep(200);
                String output = text(failing);
                List<String> errors = output.lines().filter(line -> line.contains(errorMark)).toList();
                assertThat(failing.process().exitCode()).as(name + ": " + output).isNotZero();
                assertThat(errors).as(name + ": " + output).hasSize(1);
                assertThat(errors.get(0)).as(name).contains(failing.expected());
                // One format: every line is an event of the shared format (no stack trace, no multi-line block).
                for (String line : output.lines().map(line -> line.substring(ServiceProcess.prefix(name).length()))
                        .filter(line -> !line.startsWith("*** ")).toList()) { // the runner's own "exited with code" line
                    if (json) {
                        assertThat(ApiClient.JSON.readTree(line).get("log.level")).as(name + ": " + line).isNotNull();
                    } else {
                        assertThat(line).as(name).matches(TEXT_LINE);
                    }
                }
            }
            assertThat(text(cases.get(2))).contains("LOGLEVEL='LOUD' is not a log level").contains("\"service.name\":\"bemcom-controller\"");
        }
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> environment = new LinkedHashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            environment.put(pairs[i], pairs[i + 1]);
        }
        return environment;
    }

    private Case start(Path root, ServiceJars jar, Map<String, String> environment, String expected) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        ServiceSpec spec = new ServiceSpec(jar.artifactId(), jar.jar(root), data.resolve(jar.artifactId()), environment,
                List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), List.of());
        return new Case(ServiceProcess.start(spec, new PrintStream(output, true, StandardCharsets.UTF_8)), output, expected);
    }

    private static String text(Case failing) {
        synchronized (failing.output()) {
            return failing.output().toString(StandardCharsets.UTF_8);
        }
    }
}
