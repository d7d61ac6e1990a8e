package io.bemcom.api.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.bemcom.api.datapoint.ActuatorPublisher;
import io.bemcom.api.datapoint.DataFormat;
import io.bemcom.api.datapoint.Datapoint;
import io.bemcom.api.datapoint.DatapointRepository;
import io.bemcom.api.history.InvalidIntervalException;
import io.bemcom.api.history.MessageStore;
import io.bemcom.api.history.MessageTable;
import io.bemcom.api.history.StoredMessage;
import io.bemcom.api.history.TimeFilter;
import io.bemcom.api.json.DrfFields;
import io.bemcom.api.json.Json;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.ScheduleMessage;
import io.bemcom.protocol.SetpointMessage;
import io.bemcom.protocol.ValueMessage;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /datapoint/{id}/value|schedule|setpoint/}: send to an actuator (POST), history (GET),
 * bulk upsert (PUT) and delete one message (DELETE) — sections 8.8–8.11. Which of these exist
 * depends on the extension flags; the route table in {@link Routes} decides.
 */
@RestController
public class MessageEndpoint {

    static final String INTERVAL_ERROR = "Encountered invalid value for frequency. A valid value is something like "
            + "this: '15 minutes' Check the server logs if you are absolutely sure that your value was valid.";

    private final DatapointRepository datapoints;
    private final MessageStore store;
    private final ActuatorPublisher actuators;

    public MessageEndpoint(DatapointRepository datapoints, MessageStore store, ActuatorPublisher actuators) {
        this.datapoints = datapoints;
        this.store = store;
        this.actuators = actuators;
    }

    // ------------------------------------------------------------------ POST: send to an actuator

    @PostMapping("/datapoint/{dp_id}/value/")
    public ResponseEntity<String> postValue(@PathVariable("dp_id") long id, HttpServletRequest request) {
        return send(id, request, ActuatorMessageValidation::value, actuators::publishValue);
    }

    @PostMapping("/datapoint/{dp_id}/schedule/")
    public ResponseEntity<String> postSchedule(@PathVariable("dp_id") long id, HttpServletRequest request) {
        return send(id, request, ActuatorMessageValidation::schedule, actuators::publishSchedule);
    }

    @PostMapping("/datapoint/{dp_id}/setpoint/")
    public ResponseEntity<String> postSetpoint(@PathVariable("dp_id") long id, HttpServletRequest request) {
        return send(id, request, ActuatorMessageValidation::setpoint, actuators::publishSetpoint);
    }

    @FunctionalInterface
    private interface Publication<M> {
        boolean publish(String connector, long datapointId, M message);
    }

    /** Validates the body for the actuator {@code id}, publishes the message, answers 201 with its echo. */
    private <M> ResponseEntity<String> send(long id, HttpServletRequest request,
                                            BiFunction<JsonNode, Datapoint, ActuatorMessageValidation.Result<M>> validation,
                                            Publication<M> publication) {
        Datapoint datapoint = actuator(id);
        ActuatorMessageValidation.Result<M> result = validation.apply(RequestBodies.object(request), datapoint);
        requireValid(result);
        published(publication.publish(datapoint.getConnector().getName(), id, result.message()));
        return JsonResponses.response(201, result.echo());
    }

    private Datapoint actuator(long id) {
        Datapoint datapoint = existing(id);
        if (!datapoint.isActuator()) {
            throw ApiException.badRequest(Json.messages("This message can only be written for an actuator datapoint."));
        }
        datapoint.getConnector().nameProblem().ifPresent(problem -> {
            throw ApiException.badRequest(Json.messages("The connector of this datapoint has a name that cannot be part "
                    + "of MQTT topics, so nothing can be sent to it: " + problem));
        });
        return datapoint;
    }

    private static void published(boolean ok) {
        if (!ok) {
            throw new ApiException(503, Json.detail("The message could not be handed to the MQTT broker; nothing was sent."));
        }
    }

    // ------------------------------------------------------------------ GET: history

    @GetMapping("/datapoint/{dp_id}/value/")
    public ResponseEntity<String> valueHistory(@PathVariable("dp_id") long id, @RequestParam Map<String, String> params) {
        Datapoint datapoint = existing(id);
        QueryParams query = new QueryParams(params);
        TimeFilter filter = query.timeFilter();
        query.throwIfInvalid();
        String interval = query.text("interval");
        if (interval == null) {
            return history(MessageTable.VALUE, datapoint, filter);
        }
        List<MessageStore.Bucket> buckets;
        try {
            buckets = store.buckets(id, interval, filter);
        } catch (InvalidIntervalException e) {
            ObjectNode error = Json.object();
            error.set("frequency", Json.messages(INTERVAL_ERROR));
            throw ApiException.badRequest(error);
        }
        ArrayNode result = Json.array();
        for (MessageStore.Bucket bucket : buckets) {
            ObjectNode item = result.addObject();
            item.put("value", bucket.average() == null ? "null" : MessageJson.floatText(bucket.average()));
            item.put("timestamp", bucket.start());
        }
        return JsonResponses.ok(result);
    }

    @GetMapping("/datapoint/{dp_id}/schedule/")
    public ResponseEntity<String> scheduleHistory(@PathVariable("dp_id") long id, @RequestParam Map<String, String> params) {
        Datapoint datapoint = existing(id);
        QueryParams query = new QueryParams(params);
        TimeFilter filter = query.timeFilter();
        query.throwIfInvalid();
        return history(MessageTable.SCHEDULE, datapoint, filter);
    }

