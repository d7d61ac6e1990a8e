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
import io.bemcom.testsupport.Ports;
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
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
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
        runScenario(settings);
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void demoRunsEndToEndOnSqlite() throws Exception {
        runScenario(settings());
    }

    private RunnerSettings settings() {
        TestBroker broker = TestBrokers.shared();
        RunnerSettings settings = new RunnerSettings();
        settings.brokerHost = broker.host();
        settings.brokerPort = broker.port();
        settings.repositoryRoot = RunnerSettings.findRepositoryRoot(Path.of(""));
        settings.dataDirectory = data;
        settings.apiPort = Ports.free();
        settings.modbusPort = Ports.free();
        settings.rawMessageDbPort = Ports.free();
        settings.controllerMetricsPort = Ports.free();
        settings.connectorMetricsPort = Ports.free();
        settings.connectorName = TestNames.unique("e2e-modbus");
        settings.controllerTopic = TestNames.unique("e2e-controller") + "/controlled_datapoints";
        settings.apiMqttClientId = TestNames.unique("e2e-api");
        settings.rawMessageDbMqttClientId = TestNames.unique("e2e-raw");
        settings.rawMessageTopic = Topics.rawMessageToDb(settings.connectorName);
        settings.pollSeconds = "1";
        return settings;
    }

    private void runScenario(RunnerSettings settings) throws Exception {
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
