package io.bemcom.tools.localrunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.bemcom.protocol.Topics;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestDatabase;
import io.bemcom.testsupport.TestDatabases;
import io.bemcom.testsupport.TestNames;
import tools.jackson.databind.JsonNode;

/**
 * The whole application, each service in its own process as the local runner starts it, against
 * the test broker (the machine's Mosquitto in CI) and PostgreSQL or SQLite. Everything is checked
 * through the public interfaces only: the api-service's REST API and MQTT.
 */
class LocalApplicationEndToEndTest {

    @TempDir
    Path data;

    private LocalApplication application;
    private TestDatabase apiDatabase;
    private TestDatabase rawDatabase;
    private MqttClient probe;

    @AfterEach
    void tearDown() throws Exception {
        if (probe != null) {
            probe.disconnect(2_000);
            probe.close();
        }
        if (application != null) {
            application.close();
            forgetPersistentSessions(application.settings());
        }
        if (apiDatabase != null) {
            apiDatabase.close();
        }
        if (rawDatabase != null) {
            rawDatabase.close();
        }
    }

    @Test
    @Timeout(value = 200, unit = TimeUnit.SECONDS)
    void demoRunsEndToEndOnPostgresql() throws Exception {
        apiDatabase = TestDatabases.create();
        rawDatabase = TestDatabases.create();
        RunnerSettings settings = settings();
        settings.apiEnvironment.putAll(Map.of("DJANGOAPIDB_HOST", apiDatabase.host(),
                "DJANGOAPIDB_PORT", Integer.toString(apiDatabase.port()), "DJANGOAPIDB_USER", apiDatabase.user(),
                "DJANGOAPIDB_PASSWORD", apiDatabase.password(), "DJANGOAPIDB_DBNAME", apiDatabase.name(),
                "N_MTD_WRITE_THREADS", "2"));
        settings.rawMessageDbEnvironment.putAll(Map.of("RAW_MESSAGE_DB_HOST", rawDatabase.host(),
                "RAW_MESSAGE_DB_PORT", Integer.toString(rawDatabase.port()), "RAW_MESSAGE_DB_USER", rawDatabase.user(),
                "RAW_MESSAGE_DB_PASSWORD", rawDatabase.password(), "RAW_MESSAGE_DB_DBNAME", rawDatabase.name()));
        DemoRegistration.DemoDatapoints ids = runScenario(settings);
        replayWithAFixedParser(ids);
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void demoRunsEndToEndOnSqlite() throws Exception {
        runScenario(settings());
    }

    private RunnerSettings settings() {
        TestBroker broker = TestBrokers.shared();
        RunnerSettings settings = TestRunnerSettings.onFreePorts(data);
        settings.brokerHost = broker.host();
        settings.brokerPort = broker.port();
        settings.connectorName = TestNames.unique("e2e-modbus");
        settings.controllerTopic = TestNames.unique("e2e-controller") + "/controlled_datapoints";
        settings.apiMqttClientId = TestNames.unique("e2e-api");
        settings.rawMessageDbMqttClientId = TestNames.unique("e2e-raw");
        settings.rawMessageTopic = Topics.rawMessageToDb(settings.connectorName);
        settings.pollSeconds = "1";
        return settings;
    }

    private DemoRegistration.DemoDatapoints runScenario(RunnerSettings settings) throws Exception {
        application = new LocalApplication(settings, System.out);
        application.start(Duration.ofSeconds(90));
        DemoRegistration.DemoDatapoints ids = application.registerDemo();
        long registered = System.currentTimeMillis();
        ApiClient api = application.api();

        // 1. The demo temperature reaches GET /datapoint/last_value/ within 15 s.
        await("temperature in last_value").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> lastValue(api, ids.temperature()) != null);
        System.out.println("e2e: first temperature after " + (System.currentTimeMillis() - registered) + " ms: "
                + lastValue(api, ids.temperature()));

        // Every service has a health (readiness) and Prometheus metrics, without credentials.
        assertThat(api.getAnonymously("actuator/health/readiness").status()).isEqualTo(200);
        ApiClient raw = new ApiClient("http://localhost:" + settings.rawMessageDbPort + "/", "", "");
        ApiClient controller = new ApiClient("http://localhost:" + settings.controllerMetricsPort + "/", "", "");
        ApiClient connectorMonitoring = new ApiClient("http://localhost:" + settings.connectorMetricsPort + "/", "", "");
        for (ApiClient service : List.of(raw, controller)) {
            await("readiness").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> service.getAnonymously("actuator/health/readiness").status() == 200);
        }
        assertThat(raw.getAnonymously("actuator/prometheus").body()).contains("bemcom_rawmessages_");
        assertThat(controller.getAnonymously("actuator/prometheus").body()).contains("bemcom_controller_controlled_datapoints");
        assertThat(connectorMonitoring.getAnonymously("health").status()).isEqualTo(200);
        assertThat(connectorMonitoring.getAnonymously("metrics").body()).contains("bemcom_connector_readings_total");

