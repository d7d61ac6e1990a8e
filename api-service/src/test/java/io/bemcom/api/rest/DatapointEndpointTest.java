package io.bemcom.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.bemcom.api.mqtt.UnstorableMessages;
import io.bemcom.api.support.Http;
import io.bemcom.api.support.PostgresApiTest;
import io.bemcom.testsupport.TestNames;
import tools.jackson.databind.JsonNode;

/** {@code GET/POST/PUT /datapoint/} as the original's tests assert them (section 13), plus our all-or-nothing. */
class DatapointEndpointTest extends PostgresApiTest {

    @Test
    void listShowsActiveDatapointsWithExactlyTheElevenKeys() {
        String connector = TestNames.unique("conn");
        long id = createDatapoint(connector, "key-1", "sensor", "\"data_format\": \"continuous_numeric\", "
                + "\"min_value\": 15.0, \"max_value\": 35, \"unit\": \"°C\", \"short_name\": \"" + connector + "-sn\"");
        Http.Response response = admin().get("/datapoint/?id__in=" + id);
        assertThat(response.status()).isEqualTo(200);
        JsonNode item = response.json().get(0);
        List<String> keys = new ArrayList<>();
        item.propertyNames().forEach(keys::add);
        assertThat(keys).containsExactly("id", "connector", "key_in_connector", "type", "data_format", "short_name",
                "description", "min_value", "max_value", "allowed_values", "unit");
        assertThat(item.get("connector").toString()).isEqualTo("{\"name\":\"" + connector + "\"}");
        assertThat(item.get("min_value").doubleValue()).isEqualTo(15.0);
        assertThat(item.get("unit").stringValue()).isEqualTo("°C");
    }

    @Test
    void inactiveDatapointsAreInvisible() {
        String connector = TestNames.unique("conn");
        Http.Response created = admin().post("/datapoint/", "[{\"connector\": {\"name\": \"" + connector
                + "\"}, \"key_in_connector\": \"k\", \"type\": \"sensor\"}]");
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get(0).get("id").longValue();
        assertThat(admin().get("/datapoint/?id__in=" + id).json().size()).isZero();
    }

    @Test
    void postCreatesDatapointAndUnknownConnectorAndStoresTheInput() {
        String connector = TestNames.unique("conn");
        String item = "{\"connector\": {\"name\": \"" + connector + "\"}, \"key_in_connector\": \"write__1\", "
                + "\"type\": \"actuator\", \"data_format\": \"discrete_text\", \"short_name\": null, "
                + "\"description\": \"a lamp\", \"min_value\": null, \"max_value\": null, "
                + "\"allowed_values\": [\"on\", \"off\"], \"unit\": \"\"}";
        Http.Response response = admin().post("/datapoint/", "[" + item + "]");
        assertThat(response.status()).isEqualTo(201);
        JsonNode created = response.json().get(0);
        assertThat(created.get("id").isNumber()).isTrue();
        JsonNode expected = json(item);
        expected.propertyNames().forEach(key -> assertThat(created.get(key)).as(key).isEqualTo(expected.get(key)));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM connector WHERE name = ?", Integer.class, connector))
                .isEqualTo(1);
    }

    @Test
    void postReusesAnExistingConnector() {
        String connector = TestNames.unique("conn");
        createDatapoint(connector, "a", "sensor", null);
        createDatapoint(connector, "b", "sensor", null);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM connector WHERE name = ?", Integer.class, connector))
                .isEqualTo(1);
    }

