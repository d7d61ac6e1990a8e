package io.bemcom.api.mqtt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.bemcom.api.connector.Connector;
import io.bemcom.api.connector.ConnectorNames;
import io.bemcom.api.connector.ConnectorRepository;
import io.bemcom.api.controller.ControlledDatapointLink;
import io.bemcom.api.controller.ControlledDatapointLinkRepository;
import io.bemcom.api.controller.Controller;
import io.bemcom.api.controller.ControllerRepository;
import io.bemcom.api.datapoint.Datapoint;
import io.bemcom.api.datapoint.DatapointRepository;
import io.bemcom.protocol.ControlledDatapoint;
import io.bemcom.protocol.ControlledDatapointsMessage;
import io.bemcom.protocol.DatapointMapMessage;
import io.bemcom.protocol.MessageKind;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.mqtt.BrokerClient;
import io.bemcom.protocol.mqtt.Delivery;

/** Builds and publishes datapoint maps (per connector) and controlled-datapoints messages (per controller). */
@Component
public class MetadataPublisher {

    private static final Logger log = LoggerFactory.getLogger(MetadataPublisher.class);

    private final ConnectorRepository connectors;
    private final DatapointRepository datapoints;
    private final ControllerRepository controllers;
    private final ControlledDatapointLinkRepository links;
    private final IngestMetrics metrics;
    private volatile BrokerClient client;
    /** MQTT_TOPIC_ALERTS: ours, the retained alerts topic; empty for {@link Topics#alerts()}. */
    @org.springframework.beans.factory.annotation.Value("${MQTT_TOPIC_ALERTS:}")
    private String alertsTopic;

    public MetadataPublisher(ConnectorRepository connectors, DatapointRepository datapoints,
                             ControllerRepository controllers, ControlledDatapointLinkRepository links,
                             IngestMetrics metrics) {
        this.connectors = connectors;
        this.datapoints = datapoints;
        this.controllers = controllers;
        this.links = links;
        this.metrics = metrics;
    }

    void attach(BrokerClient brokerClient) {
        this.client = brokerClient;
    }

    /** The map of a connector's active datapoints: sensors key → value topic, actuators value topic → key. */
    public DatapointMapMessage datapointMap(Connector connector) {
        Map<String, String> sensor = new LinkedHashMap<>();
        Map<String, String> actuator = new LinkedHashMap<>();
        for (Datapoint datapoint : datapoints.findActiveByConnector(connector.getId())) {
            String topic = Topics.value(connector.getName(), datapoint.getId());
            if (Datapoint.SENSOR.equals(datapoint.getType())) {
                sensor.put(datapoint.getKeyInConnector(), topic);
            } else if (Datapoint.ACTUATOR.equals(datapoint.getType())) {
                actuator.put(topic, datapoint.getKeyInConnector());
            }
        }
        return new DatapointMapMessage(sensor, actuator);
    }

    public void publishDatapointMap(long connectorId) {
        connectors.findById(connectorId).ifPresent(this::publishDatapointMap);
    }

    public void publishAllDatapointMaps() {
        connectors.findAll().forEach(this::publishDatapointMap);
    }

    private void publishDatapointMap(Connector connector) {
        if (connector.nameProblem().isPresent()) {
            log.warn("No datapoint map for connector {}: {}", ConnectorNames.quoted(connector.getName()),
                    connector.nameProblem().get());
            return;
        }
        String topic = connector.topic(MessageKind.DATAPOINT_MAP);
        if (client != null && client.publish(topic, Delivery.DATAPOINT_MAP, datapointMap(connector))) {
            metrics.published(topic, connector.getName());
        }
    }

    /**
     * The raised alerts, retained on {@link Topics#alerts()}. Every instance publishes on a change,
     * with the same content (computed from the database), so the retained message is the same
     * whichever instance published last.
     */
    public void publishAlerts(java.util.List<io.bemcom.api.alert.Alert> alerts) {
        tools.jackson.databind.node.ObjectNode message = io.bemcom.api.json.Json.object();
        tools.jackson.databind.node.ArrayNode list = message.putArray("alerts");
        for (io.bemcom.api.alert.Alert alert : alerts) {
            list.addObject().put("kind", alert.kind()).put("connector", alert.connector())
                    .put("datapoint", alert.datapoint()).put("since", alert.since());
        }
        String topic = alertsTopic == null || alertsTopic.isBlank() ? Topics.alerts() : alertsTopic;
        if (client != null && client.publish(topic, 1, true, io.bemcom.api.json.Json.write(message)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            metrics.published(topic, "");
        }
    }

    /** The original's "clear map" for a deleted connector: both objects empty, retained. */
    public void publishClearedDatapointMap(String connectorName) {
        try {
            String topic = Topics.datapointMap(connectorName);
            if (client != null && client.publish(topic, Delivery.DATAPOINT_MAP, DatapointMapMessage.EMPTY)) {
                metrics.published(topic, connectorName);
            }
        } catch (IllegalArgumentException e) {
            log.debug("No map to clear for connector '{}'.", connectorName);
        }
    }

    /** The pairs of a controller's active controlled datapoints (inactive ones are left out). */
    public ControlledDatapointsMessage controlledDatapoints(long controllerId) {
        List<ControlledDatapoint> pairs = new ArrayList<>();
        for (ControlledDatapointLink link : links.findByControllerIdOrderById(controllerId)) {
            if (!link.isActive()) {
                continue;
            }
            Datapoint sensor = link.getSensorDatapoint();
            Datapoint actuator = link.getActuatorDatapoint();
            if (sensor.getConnector().nameProblem().isPresent() || actuator.getConnector().nameProblem().isPresent()) {
                log.warn("Controlled datapoint {} of controller {} is left out: a connector's name cannot be part of "
                        + "MQTT topics.", link.getId(), controllerId);
                continue;
            }
            pairs.add(new ControlledDatapoint(sensor.topic(MessageKind.VALUE), actuator.topic(MessageKind.VALUE),
                    actuator.topic(MessageKind.SETPOINT), actuator.topic(MessageKind.SCHEDULE)));
        }
        return new ControlledDatapointsMessage(pairs);
    }

    public void publishControlledDatapoints(long controllerId) {
        controllers.findById(controllerId).ifPresent(this::publishControlledDatapoints);
    }

    public void publishAllControlledDatapoints() {
        controllers.findAll().forEach(this::publishControlledDatapoints);
    }

    private void publishControlledDatapoints(Controller controller) {
        if (client == null) {
            return;
        }
        try {
            client.publish(controller.getMqttTopicControlledDatapoints(), Delivery.CONTROLLED_DATAPOINTS,
                    controlledDatapoints(controller.getId()));
        } catch (RuntimeException e) {
            log.warn("Could not publish the controlled datapoints of controller '{}': {}", controller.getName(),
                    e.toString());
        }
    }

    /**
     * Replaces the retained controlled-datapoints message on the topic of a deleted controller (or
     * the old topic of a moved one) by an empty list: a controller still listening there lets go
     * of its datapoints. Not a zero-length message, which clears the retained one but which the
     * original python controller cannot parse (it exits).
     */
    public void clearControlledDatapoints(String topic) {
        if (client == null) {
            return;
        }
        try {
            client.publish(topic, Delivery.CONTROLLED_DATAPOINTS, new ControlledDatapointsMessage(List.of()));
        } catch (RuntimeException e) {
            log.warn("Could not empty the controlled datapoints on '{}': {}", topic, e.toString());
        }
    }
}
