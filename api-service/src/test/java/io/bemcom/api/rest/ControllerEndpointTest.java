package io.bemcom.api.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.bemcom.api.controller.ControllerService;
import io.bemcom.api.support.Http;
import io.bemcom.api.support.PostgresApiTest;
import io.bemcom.connector.testkit.MqttProbe;
import io.bemcom.connector.testkit.Recorded;
import io.bemcom.protocol.Topics;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;
import tools.jackson.databind.JsonNode;

/** Our addition: {@code /controller/} and its controlled datapoints over REST, and the broker message that follows. */
class ControllerEndpointTest extends PostgresApiTest {

    @Autowired
    ControllerService controllerService;

    @Test
    void createListAddPairAndDeletePublishAndClearTheRetainedMessage() {
        String connector = TestNames.unique("conn");
        long sensor = createDatapoint(connector, "s", "sensor", null);
        long actuator = createDatapoint(connector, "a", "actuator", null);
        String name = TestNames.unique("ctrl");
        String topic = name + "/controlled_datapoints";

        Recorded<String> published = probe.recordText(topic);
        Http.Response created = admin().post("/controller/",
                "{\"name\": \"" + name + "\", \"mqtt_topic_controlled_datapoints\": \"" + topic + "\"}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long id = created.json().get("id").longValue();
        assertThat(created.text()).isEqualTo("{\"id\":" + id + ",\"name\":\"" + name
                + "\",\"mqtt_topic_controlled_datapoints\":\"" + topic + "\",\"controlled_datapoints\":[]}");

        Http.Response pair = admin().post("/controller/" + id + "/controlled_datapoint/",
                "{\"sensor_id\": " + sensor + ", \"actuator_id\": " + actuator + ", \"is_active\": true}");
        assertThat(pair.status()).as(pair.text()).isEqualTo(201);
        long pairId = pair.json().get("id").longValue();
        assertThat(pair.text()).isEqualTo("{\"id\":" + pairId + ",\"sensor_id\":" + sensor + ",\"actuator_id\":"
                + actuator + ",\"is_active\":true}");

        String expected = "[{\"sensor\":{\"value\":\"" + Topics.value(connector, sensor) + "\"},\"actuator\":{\"value\":\""
                + Topics.value(connector, actuator) + "\",\"setpoint\":\"" + Topics.setpoint(connector, actuator)
                + "\",\"schedule\":\"" + Topics.schedule(connector, actuator) + "\"}}]";
        await().atMost(WAIT).until(() -> published.messages().contains(expected));
        // A fresh subscriber gets it as a retained message: it stays on the broker for controllers that start later.
        try (MqttProbe late = MqttProbe.connect(TestBrokers.shared())) {
            Recorded<String> retained = late.recordText(topic);
            await().atMost(WAIT).until(() -> retained.all().stream().anyMatch(m -> m.retained() && m.message().equals(expected)));
        }

        JsonNode found = admin().get("/controller/?name=" + name).json();
        assertThat(found.size()).isEqualTo(1);
        assertThat(found.get(0).get("controlled_datapoints").get(0).get("sensor_id").longValue()).isEqualTo(sensor);
        assertThat(admin().get("/controller/").text()).contains("{\"id\":" + id + ",");

        assertThat(admin().delete("/controller/" + id + "/controlled_datapoint/" + pairId + "/").status()).isEqualTo(204);
        await().atMost(WAIT).until(() -> published.messages().contains("[]"));
        assertThat(admin().get("/controller/?name=" + name).json().get(0).get("controlled_datapoints").size()).isZero();

        published.clear();
        assertThat(admin().delete("/controller/" + id + "/").status()).isEqualTo(204);
        await().atMost(WAIT).until(() -> published.messages().contains("[]"));
        assertThat(admin().get("/controller/?name=" + name).json().size()).isZero();
        assertThat(admin().delete("/controller/" + id + "/").status()).isEqualTo(404);
        assertRetainedEmptyList(topic);
        assertThat(published.messages()).as("never a zero-length message, which the original python controller "
                + "cannot parse").doesNotContain("");
    }

    @Test
    void movingAControllersTopicLeavesAnEmptyListOnTheOldOne() {
        String name = TestNames.unique("ctrl");
        String oldTopic = name + "/controlled_datapoints";
        Recorded<String> old = probe.recordText(oldTopic);
        long id = admin().post("/controller/", "{\"name\": \"" + name + "\", \"mqtt_topic_controlled_datapoints\": \""
                + oldTopic + "\"}").json().get("id").longValue();
        await().atMost(WAIT).until(() -> old.messages().contains("[]"));
        old.clear();
        controllerService.update(id, name, name + "/moved");
        await().atMost(WAIT).until(() -> old.messages().contains("[]"));
        assertThat(old.messages()).doesNotContain("");
        assertRetainedEmptyList(oldTopic);
        assertThat(admin().delete("/controller/" + id + "/").status()).isEqualTo(204);
    }

    /** A controller starting later finds an empty list on the topic, not a stale list and not nothing it cannot parse. */
    private static void assertRetainedEmptyList(String topic) {
        try (MqttProbe late = MqttProbe.connect(TestBrokers.shared())) {
            Recorded<String> after = late.recordText(topic);
            await().atMost(WAIT).until(() -> after.all().stream().anyMatch(m -> m.retained()));
            assertThat(after.all()).allMatch(m -> m.retained() && m.message().equals("[]"));
        }
    }

    @Test
    void badInputNamesTheField() {
        String connector = TestNames.unique("conn");
        long sensor = createDatapoint(connector, "s", "sensor", null);
        long actuator = createDatapoint(connector, "a", "actuator", null);
        String name = TestNames.unique("ctrl");
        assertThat(admin().post("/controller/", "{}").text()).isEqualTo(
                "{\"name\":[\"This field is required.\"],\"mqtt_topic_controlled_datapoints\":[\"This field is required.\"]}");
        assertThat(admin().post("/controller/", "[]").status()).isEqualTo(400);
        Http.Response created = admin().post("/controller/",
                "{\"name\": \"" + name + "\", \"mqtt_topic_controlled_datapoints\": \"" + name + "/cd\"}");
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").longValue();
        Http.Response duplicate = admin().post("/controller/",
                "{\"name\": \"" + name + "\", \"mqtt_topic_controlled_datapoints\": \"" + name + "/other\"}");
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.text()).isEqualTo("{\"name\":[\"controller with this name already exists.\"]}");
        assertThat(admin().post("/controller/", "{\"name\": \"" + name + "-2\", \"mqtt_topic_controlled_datapoints\": \""
                + name + "/cd\"}").json().has("mqtt_topic_controlled_datapoints")).isTrue();
        // Names and topics the schema or MQTT cannot hold: 400, never 500.
        assertThat(admin().post("/controller/", "{\"name\": \"" + "n".repeat(501) + "\", \"mqtt_topic_controlled_datapoints\": \""
                + name + "/long\"}").text()).isEqualTo("{\"name\":[\"Ensure this field has no more than 500 characters.\"]}");
        for (String topic : new String[] {name + "/+", name + "/#", name + "/\\ttab", "t".repeat(501)}) {
            Http.Response refused = admin().post("/controller/", "{\"name\": \"" + name + "-3\", "
                    + "\"mqtt_topic_controlled_datapoints\": \"" + topic + "\"}");
            assertThat(refused.status()).as(topic).isEqualTo(400);
            assertThat(refused.json().has("mqtt_topic_controlled_datapoints")).as(topic).isTrue();
        }

        String path = "/controller/" + id + "/controlled_datapoint/";
        Http.Response swapped = admin().post(path, "{\"sensor_id\": " + actuator + ", \"actuator_id\": " + sensor + "}");
        assertThat(swapped.status()).isEqualTo(400);
        assertThat(swapped.json().has("sensor_id")).isTrue();
        assertThat(swapped.json().has("actuator_id")).isTrue();
        assertThat(admin().post(path, "{\"sensor_id\": " + sensor + ", \"actuator_id\": " + sensor + "}").text())
                .isEqualTo("{\"actuator_id\":[\"Datapoint " + sensor + " is not a actuator datapoint.\"]}");
        assertThat(admin().post(path, "{\"actuator_id\": " + actuator + "}").text())
                .isEqualTo("{\"sensor_id\":[\"This field is required.\"]}");
        assertThat(admin().post("/controller/999999999/controlled_datapoint/",
                "{\"sensor_id\": " + sensor + ", \"actuator_id\": " + actuator + "}").status()).isEqualTo(404);
        Http.Response inactive = admin().post(path, "{\"sensor_id\": " + sensor + ", \"actuator_id\": " + actuator
                + ", \"is_active\": false}");
        assertThat(inactive.status()).isEqualTo(201);
        assertThat(inactive.json().get("is_active").booleanValue()).isFalse();
        assertThat(admin().delete("/controller/999999999/controlled_datapoint/" + inactive.json().get("id").longValue()
                + "/").status()).isEqualTo(404);
        assertThat(admin().delete("/controller/" + id + "/").status()).isEqualTo(204);
    }

