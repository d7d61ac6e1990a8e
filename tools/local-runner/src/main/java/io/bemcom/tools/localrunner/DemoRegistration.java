package io.bemcom.tools.localrunner;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Sets the demo up, as the original's walkthrough does by hand in the admin UI: the connector and
 * its datapoints (described and active) through the api-service's REST API, then the controller
 * wired to the demo room through its controller routes. Provisions only what does not exist yet:
 * a second start finds everything and changes nothing, so an operator's edits (a datapoint
 * deactivated, other min/max values, a controlled pair removed) survive restarts.
 */
public final class DemoRegistration {

    public static final String TEMPERATURE_KEY = "read_input_registers__1__1";
    public static final String SETPOINT_READBACK_KEY = "read_holding_registers__1__1";
    public static final String SETPOINT_ACTUATOR_KEY = "write_register__1__1";

    /** The ids the api-service gave the demo's datapoints. */
    public record DemoDatapoints(long temperature, long setpointReadback, long setpointActuator, List<String> inactive) {

        /** All three are active: the demo works as the README describes. */
        public boolean allActive() {
            return inactive.isEmpty();
        }
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

    /**
     * Provisions the demo's datapoints, only where nobody has done so yet: a datapoint that does not
     * exist is created ({@code POST}); one that the connector's available datapoints made (inactive,
     * no short name, no description) gets the demo's metadata ({@code PUT}); any other is left as the
     * operator left it (deactivated, other min/max, renamed). Returns their ids; {@code inactive}
     * lists the ones that are not active.
     */
    public DemoDatapoints registerDatapoints() throws IOException, InterruptedException {
        Map<String, JsonNode> registered = new LinkedHashMap<>();
        for (Map<String, Object> item : datapointItems()) {
            String key = item.get("key_in_connector").toString();
            ApiClient.Response created = api.post("datapoint/", List.of(item));
            if (created.ok()) {
                registered.put(key, created.json().get(0));
                continue;
            }
            if (created.status() != 400 || !created.body().contains("exists already")) {
                throw new IllegalStateException("POST /datapoint/ answered " + created.status() + ": " + created.body());
            }
            // It exists. A PUT of only its identity changes nothing and answers its current fields.
            Map<String, Object> identity = new LinkedHashMap<>();
            identity.put("connector", item.get("connector"));
            identity.put("key_in_connector", key);
            identity.put("type", item.get("type"));
            JsonNode existing = expect(api.put("datapoint/", List.of(identity)), 200, "PUT /datapoint/").json().get(0);
            if (untouched(existing, activeIds())) {
                Map<String, Object> provision = new LinkedHashMap<>(item);
                ApiClient.Response updated = api.put("datapoint/", List.of(provision));
                if (!updated.ok() && updated.body().contains("short_name")) {
                    provision.remove("short_name"); // the name belongs to another datapoint: keep theirs
                    updated = api.put("datapoint/", List.of(provision));
                }
                existing = expect(updated, 200, "PUT /datapoint/").json().get(0);
            }
            registered.put(key, existing);
        }
        Set<Long> active = activeIds();
        List<String> inactive = new ArrayList<>();
        registered.forEach((key, datapoint) -> {
            if (!active.contains(datapoint.get("id").asLong())) {
                inactive.add(key);
            }
        });
        return new DemoDatapoints(registered.get(TEMPERATURE_KEY).get("id").asLong(),
                registered.get(SETPOINT_READBACK_KEY).get("id").asLong(),
                registered.get(SETPOINT_ACTUATOR_KEY).get("id").asLong(), List.copyOf(inactive));
    }

    /** The ids of the connector's active datapoints ({@code GET /datapoint/} lists only those). */
    private Set<Long> activeIds() throws IOException, InterruptedException {
        ApiClient.Response response = expect(api.get("datapoint/?connector__name=" + ApiClient.encode(settings.connectorName)),
                200, "GET /datapoint/");
        Set<Long> ids = new HashSet<>();
        response.json().forEach(datapoint -> ids.add(datapoint.get("id").asLong()));
        return ids;
    }

    /** As the connector's available datapoints created it: inactive, never named nor described. */
    static boolean untouched(JsonNode datapoint, Set<Long> activeIds) {
        JsonNode shortName = datapoint.get("short_name");
        JsonNode description = datapoint.get("description");
        return !activeIds.contains(datapoint.get("id").asLong()) && (shortName == null || shortName.isNull())
                && (description == null || description.isNull() || description.asString().isBlank());
    }

    /**
     * Wires the controller to the demo room through the api-service's controller routes (our
     * addition to the original REST API): finds the controller by name or creates it on
     * {@code MQTT_TOPIC_CONTROLLED_DATAPOINTS} and adds the pair room temperature (sensor) →
     * setpoint register (actuator). A controller that exists keeps its pairs as they are. The
     * api-service publishes the retained controlled-datapoints message.
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
        boolean createdHere = false;
        if (controller == null) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", settings.controllerName);
            body.put("mqtt_topic_controlled_datapoints", settings.controllerTopic);
            ApiClient.Response created = api.post("controller/", body);
            if (created.status() == 400 && created.body().contains("\"name\"")) {
                controller = findController(); // created meanwhile (a concurrent registration)
            } else {
                controller = expect(created, 201, "POST /controller/").json();
                createdHere = true;
            }
            if (controller == null) {
                throw new IllegalStateException("POST /controller/ answered 400: " + created.body());
            }
        }
        long controllerId = controller.get("id").asLong();
        if (!createdHere) {
            return controllerId; // it exists: its pairs are as the operator left them
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
