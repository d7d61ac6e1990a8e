package io.bemcom.tools.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.bemcom.tools.localrunner.ApiClient;
import tools.jackson.databind.JsonNode;

/** Datapoints of one connector with history in an api-service, written with the REST API. */
final class Fixture {

    /** Texts a text datapoint keeps exactly: quotes, backslashes, non-ASCII, JSON-looking text. */
    static final String[] TEXTS = {"heating", "say \"hi\"", "back\\slash", "ünïcödé €", "[1, 2]", "null", "21.5", "true"};

    private Fixture() {
    }

    /** The datapoints' keys → ids after creating them. */
    static Map<String, Long> create(ApiClient api, String connector) throws Exception {
        String c = "{\"connector\": {\"name\": \"" + connector + "\"}, ";
        String body = "[" + c + "\"key_in_connector\": \"temp\", \"type\": \"sensor\", \"data_format\": \"generic_numeric\","
                + " \"short_name\": \"" + connector + "_T\", \"unit\": \"°C\", \"is_active\": true},"
                + c + "\"key_in_connector\": \"state\", \"type\": \"sensor\", \"data_format\": \"generic_text\", \"is_active\": true},"
                + c + "\"key_in_connector\": \"on\", \"type\": \"sensor\", \"data_format\": \"bool\", \"is_active\": true},"
                + c + "\"key_in_connector\": \"set\", \"type\": \"actuator\", \"data_format\": \"continuous_numeric\","
                + " \"min_value\": 10, \"max_value\": 30, \"description\": \"setpoint\", \"is_active\": true},"
                + c + "\"key_in_connector\": \"mode\", \"type\": \"actuator\", \"data_format\": \"discrete_text\","
                + " \"allowed_values\": [\"eco\", \"comfort\"], \"is_active\": true}]";
        ApiClient.Response created = api.post("datapoint/", ApiClient.JSON.readTree(body));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Map<String, Long> ids = new LinkedHashMap<>();
        for (JsonNode datapoint : created.json()) {
            ids.put(datapoint.path("key_in_connector").stringValue(), datapoint.path("id").longValue());
        }
        return ids;
    }

    /** {@code numericPerDay} numeric values per day, and a few texts, booleans, schedules and setpoints. */
    static long fill(ApiClient api, Map<String, Long> ids, LocalDate first, int days, int numericPerDay) throws Exception {
        long count = 0;
        for (int day = 0; day < days; day++) {
            long start = first.plusDays(day).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            StringBuilder values = new StringBuilder("[");
            for (int i = 0; i < numericPerDay; i++) {
                values.append(i == 0 ? "" : ",").append("{\"value\": \"")
                        .append(String.format(Locale.ROOT, "%.1f", 15 + (i % 100) / 10.0))
                        .append("\", \"timestamp\": ").append(start + i * (86_400_000L / numericPerDay)).append('}');
            }
            count += put(api, "datapoint/" + ids.get("temp") + "/value/", values.append(']').toString());
            StringBuilder texts = new StringBuilder("[");
            StringBuilder flags = new StringBuilder("[");
            for (int i = 0; i < TEXTS.length; i++) {
                String json = ApiClient.JSON.writeValueAsString(TEXTS[i]);
                texts.append(i == 0 ? "" : ",").append("{\"value\": ").append(ApiClient.JSON.writeValueAsString(json))
                        .append(", \"timestamp\": ").append(start + 1000L * (i + 1)).append('}');
                flags.append(i == 0 ? "" : ",").append("{\"value\": \"").append(i % 2 == 0).append("\", \"timestamp\": ")
                        .append(start + 1000L * (i + 1)).append('}');
            }
            count += put(api, "datapoint/" + ids.get("state") + "/value/", texts.append(']').toString());
            count += put(api, "datapoint/" + ids.get("on") + "/value/", flags.append(']').toString());
            count += put(api, "datapoint/" + ids.get("mode") + "/value/",
                    "[{\"value\": \"\\\"eco\\\"\", \"timestamp\": " + (start + 5000) + "}]");
            count += put(api, "datapoint/" + ids.get("set") + "/schedule/", "[{\"schedule\": [{\"from_timestamp\": null,"
                    + " \"to_timestamp\": " + (start + 3_600_000) + ", \"value\": \"21.5\"}, {\"from_timestamp\": "
                    + (start + 3_600_000) + ", \"to_timestamp\": null, \"value\": \"19\"}], \"timestamp\": " + (start + 7000) + "}]");
            count += put(api, "datapoint/" + ids.get("set") + "/setpoint/", "[{\"setpoint\": [{\"from_timestamp\": null,"
                    + " \"to_timestamp\": null, \"preferred_value\": \"21\", \"min_value\": 20, \"max_value\": 23}],"
                    + " \"timestamp\": " + (start + 8000) + "}]");
            count += put(api, "datapoint/" + ids.get("mode") + "/setpoint/", "[{\"setpoint\": [{\"from_timestamp\": null,"
                    + " \"to_timestamp\": null, \"preferred_value\": \"\\\"comfort\\\"\", \"acceptable_values\": [\"\\\"eco\\\"\","
                    + " \"\\\"comfort\\\"\"]}], \"timestamp\": " + (start + 9000) + "}]");
        }
        return count;
    }

    private static int put(ApiClient api, String path, String body) throws Exception {
        JsonNode json = ApiClient.JSON.readTree(body);
        ApiClient.Response response = api.put(path, json);
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
        return json.size();
    }

    /** Every message of a datapoint's history of {@code type}, as the service answers it. */
    static JsonNode history(ApiClient api, long id, String type) throws Exception {
        ApiClient.Response response = api.get("datapoint/" + id + "/" + type + "/");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
