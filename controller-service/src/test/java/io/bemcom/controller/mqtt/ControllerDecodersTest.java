package io.bemcom.controller.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.bemcom.controller.decision.Flexibility;
import io.bemcom.controller.decision.SetpointTarget;
import io.bemcom.controller.timeline.Period;
import io.bemcom.controller.timeline.TimedItem;
import io.bemcom.protocol.ControlledDatapoint;
import io.bemcom.protocol.Decoded;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.ValueMessage;
import tools.jackson.databind.JsonNode;

class ControllerDecodersTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Flexibility flexibilityOf(String item) {
        Decoded<ItemsMessage<SetpointTarget>> decoded = ControllerDecoders.setpoint(
                bytes("{\"setpoint\": [" + item + "], \"timestamp\": 1}"));
        return decoded.message().items().get(0).content().flexibility();
    }

    @Test
    void readsTheControlledDatapointsMessage() {
        Decoded<List<ControlledDatapoint>> decoded = ControllerDecoders.controlledDatapoints(bytes(
                "[{\"sensor\": {\"value\": \"c/messages/7/value\"}, \"actuator\": {\"value\": \"c/messages/2/value\","
                        + " \"setpoint\": \"c/messages/2/setpoint\", \"schedule\": \"c/messages/2/schedule\"}}]"));

        assertThat(decoded.message()).containsExactly(new ControlledDatapoint("c/messages/7/value",
                "c/messages/2/value", "c/messages/2/setpoint", "c/messages/2/schedule"));
    }

    @Test
    void anEmptyControlledDatapointsPayloadMeansControlNothing() {
        assertThat(ControllerDecoders.controlledDatapoints(new byte[0]).message()).isEmpty();
    }

    @Test
    void aMalformedControlledDatapointsMessageIsInvalidNamingTheKey() {
        Decoded<List<ControlledDatapoint>> decoded = ControllerDecoders.controlledDatapoints(
                bytes("[{\"sensor\": {}, \"actuator\": {}}]"));

        assertThat(decoded.error().field()).isEqualTo("[0].sensor.value");
    }

    @Test
    void readsFlexibilityFromTheKeysASetpointItemHas() {
        String base = "\"from_timestamp\": null, \"to_timestamp\": null, \"preferred_value\": 21";

        assertThat(flexibilityOf("{" + base + "}")).isEqualTo(Flexibility.NONE);
        assertThat(flexibilityOf("{" + base + ", \"acceptable_values\": null}"))
                .isEqualTo(new Flexibility.Discrete(null));
        assertThat(flexibilityOf("{" + base + ", \"acceptable_values\": [\"20\", \"21\"]}"))
                .isEqualTo(new Flexibility.Discrete(List.of(JsonValues.of("20"), JsonValues.of("21"))));
        assertThat(flexibilityOf("{" + base + ", \"min_value\": null, \"max_value\": null}"))
                .isEqualTo(new Flexibility.Continuous(null, null));
        assertThat(flexibilityOf("{" + base + ", \"min_value\": null, \"max_value\": 25.0}"))
                .isEqualTo(new Flexibility.Continuous(null, 25.0));
        assertThat(flexibilityOf("{" + base + ", \"acceptable_values\": [\"20\", \"21\"], \"min_value\": 20.0, "
                + "\"max_value\": 22.0}")).isInstanceOf(Flexibility.Discrete.class);
    }

    @Test
    void readsTheSetpointItemsPeriodsAndPreferredValues() {
        Decoded<ItemsMessage<SetpointTarget>> decoded = ControllerDecoders.setpoint(bytes(
                "{\"setpoint\": [{\"from_timestamp\": 5, \"to_timestamp\": 9, \"preferred_value\": \"on\"}], "
                        + "\"timestamp\": 1}"));

        TimedItem<SetpointTarget> item = decoded.message().items().get(0);
        assertThat(item.period()).isEqualTo(new Period(5L, 9L));
        assertThat(item.content().preferredValue()).isEqualTo(JsonValues.of("on"));
    }

    @Test
    void aNullListOrAnEmptyPayloadClearsTheSetpointOrSchedule() {
        assertThat(ControllerDecoders.setpoint(bytes("{\"setpoint\": null, \"timestamp\": 1}")).message().items())
                .isNull();
        assertThat(ControllerDecoders.setpoint(new byte[0]).message().items()).isNull();
        assertThat(ControllerDecoders.schedule(bytes("{\"schedule\": null, \"timestamp\": 1}")).message().items())
                .isNull();
        assertThat(ControllerDecoders.schedule(new byte[0]).message().items()).isNull();
    }

    @Test
    void readsScheduleItems() {
        Decoded<ItemsMessage<JsonNode>> decoded = ControllerDecoders.schedule(bytes(
                "{\"schedule\": [{\"from_timestamp\": null, \"to_timestamp\": 7, \"value\": 22.5}], \"timestamp\": 1}"));

        assertThat(decoded.message().items()).containsExactly(new TimedItem<>(new Period(null, 7L),
                JsonValues.of(22.5)));
    }

    @Test
    void malformedSetpointsAndSchedulesAreInvalid() {
        assertThat(ControllerDecoders.setpoint(bytes("{\"timestamp\": 1}")).error().field()).isEqualTo("setpoint");
        assertThat(ControllerDecoders.setpoint(bytes("{\"setpoint\": [{\"from_timestamp\": null}], \"timestamp\": 1}"))
                .error().field()).isEqualTo("setpoint[0].preferred_value");
        assertThat(ControllerDecoders.schedule(bytes("{\"schedule\": {}, \"timestamp\": 1}")).isValid()).isFalse();
        assertThat(ControllerDecoders.schedule(bytes("not json")).isValid()).isFalse();
    }

    @Test
    void aSensorValueOrAnEmptyPayloadAsUnknown() {
        assertThat(ControllerDecoders.sensorReading(bytes("{\"value\": \"21.5\", \"timestamp\": 1}")).message())
                .isEqualTo(new ValueMessage(JsonValues.of("21.5"), 1));
        assertThat(ControllerDecoders.sensorReading(bytes("{\"value\": NaN, \"timestamp\": 1}")).isValid()).isTrue();
        assertThat(ControllerDecoders.sensorReading(new byte[0]).message().value().isNull()).isTrue();
        assertThat(ControllerDecoders.sensorReading(new byte[0]).message().timestamp()).isEqualTo(Long.MAX_VALUE);
        assertThat(ControllerDecoders.sensorReading(bytes("{\"value\": 1}")).isValid()).isFalse();
    }
}