        // The api-service knows the controller it wires (REST); registering again (a second start)
        // finds it and does not add the pair twice.
        application.registerDemo();
        JsonNode controllers = api.get("controller/?name=" + ApiClient.encode(settings.controllerName)).json();
        assertThat(controllers).hasSize(1);
        assertThat(controllers.get(0).get("mqtt_topic_controlled_datapoints").asString()).isEqualTo(settings.controllerTopic);
        assertThat(controllers.get(0).get("controlled_datapoints")).hasSize(1);
        assertThat(controllers.get(0).get("controlled_datapoints").get(0).get("actuator_id").asLong())
                .isEqualTo(ids.setpointActuator());

        // 2. A history query returns the values.
        await("history of the temperature").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> api.get("datapoint/" + ids.temperature() + "/value/").json().size() >= 2);
        JsonNode history = api.get("datapoint/" + ids.temperature() + "/value/").json();
        assertThat(history.get(0).get("value").asString()).matches("-?[0-9.]+");
        assertThat(history.get(0).get("timestamp").asLong()).isPositive();

        // 3. A schedule and a setpoint posted via REST: the controller publishes on the actuator's value
        //    topic and the device's setpoint register (read back by the connector) follows.
        LinkedBlockingQueue<String> actuatorValues = subscribe(settings,
                Topics.value(settings.connectorName, ids.setpointActuator()));
        long now = System.currentTimeMillis();
        ApiClient.Response setpoint = api.post("datapoint/" + ids.setpointActuator() + "/setpoint/", Map.of(
                "setpoint", List.of(setpointItem("26.5", 10.0, 40.0)), "timestamp", now));
        assertThat(setpoint.status()).as(setpoint.body()).isEqualTo(201);
        ApiClient.Response schedule = api.post("datapoint/" + ids.setpointActuator() + "/schedule/", Map.of(
                "schedule", List.of(scheduleItem("18.5")), "timestamp", now));
        assertThat(schedule.status()).as(schedule.body()).isEqualTo(201);
        // The room is inside the setpoint's 10..40 band: the schedule's value wins.
        assertThat(awaitValue(actuatorValues, 18.5)).isTrue();
        await("setpoint register 18.5").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> numeric(lastValue(api, ids.setpointReadback())) == 18.5);

        // A narrower band the room is not in: the controller falls back to the preferred value.
        actuatorValues.clear();
        ApiClient.Response narrow = api.post("datapoint/" + ids.setpointActuator() + "/setpoint/", Map.of(
                "setpoint", List.of(setpointItem("26.5", 25.0, 30.0)), "timestamp", System.currentTimeMillis()));
        assertThat(narrow.status()).as(narrow.body()).isEqualTo(201);
        assertThat(awaitValue(actuatorValues, 26.5)).isTrue();
        await("setpoint register 26.5").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> numeric(lastValue(api, ids.setpointReadback())) == 26.5);

        // 4. The connector crashes and is started again; values resume, the api-service untouched.
        ServiceProcess api1 = application.service(LocalApplication.API_SERVICE);
        long apiPid = api1.pid();
        ServiceProcess connector = application.service(LocalApplication.CONNECTOR);
        connector.kill();
        assertThat(connector.isAlive()).isFalse();
        long restarted = System.currentTimeMillis();
        connector.start();
        await("temperature after the connector's restart").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> lastTimestamp(api, ids.temperature()) > restarted);
        assertThat(api1.isAlive()).isTrue();
        assertThat(api1.pid()).isEqualTo(apiPid);
        System.out.println("e2e: values resumed " + (lastTimestamp(api, ids.temperature()) - restarted)
                + " ms after the connector's restart");

        // 5. The operator's edits survive a restart: registering again (as every start does) changes nothing.
        Map<String, Object> connectorRef = Map.of("name", settings.connectorName);
        assertThat(api.put("datapoint/", List.of(Map.of("connector", connectorRef, "key_in_connector",
                DemoRegistration.SETPOINT_READBACK_KEY, "type", "sensor", "is_active", false))).status()).isEqualTo(200);
        assertThat(api.put("datapoint/", List.of(Map.of("connector", connectorRef, "key_in_connector",
                DemoRegistration.SETPOINT_ACTUATOR_KEY, "type", "actuator", "min_value", 16.0, "max_value", 28.0,
                "short_name", "operators_setpoint"))).status()).isEqualTo(200);
        DemoRegistration.DemoDatapoints again = application.registerDemo();
        assertThat(again.inactive()).containsExactly(DemoRegistration.SETPOINT_READBACK_KEY);
        JsonNode active = api.get("datapoint/?connector__name=" + ApiClient.encode(settings.connectorName)).json();
        assertThat(active).hasSize(2);
        for (JsonNode datapoint : active) {
            assertThat(datapoint.get("key_in_connector").asString()).isNotEqualTo(DemoRegistration.SETPOINT_READBACK_KEY);
            if (datapoint.get("type").asString().equals("actuator")) {
                assertThat(datapoint.get("min_value").asDouble()).isEqualTo(16.0);
                assertThat(datapoint.get("max_value").asDouble()).isEqualTo(28.0);
                assertThat(datapoint.get("short_name").asString()).isEqualTo("operators_setpoint");
            }
        }
        return ids;
    }

    /**
     * 5. Raw-message replay (issue 20): the connector is stopped, then its stored raw messages of the
     * temperature's whole history are run through a changed parse (the same jar with a scaling factor of
     * 10 for the temperature register, as after a parser fix) in replay mode. Every stored value is
     * replaced at its timestamp, none is added twice, and the device is not contacted: the replay's
     * Modbus address is a socket that counts connections.
     */
    private void replayWithAFixedParser(DemoRegistration.DemoDatapoints ids) throws Exception {
        RunnerSettings settings = application.settings();
        ApiClient api = application.api();
        application.service(LocalApplication.CONNECTOR).stop(Duration.ofSeconds(15));
        // Settled: the newest raw message and the newest stored temperature are of the same reading.
        await("raw messages and values of the stopped connector stored").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(300)).until(() -> {
                    List<Long> raw = rawMessageTimestamps(settings, 0, Long.MAX_VALUE);
                    return !raw.isEmpty() && raw.get(raw.size() - 1) == lastTimestamp(api, ids.temperature());
                });
        List<JsonNode> stored = historyOf(api, ids.temperature(), 0, Long.MAX_VALUE);
        long from = stored.get(0).get("timestamp").asLong();
        long to = stored.get(stored.size() - 1).get("timestamp").asLong();
        Map<Long, Double> before = valuesByTimestamp(stored);
        List<Long> rawInRange = rawMessageTimestamps(settings, from, to);

        try (java.net.ServerSocket device = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
            Thread accepter = new Thread(() -> {
                while (!device.isClosed()) {
                    try (java.net.Socket ignored = device.accept()) {
                        connections.incrementAndGet();
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
            accepter.setDaemon(true);
            accepter.start();

            ServiceSpec connector = application.service(LocalApplication.CONNECTOR).spec();
            Map<String, String> env = new java.util.HashMap<>(connector.environment());
            env.put("MODBUS_CONFIG", LocalApplication.DEMO_MODBUS_CONFIG.replace("\"datatypes\": \"<e\"}], "
                    + "\"read_holding", "\"datatypes\": \"<e\", \"scaling_factors\": {\"1\": 10}}], \"read_holding"));
            env.put("MODBUS_MASTER_PORT", Integer.toString(device.getLocalPort()));
            env.put("REPLAY_FROM", Long.toString(from));
            env.put("REPLAY_TO", Long.toString(to));
            env.put("RAW_MESSAGE_DB_URL", "http://127.0.0.1:" + settings.rawMessageDbPort);
            assertThat(env.get("MODBUS_CONFIG")).contains("scaling_factors");
            long started = System.nanoTime();
            ServiceProcess replay = ServiceProcess.start(new ServiceSpec("replay", connector.jar(),
                    connector.workingDirectory().resolveSibling("replay"), env, connector.jvmOptions(), List.of()),
                    System.out);
            replay.awaitStop(Duration.ofSeconds(60));
            assertThat(replay.exitCode()).as("the replay's exit code").isZero();
            System.out.println("e2e: replay of " + rawInRange.size() + " raw messages took "
                    + (System.nanoTime() - started) / 1_000_000 + " ms (with the JVM's start)");
            assertThat(connections.get()).as("connections to the device").isZero();
        }

        await("every value in the range re-parsed").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    Map<Long, Double> now = valuesByTimestamp(historyOf(api, ids.temperature(), from, to));
                    return before.entrySet().stream().allMatch(old -> now.get(old.getKey()) != null
                            && Math.abs(now.get(old.getKey()) - old.getValue() * 10) < 1e-9);
                });
        List<JsonNode> after = historyOf(api, ids.temperature(), from, to);
        Map<Long, Double> replaced = valuesByTimestamp(after);
        assertThat(replaced).as("one value per timestamp").hasSize(after.size());
        // Exactly one value per stored raw message: the existing ones replaced, none added twice.
        assertThat(replaced.keySet()).containsAll(before.keySet()).containsExactlyInAnyOrderElementsOf(
                new java.util.LinkedHashSet<>(rawInRange));
        System.out.println("e2e: replay replaced " + before.size() + " stored values; history now holds " + after.size()
                + " in the range");
    }

    private static List<JsonNode> historyOf(ApiClient api, long id, long from, long to) throws Exception {
        List<JsonNode> values = new java.util.ArrayList<>();
        api.get("datapoint/" + id + "/value/?timestamp__gte=" + from + "&timestamp__lte=" + to).json()
                .forEach(values::add);
        return values;
    }

    private static Map<Long, Double> valuesByTimestamp(List<JsonNode> history) {
        Map<Long, Double> values = new java.util.LinkedHashMap<>();
        history.forEach(message -> values.put(message.get("timestamp").asLong(),
                numeric(message.get("value").isString() ? message.get("value").asString() : message.get("value").toString())));
        return values;
    }

    /** Timestamps of the connector's raw messages in the raw-message-db (its NDJSON export), oldest first. */
    private static List<Long> rawMessageTimestamps(RunnerSettings settings, long from, long to) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + settings.rawMessageDbPort
                        + "/raw-messages/" + settings.connectorName + "?from=" + from + "&to=" + to)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body().lines().filter(line -> !line.isBlank())
                .map(line -> ApiClient.JSON.readTree(line).get("timestamp").asLong()).toList();
    }

    private static Map<String, Object> setpointItem(String preferred, double min, double max) {
        java.util.Map<String, Object> item = new java.util.LinkedHashMap<>();
        item.put("from_timestamp", null);
        item.put("to_timestamp", null);
        item.put("preferred_value", preferred);
        item.put("min_value", min);
        item.put("max_value", max);
        return item;
    }

    private static Map<String, Object> scheduleItem(String value) {
        java.util.Map<String, Object> item = new java.util.LinkedHashMap<>();
        item.put("from_timestamp", null);
        item.put("to_timestamp", null);
        item.put("value", value);
        return item;
    }

    /** The datapoint's last value (its JSON text, as REST serves it), or null. */
    private static String lastValue(ApiClient api, long id) throws Exception {
        JsonNode message = api.get("datapoint/last_value/").json().get("msgs_by_datapoint_id").get(Long.toString(id));
        return message == null ? null : message.get("value").asString();
    }

    private static long lastTimestamp(ApiClient api, long id) throws Exception {
        JsonNode message = api.get("datapoint/last_value/").json().get("msgs_by_datapoint_id").get(Long.toString(id));
        return message == null ? 0 : message.get("timestamp").asLong();
    }

    private static double numeric(String json) {
        return json == null ? Double.NaN : Double.parseDouble(json.replace("\"", ""));
    }

    private LinkedBlockingQueue<String> subscribe(RunnerSettings settings, String topic) throws Exception {
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        probe = new MqttClient("tcp://" + settings.effectiveBrokerHost() + ":" + settings.brokerPort,
                TestNames.unique("e2e-probe"), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        probe.connect(options);
        probe.subscribe(topic, 1, (t, message) -> received.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
        return received;
    }

    /** True when a value message with {@code expected} arrives within 15 s. */
    private static boolean awaitValue(LinkedBlockingQueue<String> received, double expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            String payload = received.poll(250, TimeUnit.MILLISECONDS);
            if (payload != null) {
                JsonNode value = ApiClient.JSON.readTree(payload).get("value");
                System.out.println("e2e: controller sent " + payload);
                if (value != null && numeric(value.isString() ? value.asString() : value.toString()) == expected) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Removes the persistent sessions the test's services left on the shared broker. */
    private static void forgetPersistentSessions(RunnerSettings settings) {
        for (String clientId : List.of(settings.apiMqttClientId, settings.rawMessageDbMqttClientId)) {
            try {
                MqttClient client = new MqttClient("tcp://" + settings.effectiveBrokerHost() + ":" + settings.brokerPort,
                        clientId, new MemoryPersistence());
                MqttConnectOptions options = new MqttConnectOptions();
                options.setCleanSession(true);
                client.connect(options);
                if (clientId.equals(settings.apiMqttClientId)) {
                    client.publish(settings.controllerTopic, new byte[0], 1, true); // clear the retained wiring
                }
                client.disconnect(2_000);
                client.close();
            } catch (Exception e) {
                System.out.println("e2e: could not clear the session of " + clientId + ": " + e);
            }
        }
    }
}
