package io.bemcom.controller.mqtt;

import java.util.ArrayList;
import java.util.List;

import io.bemcom.controller.decision.Flexibility;
import io.bemcom.controller.decision.SetpointTarget;
import io.bemcom.controller.timeline.Period;
import io.bemcom.controller.timeline.TimedItem;
import io.bemcom.protocol.ControlledDatapoint;
import io.bemcom.protocol.ControlledDatapointsMessage;
import io.bemcom.protocol.Decoded;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.ScheduleItem;
import io.bemcom.protocol.ScheduleMessage;
import io.bemcom.protocol.SetpointItem;
import io.bemcom.protocol.SetpointMessage;
import io.bemcom.protocol.ValueMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * Payload decoders of the controller's subscriptions: {@link MessageCodec} does the decoding and
 * validation; these add what the controller needs on top.
 *
 * <ul>
 *   <li>An empty (retained) payload clears the topic: on the controlled-datapoints topic it means
 *       the controller was deleted (control nothing), on a setpoint or schedule topic nothing is in
 *       force any more, on a sensor topic its value is unknown. The broker client would otherwise
 *       drop empty payloads before they reach a handler.</li>
 *   <li>A setpoint item's flexibility depends on which keys it has (not only their values);
 *       {@link SetpointItem} records their presence.</li>
 * </ul>
 */
final class ControllerDecoders {

    private ControllerDecoders() {
    }

    static Decoded<List<ControlledDatapoint>> controlledDatapoints(byte[] payload) {
        if (isEmpty(payload)) {
            return Decoded.valid(List.of());
        }
        Decoded<ControlledDatapointsMessage> decoded = MessageCodec.decodeControlledDatapoints(payload);
        return decoded.isValid() ? Decoded.valid(decoded.message().controlledDatapoints())
                : new Decoded.Invalid<>(decoded.error());
    }

    /**
     * The sensor's reading with its timestamp; an empty payload (a cleared retained value) is JSON
     * {@code null} at the newest possible time, so that it always clears.
     */
    static Decoded<ValueMessage> sensorReading(byte[] payload) {
        if (isEmpty(payload)) {
            return Decoded.valid(new ValueMessage(NullNode.getInstance(), Long.MAX_VALUE));
        }
        return MessageCodec.decodeValue(payload);
    }

    static Decoded<ItemsMessage<SetpointTarget>> setpoint(byte[] payload) {
        if (isEmpty(payload)) {
            return Decoded.valid(ItemsMessage.cleared());
        }
        Decoded<SetpointMessage> decoded = MessageCodec.decodeSetpoint(payload);
        if (!decoded.isValid()) {
            return new Decoded.Invalid<>(decoded.error());
        }
        List<SetpointItem> setpoint = decoded.message().setpoint();
        if (setpoint == null) {
            return Decoded.valid(ItemsMessage.cleared());
        }
        List<TimedItem<SetpointTarget>> items = new ArrayList<>();
        for (SetpointItem item : setpoint) {
            Flexibility flexibility = Flexibility.of(
                    item.acceptableValuesPresent(), item.acceptableValues(),
                    item.minValuePresent(), item.minValue(),
                    item.maxValuePresent(), item.maxValue());
            items.add(new TimedItem<>(new Period(item.fromTimestamp(), item.toTimestamp()),
                    new SetpointTarget(item.preferredValue(), flexibility)));
        }
        return Decoded.valid(new ItemsMessage<>(items));
    }

    static Decoded<ItemsMessage<JsonNode>> schedule(byte[] payload) {
        if (isEmpty(payload)) {
            return Decoded.valid(ItemsMessage.cleared());
        }
        Decoded<ScheduleMessage> decoded = MessageCodec.decodeSchedule(payload);
        if (!decoded.isValid()) {
            return new Decoded.Invalid<>(decoded.error());
        }
        List<ScheduleItem> schedule = decoded.message().schedule();
        if (schedule == null) {
            return Decoded.valid(ItemsMessage.cleared());
        }
        List<TimedItem<JsonNode>> items = schedule.stream()
                .map(item -> new TimedItem<>(new Period(item.fromTimestamp(), item.toTimestamp()), item.value()))
                .toList();
        return Decoded.valid(new ItemsMessage<>(items));
    }

    private static boolean isEmpty(byte[] payload) {
        return payload == null || payload.length == 0;
    }
}