    @Test
    void postOfAnExistingDatapointIsRejectedAndNothingIsCreated() {
        String connector = TestNames.unique("conn");
        createDatapoint(connector, "dup", "sensor", null);
        Http.Response response = admin().post("/datapoint/", "[{\"connector\": {\"name\": \"" + connector
                + "\"}, \"key_in_connector\": \"new\", \"type\": \"sensor\"}, {\"connector\": {\"name\": \"" + connector
                + "\"}, \"key_in_connector\": \"dup\", \"type\": \"sensor\"}]");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get(0).isEmpty()).isTrue();
        assertThat(response.json().get(1).has("datapoint")).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM datapoint d JOIN connector c ON c.id = d.connector_id"
                + " WHERE c.name = ?", Integer.class, connector)).isEqualTo(1);
    }

    @Test
    void postValidatesEveryField() {
        Http.Response notList = admin().post("/datapoint/", "{\"connector\": {}}");
        assertThat(notList.status()).isEqualTo(400);
        assertThat(notList.text()).isEqualTo("{\"non_field_errors\":[\"Expected a list of items but got type \\\"dict\\\".\"]}");

        Http.Response bad = admin().post("/datapoint/", "[{\"connector\": {\"name\": \"x\"}, \"type\": \"sensor-long\","
                + " \"data_format\": \"foo\"}, {\"connector\": {}, \"key_in_connector\": \"k\"}]");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get(0).get("key_in_connector").get(0).stringValue()).isEqualTo("This field is required.");
        assertThat(bad.json().get(0).get("type").get(0).stringValue())
                .isEqualTo("Ensure this field has no more than 8 characters.");
        assertThat(bad.json().get(0).get("data_format").get(0).stringValue()).isEqualTo("\"foo\" is not a valid choice.");
        assertThat(bad.json().get(1).get("connector").get("name").get(0).stringValue()).isEqualTo("This field is required.");
        assertThat(bad.json().get(1).get("type").get(0).stringValue()).isEqualTo("This field is required.");
    }

    @Test
    void duplicateShortNameIsA400NotA500() {
        String connector = TestNames.unique("conn");
        createDatapoint(connector, "a", "sensor", "\"short_name\": \"" + connector + "\"");
        Http.Response response = admin().post("/datapoint/", "[{\"connector\": {\"name\": \"" + connector
                + "\"}, \"key_in_connector\": \"b\", \"type\": \"sensor\", \"short_name\": \"" + connector + "\"}]");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get(0).has("short_name")).isTrue();
    }

    @Test
    void putUpdatesAndAnswersWithTheInput() {
        String connector = TestNames.unique("conn");
        long id = createDatapoint(connector, "k", "sensor", null);
        String item = "{\"connector\": {\"name\": \"" + connector + "\"}, \"key_in_connector\": \"k\", \"type\": \"sensor\","
                + " \"data_format\": \"generic_numeric\", \"short_name\": null, \"description\": \"updated\","
                + " \"min_value\": 1.0, \"max_value\": 2.0, \"allowed_values\": null, \"unit\": \"kW\"}";
        Http.Response response = admin().put("/datapoint/", "[" + item + "]");
        assertThat(response.status()).isEqualTo(200);
        JsonNode updated = response.json().get(0);
        assertThat(updated.get("id").longValue()).isEqualTo(id);
        JsonNode expected = json(item);
        expected.propertyNames().forEach(key -> assertThat(updated.get(key)).as(key).isEqualTo(expected.get(key)));
    }

    @Test
    void putOfUnknownConnectorOrDatapointIsRejectedAndNothingIsSaved() {
        String connector = TestNames.unique("conn");
        long id = createDatapoint(connector, "k", "sensor", null);
        Http.Response response = admin().put("/datapoint/", "[{\"connector\": {\"name\": \"" + connector
                + "\"}, \"key_in_connector\": \"k\", \"description\": \"changed\"}, {\"connector\": {\"name\": \"nope-"
                + connector + "\"}, \"key_in_connector\": \"k\"}, {\"connector\": {\"name\": \"" + connector
                + "\"}, \"key_in_connector\": \"missing\"}]");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get(0).isEmpty()).isTrue();
        assertThat(response.json().get(1).has("connector")).isTrue();
        assertThat(response.json().get(2).has("datapoint")).isTrue();
        assertThat(admin().get("/datapoint/?id__in=" + id).json().get(0).get("description").stringValue()).isEmpty();
    }

    @Test
    void filtersSelectDatapoints() {
        String connector = TestNames.unique("conn");
        long a = createDatapoint(connector, "Temperature_1", "sensor", "\"data_format\": \"generic_numeric\"");
        long b = createDatapoint(connector, "switch_2", "actuator", "\"data_format\": \"bool\"");
        assertThat(ids(admin().get("/datapoint/?connector__name=" + connector))).containsExactly(a, b);
        assertThat(ids(admin().get("/datapoint/?connector__name=" + connector + "&key_in_connector__icontains=TEMP")))
                .containsExactly(a);
        assertThat(ids(admin().get("/datapoint/?connector__name=" + connector + "&type=actuator"))).containsExactly(b);
        assertThat(ids(admin().get("/datapoint/?id__in=" + a + "," + b + "&data_format=bool"))).containsExactly(b);
        Http.Response bad = admin().get("/datapoint/?data_format=bad");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).isEqualTo("{\"data_format\":[\"Select a valid choice. bad is not one of the available choices.\"]}");
        assertThat(admin().get("/datapoint/?id__in=x").text()).isEqualTo("{\"id__in\":[\"Enter a number.\"]}");
    }

    @Test
    void malformedJsonIsA400WithDetail() {
        Http.Response response = admin().post("/datapoint/", "[{\"connector\": ");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").stringValue()).startsWith("JSON parse error - ");
        assertThat(admin().post("/datapoint/", "[NaN]").status()).isEqualTo(400);
    }

    @Test
    void getWithoutTrailingSlashRedirects() {
        Http.Response response = admin().get("/datapoint?id__in=1");
        assertThat(response.status()).isEqualTo(301);
        assertThat(response.header("Location")).isEqualTo("/datapoint/?id__in=1");
        assertThat(admin().get("/datapoint/abc/value/").status()).isEqualTo(404);
    }

    private static List<Long> ids(Http.Response response) {
        assertThat(response.status()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        response.json().forEach(item -> ids.add(item.get("id").longValue()));
        return ids;
    }

    @Test
    void postOfAKeyOrShortNameTooLongForTheDatabaseIsA400NotA500() {
        String connector = TestNames.unique("conn");
        String longKey = UnstorableMessages.incompressible(12_000);
        Http.Response response = admin().post("/datapoint/", "[{\"connector\": {\"name\": \"" + connector
                + "\"}, \"key_in_connector\": \"ok\", \"type\": \"sensor\"}, {\"connector\": {\"name\": \"" + connector
                + "\"}, \"key_in_connector\": \"" + longKey + "\", \"type\": \"sensor\", \"short_name\": \""
                + longKey + "\"}]");
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get(0).isEmpty()).isTrue();
        assertThat(response.json().get(1).toString()).isEqualTo("{\"key_in_connector\":[\"Ensure this field has no more "
                + "than 500 characters.\"],\"short_name\":[\"Ensure this field has no more than 500 characters.\"]}");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM connector WHERE name = ?", Integer.class, connector)).isZero();
        // 500 characters are fine.
        assertThat(admin().post("/datapoint/", "[{\"connector\": {\"name\": \"" + connector + "\"}, \"key_in_connector\": \""
                + longKey.substring(0, 500) + "\", \"type\": \"sensor\"}]").status()).isEqualTo(201);
    }

    @Test
    void postRefusesConnectorNamesThatCannotBePartOfMqttTopics() {
        String base = TestNames.unique("conn");
        // JSON escapes: TAB, NUL, a lone surrogate, an emoji (the broker client refuses any surrogate), DEL.
        for (String name : List.of(base + "\\ttab", base + "\\u0000nul", base + "/slash", base + "+plus", base + "#hash",
                base + "\\ud800lone", base + "\\ud83d\\ude00", base + "\\u007f", "x".repeat(256))) {
            Http.Response response = admin().post("/datapoint/", "[{\"connector\": {\"name\": \"" + name
                    + "\"}, \"key_in_connector\": \"k\", \"type\": \"sensor\"}]");
            assertThat(response.status()).as(name + ": " + response.text()).isEqualTo(400);
            assertThat(response.json().get(0).get("connector").get("name").get(0).stringValue()).as(name)
                    .startsWith("The name");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM connector WHERE name LIKE ?", Integer.class, base + "%"))
                .isZero();
        assertThat(admin().post("/datapoint/", "[{\"connector\": {\"name\": \"" + base + " Zähler 温度\"}, "
                + "\"key_in_connector\": \"k\", \"type\": \"sensor\"}]").status()).isEqualTo(201);
    }
}
