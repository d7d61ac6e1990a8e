package io.bemcom.api.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.bemcom.api.ApiServiceApplication;
import io.bemcom.api.datapoint.DatapointRegistry;
import io.bemcom.api.live.LiveClients;
import io.bemcom.api.live.LiveRelay;
import io.bemcom.api.support.Http;
import io.bemcom.api.support.PostgresApiTest;
import io.bemcom.api.support.SharedDatabase;
import io.bemcom.api.support.Sessions;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.mqtt.BrokerClient;
import io.bemcom.protocol.mqtt.BrokerSettings;
import io.bemcom.protocol.mqtt.ClientOptions;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestDatabase;
import io.bemcom.testsupport.TestNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * Two api-service instances (in this JVM) share the ingestion of the shared broker through
 * {@code MQTT_SHARED_SUBSCRIPTION_GROUP}, with one PostgreSQL database (issue 20, item 4;
 * docs/scaling.md): each value is stored once and by either instance, and a datapoint created on
 * one instance is known to the other, whose share of its values is stored too. The first instance
 * is the shared test context (which ingests in {@link PostgresApiTest#SHARE_GROUP}); the second
 * one is started here on the same database and group. A live-push client on either instance gets
 * what both store (the live relay over the broker).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedIngestionTest extends PostgresApiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TestBroker broker = TestBrokers.shared();
    private final TestDatabase database = SharedDatabase.get();
    @Autowired
    private ConfigurableApplicationContext sharedContext;
    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private BrokerClient connector;

    @BeforeAll
    void startTheSecondInstance() {
        instances.add(sharedContext);
        instances.add(start(TestNames.unique("api-shared-2")));
        connector = BrokerClient.connect(BrokerSettings.of(broker.host(), broker.port()),
                ClientOptions.named(TestNames.unique("shared-connector")), new SimpleMeterRegistry());
    }

    private ConfigurableApplicationContext start(String clientId) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("DJANGOAPIDB_HOST", database.host());
        properties.put("DJANGOAPIDB_PORT", database.port());
        properties.put("DJANGOAPIDB_DBNAME", database.name());
        properties.put("DJANGOAPIDB_USER", database.user());
        properties.put("DJANGOAPIDB_PASSWORD", database.password());
        properties.put("MQTT_BROKER_HOST", broker.host());
        properties.put("MQTT_BROKER_PORT", broker.port());
        properties.put("MQTT_CLIENT_ID", clientId);
        properties.put("MQTT_SHARED_SUBSCRIPTION_GROUP", SHARE_GROUP);
        properties.put("ACTIVATE_HISTORY_EXTENSION", "true");
        properties.put("DJANGO_SUPERUSER_USERNAME", "admin");
        properties.put("DJANGO_SUPERUSER_PASSWORD", "admin-pass");
        properties.put("DJANGO_SUPERUSER_EMAIL", "admin@example.com");
        properties.put("PORT", "0");
        Sessions.removeAtExit(broker, clientId);
        return new SpringApplicationBuilder(ApiServiceApplication.class).properties(properties).run();
    }

    @AfterAll
    void stopInstances() {
        if (connector != null) {
            connector.close();
        }
        if (instances.size() > 1) {
            instances.get(1).close();
        }
    }

    @Test
    void eachValueIsStoredOnceAndBothInstancesStoreTheirShare() {
        String name = TestNames.unique("shared-values");
        long[] ids = createDatapoints(instances.get(0), name, 10);
        // Both in the group before the first value: a member that subscribes later gets the retained
        // last values as well (Mosquitto delivers retained messages on shared subscriptions), which
        // writes those rows once more, with the same content.
        await("both instances subscribed").atMost(WAIT).until(() -> instances.stream()
                .allMatch(instance -> instance.getBean(MqttIngestion.class).ingestsValuesOf(name)));
        double[] storedBefore = {stored(instances.get(0)), stored(instances.get(1))};
        int values = 1_000;
        for (int i = 0; i < values; i++) {
            assertThat(connector.publish(Topics.value(name, ids[i % ids.length]), Delivery.SENSOR_VALUE,
                    new ValueMessage(JsonValues.of(i), 1_700_000_000_000L + i))).isTrue();
        }

        await("every value stored").atMost(WAIT).until(() -> rows(ids) == values);
        assertThat(rewrittenRows(ids)).as("rows written more than once").isZero();
        assertThat(stored(instances.get(0)) - storedBefore[0]).as("stored by instance 1").isPositive();
        assertThat(stored(instances.get(1)) - storedBefore[1]).as("stored by instance 2").isPositive();
        await("nothing more arrives").during(Duration.ofMillis(500)).atMost(WAIT)
                .until(() -> rows(ids) == values && rewrittenRows(ids) == 0);
    }

    @Test
    void aDatapointCreatedOnOneInstanceIsKnownToTheOtherAtOnce() {
        String name = TestNames.unique("shared-metadata");
        // Created through instance 2, values published right after the answer: the broker hands
        // half of them to instance 1, which has not heard of the connector or its datapoints yet.
        long[] ids = createDatapoints(instances.get(1), name, 4);
        int values = 200;
        for (int i = 0; i < values; i++) {
            connector.publish(Topics.value(name, ids[i % ids.length]), Delivery.SENSOR_VALUE,
                    new ValueMessage(JsonValues.of(i), 1_700_000_000_000L + i));
        }

        DatapointRegistry first = instances.get(0).getBean(DatapointRegistry.class);
        await("instance 1 knows the new datapoints").atMost(WAIT)
                .until(() -> first.active(ids[0]).isPresent() && first.connectorId(name).isPresent());
        await("every value stored").atMost(WAIT).until(() -> rows(ids) == values);

        // Deactivated on instance 1: instance 2 follows and stores no more values of it.
        Http http = http(instances.get(0));
        Http.Response deactivated = http.put("/datapoint/", "[{\"connector\": {\"name\": \"" + name
                + "\"}, \"key_in_connector\": \"value-0\", \"is_active\": false}]");
        assertThat(deactivated.status()).as(deactivated.text()).isEqualTo(200);
        DatapointRegistry second = instances.get(1).getBean(DatapointRegistry.class);
        await("instance 2 knows the datapoint is inactive").atMost(WAIT)
                .until(() -> second.active(ids[0]).isEmpty() && second.exists(ids[0]));
    }

    @Test
    void aLiveClientOnOneInstanceReceivesWhatEitherInstanceStoredOnce() throws Exception {
        String name = TestNames.unique("shared-live");
        Http.Response created = http(instances.get(0)).post("/datapoint/", "[{\"connector\": {\"name\": \"" + name
                + "\"}, \"key_in_connector\": \"temp\", \"type\": \"sensor\", \"is_active\": true, "
                + "\"data_format\": \"continuous_numeric\"}]");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long id = created.json().get(0).get("id").longValue();
        await("both instances subscribed").atMost(WAIT).until(() -> instances.stream()
                .allMatch(instance -> instance.getBean(MqttIngestion.class).ingestsValuesOf(name)));
        ConfigurableApplicationContext second = instances.get(1);
        LiveRelay relay = second.getBean(LiveRelay.class);
        int port = second.getEnvironment().getProperty("local.server.port", Integer.class);
        try (LiveClients.Socket socket = new LiveClients.Socket(port, "datapoint__id__in=" + id,
                LiveClients.basic("admin", "admin-pass"), true)) {
            await("instance 2 listens to the relay").atMost(WAIT).until(relay::isListening);
            // A payload that is no relay message: counted and logged, nothing pushed, nothing breaks.
            Counter rejected = second.getBean(MeterRegistry.class).counter("bemcom.api.live.relay.rejected");
            double rejectedBefore = rejected.count();
            assertThat(connector.publish(Topics.liveRelay(Topics.LIVE_RELAY_PREFIX, SHARE_GROUP, "intruder"), 1, false,
                    "{\"v\": 1, \"msgs\": 7}".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isTrue();
            await("the malformed relay message counted").atMost(WAIT).until(() -> rejected.count() > rejectedBefore);
            double[] storedBefore = {stored(instances.get(0)), stored(instances.get(1))};
            int values = 200;
            long t0 = 1_700_000_000_000L;
            for (int i = 0; i < values; i++) {
                assertThat(connector.publish(Topics.value(name, id), Delivery.SENSOR_VALUE,
                        new ValueMessage(JsonValues.of(i), t0 + i))).isTrue();
            }

            Map<Long, JsonNode> pushed = new java.util.TreeMap<>();
            for (int i = 0; i < values; i++) {
                String data = socket.frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(data).as("pushed message %d of %d", i + 1, values).isNotNull();
                JsonNode message = JsonValues.parse(data);
                assertThat(message.get("kind").stringValue()).isEqualTo("value");
                JsonNode item = message.get("msgs_by_datapoint_id").get(Long.toString(id));
                assertThat(pushed.put(item.get("timestamp").longValue(), item)).as("pushed twice: %s", item).isNull();
            }
            assertThat(socket.frames.poll(300, TimeUnit.MILLISECONDS)).as("nothing more").isNull();
            assertThat(stored(instances.get(0)) - storedBefore[0]).as("stored by instance 1").isPositive();
            assertThat(stored(instances.get(1)) - storedBefore[1]).as("stored by instance 2").isPositive();
            // Exactly what the history route returns, whichever instance stored it.
            JsonNode history = http(second).get("/datapoint/" + id + "/value/?timestamp__gte=" + t0).json();
            assertThat(history).hasSize(values);
            history.forEach(row -> assertThat(pushed.get(row.get("timestamp").longValue())).isEqualTo(row));
            assertThat(pushed.get(t0 + 7).get("value").stringValue()).isEqualTo("7.0");
        }
        await("instance 2 unsubscribes the relay after its last client").atMost(WAIT).until(() -> !relay.isListening());
        await("instance 2 leaves the relay with its last client").atMost(WAIT).until(() -> !relay.isListening());
    }

    private long[] createDatapoints(ConfigurableApplicationContext instance, String connectorName, int count) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ", ").append("{\"connector\": {\"name\": \"").append(connectorName)
                    .append("\"}, \"key_in_connector\": \"value-").append(i)
                    .append("\", \"type\": \"sensor\", \"is_active\": true}");
        }
        Http.Response created = http(instance).post("/datapoint/", body.append(']').toString());
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = created.json().get(i).get("id").longValue();
        }
        return ids;
    }

    private static Http http(ConfigurableApplicationContext instance) {
        int port = instance.getEnvironment().getProperty("local.server.port", Integer.class);
        return Http.at(port, "").basic("admin", "admin-pass");
    }

    private static double stored(ConfigurableApplicationContext instance) {
        return instance.getBean(MeterRegistry.class).find("bemcom.api.ingest.messages.stored").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private long rows(long[] ids) {
        return jdbc().queryForObject("SELECT count(*) FROM datapoint_value WHERE datapoint_id = ANY (?)", Long.class,
                (Object) java.util.Arrays.stream(ids).boxed().toArray(Long[]::new));
    }

    /** Rows that {@code ON CONFLICT DO UPDATE} rewrote carry a transaction id in {@code xmax}. */
    private long rewrittenRows(long[] ids) {
        return jdbc().queryForObject("SELECT count(*) FROM datapoint_value WHERE datapoint_id = ANY (?) AND "
                + "xmax::text::bigint <> 0", Long.class, (Object) java.util.Arrays.stream(ids).boxed().toArray(Long[]::new));
    }

    private JdbcTemplate jdbc() {
        return instances.get(0).getBean(JdbcTemplate.class);
    }
}
