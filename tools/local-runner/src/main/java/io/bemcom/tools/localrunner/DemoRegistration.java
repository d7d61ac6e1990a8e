package io.bemcom.tools.localrunner;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Sets the demo up, as the original's walkthrough does by hand in the admin UI: the connector and
 * its datapoints (described and active) through the api-service's REST API, then the controller
 * wired to the demo room through its controller routes. Idempotent: a second start finds
 * everything and only re-applies it.
 */
public final class DemoRegistration {

    public static final String TEMPERATURE_KEY = "read_input_registers__1__1";
    public static final String SETPOINT_READBACK_KEY = "read_holding_registers__1__1";
    public static final String SETPOINT_ACTUATOR_KEY = "write_register__1__1";

    /** The ids the api-service gave the demo's datapoints. */
    public record DemoDatapoints(long temperature, long setpointReadback, long setpointActuator) {
    }

    private final ApiClient api;
    private final RunnerSettings settings;

    public DemoRegistration(ApiClient api, RunnerSettings settings) {
        this.api = api;
        this.settings = settings;
    }

    /** The demo's datapoints as {@code POST /datapoint/} items (the walkthrough's metadata). */
    List<Map<String, Object>> datapointItems() {
        return List.of(
                item(TEMPERATURE_KEY, "sensor", "generic_numeric", "T_demoroom_measured",
                        "Room temperature of the simulated demo room (input register 1).", null, null),
                item(SETPOINT_READBACK_KEY, "sensor", "generic_numeric", "T_demoroom_setpoint_measured",
                        "Setpoint of the demo room's AC as read back from holding register 1.", null, null),
                item(SETPOINT_ACTUATOR_KEY, "actuator", "continuous_numeric", "T_demoroom_setpoint",
                        "Setpoint of the demo room's AC (holding register 1; the device clips to 15..30).",
                        15.0, 30.0));
    }

    private Map<String, Object> item(String key, String type, String format, String shortName, String description,
                                     Double min, Double max) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("connector", Map.of("name", settings.connectorName));
        item.put("key_in_connector", key);
        item.put("type", type);
        item.put("data_format", format);
        item.put("short_name", shortName);
        item.put("description", description);
        item.put("unit", "°C");
        if (min != null) {
            item.put("min_value", min);
            item.put("max_value", max);
        }
        item.put("is_active", true);
        return item;
    }

    /** Creates or updates the connector's datapoints and activates them; returns their ids. */
    public DemoDatapoints registerDatapoints() throws IOException, InterruptedException {
        for (Map<String, Object> item : datapointItems()) {
            ApiClient.Response created = api.post("datapoint/", List.of(item));
            if (created.ok()) {
                continue;
            }
            if (created.status() != 400) {
                throw new IllegalStateException("POST /datapoint/ answered " + created.status() + ": " + created.body());
            }
            // It exists (a previous start, or the connector's available datapoints came first): update it.
            ApiClient.Response updated = api.put("datapoint/", List.of(item));
            if (!updated.ok() && updated.body().contains("short_name")) {
                // The short name belongs to another datapoint (renamed in the admin): keep theirs.
                Map<String, Object> withoutName = new LinkedHashMap<>(item);
                withoutName.remove("short_name");
                updated = api.put("datapoint/", List.of(withoutName));
                if (updated.status() == 400 && updated.body().contains("No datapoint found")) {
                    updated = api.post("datapoint/", List.of(withoutName));
                }
            }
            if (!updated.ok()) {
                throw new IllegalStateException("Could not register datapoint " + item.get("key_in_connector")
                        + ": POST answered " + created.body() + ", PUT answered " + updated.status() + " "
                        + updated.body());
            }
        }
        return datapointIds();
    }

    /** The ids of the demo's active datapoints, from {@code GET /datapoint/?connector__name=}. */
    public DemoDatapoints datapointIds() throws IOException, InterruptedException {
        ApiClient.Response response = api.get("datapoint/?connector__name=" + ApiClient.encode(settings.connectorName));
        if (!response.ok()) {
            throw new IllegalStateException("GET /datapoint/ answered " + response.status() + ": " + response.body());
        }
        Map<String, Long> ids = new HashMap<>();
        for (JsonNode datapoint : response.json()) {
            ids.put(datapoint.get("key_in_connector").asString() + "/" + datapoint.get("type").asString(),
                    datapoint.get("id").asLong());
        }
        return new DemoDatapoints(require(ids, TEMPERATURE_KEY + "/sensor"), require(ids, SETPOINT_READBACK_KEY + "/sensor"),
                require(ids, SETPOINT_ACTUATOR_KEY + "/actuator"));
    }

    private static long require(Map<String, Long> ids, String key) {
        Long id = ids.get(key);
        if (id == null) {
            throw new IllegalStateException("datapoint " + key + " is not active in the api-service");
        }
        return id;
    }

    /**
     * Wires the controller to the demo room through the api-service's controller routes (our
     * addition to the original REST API): finds the controller by name or creates it on
     * {@code MQTT_TOPIC_CONTROLLED_DATAPOINTS}, then adds the pair room temperature (sensor) →
     * setpoint register (actuator) unless the controller has it already. The api-service publishes
     * the retained controlled-datapoints message. Idempotent across restarts.
     *
     * @return the controller's id
     */
    public long wireController(DemoDatapoints ids) throws IOException, InterruptedException {
        JsonNode controller = findController();
        if (controller != null && !settings.controllerTopic.equals(controller.get("mqtt_topic_controlled_datapoints").asString())) {
            // Same name, another topic (MQTT_TOPIC_CONTROLLED_DATAPOINTS changed): start it afresh on the new topic.
            expect(api.delete("controller/" + controller.get("id").asLong() + "/"), 204, "DELETE /controller/{id}/");
            controller = null;
        }
        if (controller == null) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", settings.controllerName);
            body.put("mqtt_topic_controlled_datapoints", settings.controllerTopic);
            ApiClient.Response created = api.post("controller/", body);
            if (created.status() == 400 && created.body().contains("\"name\"")) {
                controller = findController(); // created meanwhile (a concurrent registration)
            } else {
                controller = expect(created, 201, "POST /controller/").json();
            }
            if (controller == null) {
                throw new IllegalStateException("POST /controller/ answered 400: " + created.body());
            }
        }
        long controllerId = controller.get("id").asLong();
        for (JsonNode pair : controller.get("controlled_datapoints")) {
            if (pair.get("sensor_id").asLong() == ids.temperature()
                    && pair.get("actuator_id").asLong() == ids.setpointActuator()) {
                return controllerId; // wired already (an inactive pair stays as the operator left it)
            }
        }
        Map<String, Object> pair = new LinkedHashMap<>();
        pair.put("sensor_id", ids.temperature());
        pair.put("actuator_id", ids.setpointActuator());
        pair.put("is_active", true);
        expect(api.post("controller/" + controllerId + "/controlled_datapoint/", pair), 201,
                "POST /controller/{id}/controlled_datapoint/");
        return controllerId;
    }

    /** The controller named {@code settings.controllerName}, or null. */
    private JsonNode findController() throws IOException, InterruptedException {
        ApiClient.Response response = expect(api.get("controller/?name=" + ApiClient.encode(settings.controllerName)),
                200, "GET /controller/");
        for (JsonNode controller : response.json()) {
            if (settings.controllerName.equals(controller.get("name").asString())) {
                return controller;
            }
        }
        return null;
    }

    private static ApiClient.Response expect(ApiClient.Response response, int status, String request) {
        if (response.status() != status) {
            throw new IllegalStateException(request + " answered " + response.status() + ": " + response.body());
        }
        return response;
    }
}
