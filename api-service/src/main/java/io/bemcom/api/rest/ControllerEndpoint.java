package io.bemcom.api.rest;

import java.util.List;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.bemcom.api.controller.ControlledDatapointLink;
import io.bemcom.api.controller.ControlledDatapointLinkRepository;
import io.bemcom.api.controller.Controller;
import io.bemcom.api.controller.ControllerRepository;
import io.bemcom.api.controller.ControllerService;
import io.bemcom.api.datapoint.Datapoint;
import io.bemcom.api.datapoint.DatapointRepository;
import io.bemcom.api.json.DrfFields;
import io.bemcom.api.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /controller/}: controllers and their controlled datapoints. <b>Ours</b> — the original
 * has no REST route for them (only its admin). Present with ACTIVATE_CONTROL_EXTENSION only (the
 * route table in {@link Routes} decides); permissions by the original's codenames
 * ({@code api_main.*_controller}, {@code api_main.*_controlleddatapoint}). Every change goes
 * through {@link ControllerService}, so the retained controlled-datapoints message follows.
 */
@RestController
public class ControllerEndpoint {

    static final String NAME = "name";
    static final String TOPIC = "mqtt_topic_controlled_datapoints";

    private final ControllerRepository controllers;
    private final ControlledDatapointLinkRepository links;
    private final DatapointRepository datapoints;
    private final ControllerService service;

    public ControllerEndpoint(ControllerRepository controllers, ControlledDatapointLinkRepository links,
                              DatapointRepository datapoints, ControllerService service) {
        this.controllers = controllers;
        this.links = links;
        this.datapoints = datapoints;
        this.service = service;
    }

    @GetMapping("/controller/")
    public ResponseEntity<String> list(@RequestParam(value = NAME, required = false) String name) {
        ArrayNode result = Json.array();
        List<Controller> selected = name == null || name.isEmpty() ? controllers.findAll()
                : controllers.findByName(name).map(List::of).orElse(List.of());
        selected.stream().sorted((a, b) -> Long.compare(a.getId(), b.getId())).forEach(c -> result.add(json(c)));
        return JsonResponses.ok(result);
    }

    @PostMapping("/controller/")
    public ResponseEntity<String> create(HttpServletRequest request) {
        JsonNode input = object(RequestBodies.object(request));
        ObjectNode errors = Json.object();
        String name = text(input, NAME, errors);
        String topic = text(input, TOPIC, errors);
        if (name != null && !Controller.nameFits(name)) {
            errors.set(NAME, Json.messages(DrfFields.tooLong(Controller.MAX_INDEXED_LENGTH)));
        } else if (name != null && controllers.findByName(name).isPresent()) {
            errors.set(NAME, Json.messages("controller with this name already exists."));
        }
        if (topic != null && !errors.has(TOPIC)) {
            java.util.Optional<String> problem = Controller.topicProblem(topic);
            if (problem.isPresent()) {
                errors.set(TOPIC, Json.messages(problem.get()));
            } else if (controllers.existsByMqttTopicControlledDatapoints(topic)) {
                errors.set(TOPIC, Json.messages("controller with this mqtt topic controlled datapoints already exists."));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        Controller created;
        try {
            created = service.create(name, topic);
        } catch (DataIntegrityViolationException e) { // a concurrent POST of the same name or topic won
            String field = controllers.findByName(name).isPresent() ? NAME : TOPIC;
            throw ApiException.badRequest(Json.object().set(field, Json.messages(NAME.equals(field)
                    ? "controller with this name already exists."
                    : "controller with this mqtt topic controlled datapoints already exists.")));
        }
        return JsonResponses.response(201, json(created));
    }

    @DeleteMapping("/controller/{id}/")
    public ResponseEntity<String> delete(@PathVariable long id) {
        if (!controllers.existsById(id)) {
            throw ApiException.notFound();
        }
        service.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/controller/{id}/controlled_datapoint/")
    public ResponseEntity<String> addControlledDatapoint(@PathVariable long id, HttpServletRequest request) {
        if (!controllers.existsById(id)) {
            throw ApiException.notFound();
        }
        JsonNode input = object(RequestBodies.object(request));
        ObjectNode errors = Json.object();
        Long sensor = datapointId(input, "sensor_id", Datapoint.SENSOR, errors);
        Long actuator = datapointId(input, "actuator_id", Datapoint.ACTUATOR, errors);
        boolean active = true;
        JsonNode activeNode = input.get("is_active");
        if (activeNode != null) {
            try {
                if (activeNode.isNull()) {
                    throw new DrfFields.Invalid(DrfFields.NOT_NULL);
                }
                active = DrfFields.bool(activeNode);
            } catch (DrfFields.Invalid e) {
                errors.set("is_active", Json.messages(e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        ControlledDatapointLink link = service.addControlledDatapoint(id, sensor, actuator, active);
        return JsonResponses.response(201, json(link));
    }

    @DeleteMapping("/controller/{id}/controlled_datapoint/{cd_id}/")
    public ResponseEntity<String> removeControlledDatapoint(@PathVariable long id, @PathVariable("cd_id") long linkId) {
        ControlledDatapointLink link = links.findById(linkId).orElseThrow(ApiException::notFound);
        if (link.getController().getId() != id) {
            throw ApiException.notFound();
        }
        service.removeControlledDatapoint(linkId);
        return ResponseEntity.noContent().build();
    }

    private ObjectNode json(Controller controller) {
        ObjectNode node = Json.object();
        node.put("id", controller.getId());
        node.put(NAME, controller.getName());
        node.put(TOPIC, controller.getMqttTopicControlledDatapoints());
        ArrayNode pairs = node.putArray("controlled_datapoints");
        links.findByControllerIdOrderById(controller.getId()).forEach(link -> pairs.add(json(link)));
        return node;
    }

    private static ObjectNode json(ControlledDatapointLink link) {
        ObjectNode node = Json.object();
        node.put("id", link.getId());
        node.put("sensor_id", link.getSensorDatapoint().getId());
        node.put("actuator_id", link.getActuatorDatapoint().getId());
        node.put("is_active", link.isActive());
        return node;
    }

    private static JsonNode object(JsonNode input) {
        if (!input.isObject()) {
            throw ApiException.badRequest(Json.object().set("non_field_errors",
                    Json.messages(DrfFields.expectedDict(input))));
        }
        return input;
    }

    /** A required, non-blank text field (DRF CharField); null with the error recorded when invalid. */
    private static String text(JsonNode input, String field, ObjectNode errors) {
        try {
            return DrfFields.string(DrfFields.present(input.get(field)), false);
        } catch (DrfFields.Invalid e) {
            errors.set(field, Json.messages(e.getMessage()));
            return null;
        }
    }

    /** A required datapoint id of the given type; null with the error recorded when invalid. */
    private Long datapointId(JsonNode input, String field, String type, ObjectNode errors) {
        try {
            long id = DrfFields.integer(DrfFields.present(input.get(field)));
            Datapoint datapoint = datapoints.findById(id)
                    .orElseThrow(() -> new DrfFields.Invalid("Invalid pk \"" + id + "\" - object does not exist."));
            if (!type.equals(datapoint.getType())) {
                throw new DrfFields.Invalid("Datapoint " + id + " is not a " + type + " datapoint.");
            }
            return id;
        } catch (DrfFields.Invalid e) {
            errors.set(field, Json.messages(e.getMessage()));
            return null;
        }
    }
}
