package io.bemcom.tools.localrunner;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import io.bemcom.protocol.ControlledDatapoint;
import io.bemcom.protocol.ControlledDatapointsMessage;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.mqtt.Delivery;
import tools.jackson.databind.JsonNode;

/**
 * Sets the demo up, as the original's walkthrough does by hand in the admin UI: the connector and
 * its datapoints (described and active) through the api-service's REST API, then the controller
 * wired to the demo room. Idempotent: a second start finds everything and only re-applies it.
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
     * The controller's configuration: the demo room's temperature as sensor, the setpoint register
     * as actuator. The api-service has no REST route for controllers (only its admin UI creates
     * them), so this publishes, retained, the message the api-service would publish for such a
     * controller - the same topics, built by the protocol library.
     */
    public ControlledDatapointsMessage controlledDatapoints(DemoDatapoints ids) {
        String connector = settings.connectorName;
        return new ControlledDatapointsMessage(List.of(new ControlledDatapoint(
                Topics.value(connector, ids.temperature()), Topics.value(connector, ids.setpointActuator()),
                Topics.setpoint(connector, ids.setpointActuator()), Topics.schedule(connector, ids.setpointActuator()))));
    }

    public void wireController(DemoDatapoints ids) throws MqttException {
        String uri = "tcp://" + settings.effectiveBrokerHost() + ":" + settings.brokerPort;
        MqttClient client = new MqttClient(uri, "bemcom-local-runner-" + ProcessHandle.current().pid(),
                new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setConnectionTimeout(10);
        try {
            client.connect(options);
            client.publish(settings.controllerTopic, MessageCodec.encode(controlledDatapoints(ids)),
                    Delivery.CONTROLLED_DATAPOINTS.qos(), Delivery.CONTROLLED_DATAPOINTS.retained());
            client.disconnect(5_000);
        } finally {
            client.close();
        }
    }
}