    @GetMapping("/datapoint/{dp_id}/setpoint/")
    public ResponseEntity<String> setpointHistory(@PathVariable("dp_id") long id, @RequestParam Map<String, String> params) {
        Datapoint datapoint = existing(id);
        QueryParams query = new QueryParams(params);
        TimeFilter filter = query.timeFilter();
        query.throwIfInvalid();
        return history(MessageTable.SETPOINT, datapoint, filter);
    }

    private ResponseEntity<String> history(MessageTable table, Datapoint datapoint, TimeFilter filter) {
        ArrayNode result = Json.array();
        boolean numeric = DataFormat.isNumeric(datapoint.getDataFormat());
        for (StoredMessage message : store.history(table, datapoint.getId(), filter)) {
            result.add(MessageJson.render(table, message, numeric));
        }
        return JsonResponses.ok(result);
    }

    // ------------------------------------------------------------------ PUT: bulk upsert

    @PutMapping("/datapoint/{dp_id}/value/")
    public ResponseEntity<String> putValues(@PathVariable("dp_id") long id, HttpServletRequest request) {
        Datapoint datapoint = existing(id);
        return upsert(MessageTable.VALUE, datapoint, request, item -> {
            ActuatorMessageValidation.Result<ValueMessage> result = ActuatorMessageValidation.value(item, datapoint);
            return result.valid() ? new Checked(StoredMessage.ofValue(id, result.message().timestamp(),
                    result.message().value()), null) : new Checked(null, result.errors());
        });
    }

    @PutMapping("/datapoint/{dp_id}/schedule/")
    public ResponseEntity<String> putSchedules(@PathVariable("dp_id") long id, HttpServletRequest request) {
        Datapoint datapoint = existing(id);
        return upsert(MessageTable.SCHEDULE, datapoint, request, item -> {
            ActuatorMessageValidation.Result<ScheduleMessage> result = ActuatorMessageValidation.schedule(item, datapoint);
            return result.valid() ? new Checked(StoredMessage.ofPayload(id, result.message().timestamp(),
                    MessageCodec.toTree(result.message()).get("schedule")), null) : new Checked(null, result.errors());
        });
    }

    @PutMapping("/datapoint/{dp_id}/setpoint/")
    public ResponseEntity<String> putSetpoints(@PathVariable("dp_id") long id, HttpServletRequest request) {
        Datapoint datapoint = existing(id);
        return upsert(MessageTable.SETPOINT, datapoint, request, item -> {
            ActuatorMessageValidation.Result<SetpointMessage> result = ActuatorMessageValidation.setpoint(item, datapoint);
            return result.valid() ? new Checked(StoredMessage.ofPayload(id, result.message().timestamp(),
                    MessageCodec.toTree(result.message()).get("setpoint")), null) : new Checked(null, result.errors());
        });
    }

    private record Checked(StoredMessage message, JsonNode errors) {
    }

    private ResponseEntity<String> upsert(MessageTable table, Datapoint datapoint, HttpServletRequest request,
                                          java.util.function.Function<JsonNode, Checked> check) {
        JsonNode list = RequestBodies.list(request);
        if (!list.isArray()) {
            ObjectNode error = Json.object();
            error.set("non_field_errors", Json.messages(DrfFields.expectedList(list)));
            throw ApiException.badRequest(error);
        }
        List<StoredMessage> messages = new ArrayList<>();
        ArrayNode errors = Json.array();
        boolean failed = false;
        for (JsonNode item : list) {
            Checked checked = check.apply(item);
            if (checked.errors() != null) {
                failed = true;
                errors.add(checked.errors());
            } else {
                errors.addObject();
                messages.add(checked.message());
            }
        }
        if (failed) {
            throw ApiException.badRequest(errors);
        }
        MessageStore.UpsertResult result = store.upsertHistory(table, datapoint.getId(), messages);
        ObjectNode answer = Json.object();
        answer.put("msgs_created", result.created());
        answer.put("msgs_updated", result.updated());
        return JsonResponses.ok(answer);
    }

    // ------------------------------------------------------------------ DELETE

    @DeleteMapping("/datapoint/{dp_id}/value/{timestamp}/")
    public ResponseEntity<String> deleteValue(@PathVariable("dp_id") long id, @PathVariable long timestamp) {
        return delete(MessageTable.VALUE, id, timestamp);
    }

    @DeleteMapping("/datapoint/{dp_id}/schedule/{timestamp}/")
    public ResponseEntity<String> deleteSchedule(@PathVariable("dp_id") long id, @PathVariable long timestamp) {
        return delete(MessageTable.SCHEDULE, id, timestamp);
    }

    @DeleteMapping("/datapoint/{dp_id}/setpoint/{timestamp}/")
    public ResponseEntity<String> deleteSetpoint(@PathVariable("dp_id") long id, @PathVariable long timestamp) {
        return delete(MessageTable.SETPOINT, id, timestamp);
    }

    private ResponseEntity<String> delete(MessageTable table, long id, long timestamp) {
        existing(id);
        if (!store.deleteHistory(table, id, timestamp)) {
            throw ApiException.notFound();
        }
        return ResponseEntity.noContent().build();
    }

    private Datapoint existing(long id) {
        return datapoints.findById(id).orElseThrow(ApiException::notFound);
    }

    private static void requireValid(ActuatorMessageValidation.Result<?> result) {
        if (!result.valid()) {
            throw ApiException.badRequest(result.errors());
        }
    }
}
