package io.bemcom.api.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.bemcom.api.support.Http;
import io.bemcom.api.support.PostgresApiTest;
import io.bemcom.connector.testkit.Recorded;
import io.bemcom.protocol.Topics;
import io.bemcom.testsupport.TestNames;
import tools.jackson.databind.JsonNode;

/**
 * DRF's default parsers: every POST and PUT takes JSON, {@code application/x-www-form-urlencoded}
 * and {@code multipart/form-data} (what {@code curl -d} and {@code curl -F} send), read by DRF's
 * rules for HTML input; any other body is 415.
 */
class FormBodiesTest extends PostgresApiTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final long NOW = System.currentTimeMillis();

    @Test
    void aValueTakesAFormAndMultipartAsCurlSendsThem() {
        String connector = TestNames.unique("conn");
        long actuator = createDatapoint(connector, "a", "actuator", "\"data_format\": \"generic_numeric\"");
        Recorded<String> sent = probe.recordText(Topics.value(connector, actuator));
        String path = "/datapoint/" + actuator + "/value/";
        Http.Response form = admin().send("POST", path, "value=24&timestamp=" + NOW, FORM);
        assertThat(form.status()).as(form.text()).isEqualTo(201);
        assertThat(form.text()).isEqualTo("{\"value\":24,\"timestamp\":" + NOW + "}");
        Http.Response multipart = multipart("POST", path, "value", "\"on\"", "timestamp", Long.toString(NOW + 1));
        assertThat(multipart.status()).as(multipart.text()).isEqualTo(400);
        assertThat(multipart.text()).contains("for numeric datapoint cannot be parsed to float or int.");
        multipart = multipart("POST", path, "value", "25.5", "timestamp", Long.toString(NOW + 1));
        assertThat(multipart.text()).isEqualTo("{\"value\":25.5,\"timestamp\":" + (NOW + 1) + "}");
        await().atMost(WAIT).until(() -> sent.messages().size() == 2);
        assertThat(sent.messages()).containsExactly("{\"value\":24,\"timestamp\":" + NOW + "}",
                "{\"value\":25.5,\"timestamp\":" + (NOW + 1) + "}");
        assertThat(admin().send("POST", path, "timestamp=" + NOW, FORM).text())
                .isEqualTo("{\"value\":[\"This field is required.\"]}");
        // DRF reads an empty form field of a field that may be null as null; ours refuses a null value.
        assertThat(admin().send("POST", path, "value=&timestamp=" + NOW, FORM).text())
                .isEqualTo("{\"value\":[\"This field may not be null.\"]}");
    }

    @Test
    void anyOtherBodyIsUnsupported() {
        long actuator = createDatapoint(TestNames.unique("conn"), "a", "actuator", null);
        String path = "/datapoint/" + actuator + "/value/";
        String json = "{\"value\": \"1\", \"timestamp\": " + NOW + "}";
        Http.Response plain = admin().send("POST", path, json, "text/plain");
        assertThat(plain.status()).isEqualTo(415);
        assertThat(plain.text()).isEqualTo("{\"detail\":\"Unsupported media type \\\"text/plain\\\" in request.\"}");
        assertThat(admin().send("POST", path, json, (String) null).text())
                .isEqualTo("{\"detail\":\"Unsupported media type \\\"\\\" in request.\"}");
        assertThat(admin().send("PUT", "/datapoint/", "[]", "application/xml; charset=utf-8").status()).isEqualTo(415);
        // As in DRF the body is read only after the datapoint is found and is an actuator.
        assertThat(admin().send("POST", "/datapoint/999999999/value/", json, "text/plain").status()).isEqualTo(404);
        assertThat(admin().send("POST", path, json, "application/json; charset=utf-8").status()).isEqualTo(201);
    }

    @Test
    void schedulesAndSetpointsAreWrittenWithIndexedKeys() {
        String connector = TestNames.unique("conn");
        long actuator = createDatapoint(connector, "a", "actuator",
                "\"data_format\": \"discrete_numeric\", \"allowed_values\": [20, 21, 22]");
        String schedule = "/datapoint/" + actuator + "/schedule/";
        Http.Response posted = admin().send("POST", schedule, "schedule%5B0%5Dfrom_timestamp=&schedule%5B0%5Dto_timestamp="
                + (NOW + 1000) + "&schedule%5B0%5Dvalue=21&schedule%5B1%5Dfrom_timestamp=" + (NOW + 1000)
                + "&schedule%5B1%5Dto_timestamp=&schedule%5B1%5Dvalue=22&timestamp=" + NOW, FORM);
        assertThat(posted.status()).as(posted.text()).isEqualTo(201);
        assertThat(posted.text()).isEqualTo("{\"schedule\":[{\"from_timestamp\":null,\"to_timestamp\":" + (NOW + 1000)
                + ",\"value\":21},{\"from_timestamp\":" + (NOW + 1000) + ",\"to_timestamp\":null,\"value\":22}],\"timestamp\":"
                + NOW + "}");
        // A list cannot be empty (or null) in a form: DRF finds no items, so the field is missing.
        assertThat(admin().send("POST", schedule, "timestamp=" + NOW, FORM).text())
                .isEqualTo("{\"schedule\":[\"This field is required.\"]}");
        assertThat(admin().send("POST", schedule, "schedule=%5B%5D&timestamp=" + NOW, FORM).text())
                .isEqualTo("{\"schedule\":[\"This field is required.\"]}");
        Http.Response setpoint = multipart("POST", "/datapoint/" + actuator + "/setpoint/",
                "setpoint[0]from_timestamp", "", "setpoint[0]to_timestamp", "", "setpoint[0]preferred_value", "21",
                "setpoint[0]acceptable_values[0]", "20", "setpoint[0]acceptable_values[1]", "21", "timestamp",
                Long.toString(NOW));
        assertThat(setpoint.status()).as(setpoint.text()).isEqualTo(201);
        assertThat(setpoint.text()).isEqualTo("{\"setpoint\":[{\"from_timestamp\":null,\"to_timestamp\":null,"
                + "\"preferred_value\":21,\"acceptable_values\":[\"20\",\"21\"]}],\"timestamp\":" + NOW + "}");
        assertThat(multipart("POST", "/datapoint/" + actuator + "/setpoint/", "setpoint[0]from_timestamp", "",
                "setpoint[0]to_timestamp", "", "setpoint[0]preferred_value", "21", "timestamp", Long.toString(NOW)).text())
                .startsWith("{\"setpoint\":[\"Key 'acceptable_values' is missing in Setpoint Item (");
    }

    @Test
    void listBodiesAreWrittenWithIndexedKeysAndNestedOnesWithDots() {
        String connector = TestNames.unique("conn");
        Http.Response created = admin().send("POST", "/datapoint/", "%5B0%5Dconnector.name=" + connector
                + "&%5B0%5Dkey_in_connector=k&%5B0%5Dtype=sensor&%5B0%5Ddata_format=discrete_numeric"
                + "&%5B0%5Dallowed_values=%5B1%2C%202%5D&%5B0%5Dmin_value=&%5B0%5Dshort_name=&%5B0%5Dis_active=true", FORM);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode datapoint = created.json().get(0);
        assertThat(datapoint.get("connector").get("name").stringValue()).isEqualTo(connector);
        assertThat(datapoint.get("allowed_values").toString()).isEqualTo("[1,2]");
        assertThat(datapoint.get("min_value").isNull()).isTrue();
        assertThat(datapoint.get("short_name").isNull()).isTrue();
        long id = datapoint.get("id").longValue();
        assertThat(admin().get("/datapoint/?id__in=" + id).json().size()).isEqualTo(1);
        assertThat(admin().send("PUT", "/datapoint/", "%5B0%5Dconnector.name=" + connector
                + "&%5B0%5Dkey_in_connector=k&%5B0%5Dallowed_values=%5B1%2C", FORM).text())
                .isEqualTo("[{\"allowed_values\":[\"Value must be valid JSON.\"]}]");
        Http.Response put = admin().send("PUT", "/datapoint/" + id + "/value/", "%5B0%5Dvalue=1&%5B0%5Dtimestamp=" + NOW
                + "&%5B1%5Dvalue=2&%5B1%5Dtimestamp=" + (NOW + 1), FORM);
        assertThat(put.text()).isEqualTo("{\"msgs_created\":2,\"msgs_updated\":0}");
        assertThat(admin().send("PUT", "/datapoint/" + id + "/value/", "", FORM).text())
                .isEqualTo("{\"msgs_created\":0,\"msgs_updated\":0}");
        String name = TestNames.unique("ctrl");
        Http.Response controller = multipart("POST", "/controller/", "name", name, "mqtt_topic_controlled_datapoints",
                name + "/controlled_datapoints");
        assertThat(controller.status()).as(controller.text()).isEqualTo(201);
        assertThat(admin().delete("/controller/" + controller.json().get("id").longValue() + "/").status()).isEqualTo(204);
    }

    /** A multipart/form-data body of text fields, as {@code curl -F name=value} sends it. */
    private Http.Response multipart(String method, String path, String... pairs) {
        String boundary = "----bemcom" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < pairs.length; i += 2) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + pairs[i] + "\"\r\n\r\n"
                    + pairs[i + 1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return admin().send(method, path, body.toByteArray(), "multipart/form-data; boundary=" + boundary);
    }
}