    @Test
    void permissionsUseTheOriginalsCodenames() {
        String user = TestNames.unique("ctrl-user");
        users.createUser(user, "pw", "", false);
        Http client = anonymous().basic(user, "pw");
        String name = TestNames.unique("ctrl");
        String body = "{\"name\": \"" + name + "\", \"mqtt_topic_controlled_datapoints\": \"" + name + "/cd\"}";
        assertThat(anonymous().get("/controller/").status()).isEqualTo(401);
        assertThat(client.post("/controller/", body).status()).isEqualTo(403);
        assertThat(client.get("/controller/").status()).isEqualTo(403);
        users.grant(user, "api_main.view_controller");
        assertThat(client.get("/controller/").status()).isEqualTo(403); // the answer nests controlled datapoints
        users.grant(user, "api_main.view_controlleddatapoint");
        assertThat(client.get("/controller/").status()).isEqualTo(200);
        users.grant(user, "api_main.add_controller");
        Http.Response created = client.post("/controller/", body);
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").longValue();
        assertThat(client.post("/controller/" + id + "/controlled_datapoint/", "{}").status()).isEqualTo(403);
        assertThat(client.delete("/controller/" + id + "/").status()).isEqualTo(403);
        users.grant(user, "api_main.delete_controller");
        assertThat(anonymous().bearer(users.token(user)).delete("/controller/" + id + "/").status()).isEqualTo(204);
    }

    @Test
    void theSchemaDocumentsTheRoutes() {
        String schema = anonymous().get("/schema/?format=json").text();
        assertThat(schema).contains("/controller/{id}/controlled_datapoint/{cd_id}/").contains("\"Controller\"");
    }
}
