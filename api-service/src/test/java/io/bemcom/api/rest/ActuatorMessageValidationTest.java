package io.bemcom.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.bemcom.api.connector.Connector;
import io.bemcom.api.datapoint.Datapoint;
import io.bemcom.api.json.Json;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.ScheduleMessage;
import io.bemcom.protocol.SetpointMessage;
import io.bemcom.protocol.ValueMessage;

/**
 * The bodies of {@code POST /datapoint/{id}/value|schedule|setpoint/} checked against a datapoint,
 * without HTTP or Spring: decoded message, echo and errors in the original's shapes. The same over
 * HTTP: MessageEndpointTest.
 */
class ActuatorMessageValidationTest {

    private static final long NOW = System.currentTimeMillis();

    private static Datapoint actuator(String format) {
        Datapoint datapoint = new Datapoint(new Connector("validation"), "key", Datapoint.ACTUATOR);
        datapoint.setDataFormat(format);
        return datapoint;
    }

    private static String errors(ActuatorMessageValidation.Result<?> result) {
        assertThat(result.valid()).as("invalid").isFalse();
        return Json.write(result.errors());
    }

    @Test
    void aValidValueIsDecodedAndEchoed() {
        ActuatorMessageValidation.Result<ValueMessage> result = ActuatorMessageValidation.value(
                JsonValues.parse("{\"value\": \"21.5\", \"timestamp\": " + NOW + "}"), actuator("generic_numeric"));
        assertThat(result.valid()).isTrue();
        assertThat(result.message().value().doubleValue()).isEqualTo(21.5);
        assertThat(result.message().timestamp()).isEqualTo(NOW);
        assertThat(Json.write(result.echo())).isEqualTo("{\"value\":21.5,\"timestamp\":" + NOW + "}");
    }

    @Test
    void valueErrorsCarryTheOriginalsMessages() {
        Datapoint numeric = actuator("continuous_numeric");
        numeric.setMinValue(15.0);
        assertThat(errors(ActuatorMessageValidation.value(JsonValues.parse("{\"value\": \"x\", \"timestamp\": " + NOW
                + "}"), numeric))).isEqualTo("{\"value\":[\"Value (x) cannot be parsed as JSON.\"]}");
        assertThat(errors(ActuatorMessageValidation.value(JsonValues.parse("{\"value\": \"10\", \"timestamp\": " + NOW
                + "}"), numeric))).isEqualTo(
                        "{\"value\":[\"Value (10) for numeric datapoint is smaller then minimum allowed value (15.0).\"]}");
        assertThat(errors(ActuatorMessageValidation.value(JsonValues.parse("{}"), numeric)))
                .isEqualTo("{\"value\":[\"This field is required.\"],\"timestamp\":[\"This field is required.\"]}");
        assertThat(errors(ActuatorMessageValidation.value(JsonValues.parse("{\"value\": null, \"timestamp\": null}"),
                numeric))).isEqualTo("{\"value\":[\"This field may not be null.\"],"
                        + "\"timestamp\":[\"This field may not be null.\"]}");
        assertThat(errors(ActuatorMessageValidation.value(JsonValues.parse("[]"), numeric)))
                .isEqualTo("{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got list.\"]}");
    }

    @Test
    void aScheduleIsAListOfItemsWithEncodedValues() {
        ActuatorMessageValidation.Result<ScheduleMessage> result = ActuatorMessageValidation.schedule(JsonValues.parse(
                "{\"schedule\": [{\"from_timestamp\": null, \"to_timestamp\": null, \"value\": \"\\\"on\\\"\"}],"
                        + " \"timestamp\": " + NOW + "}"), actuator("generic_text"));
        assertThat(result.valid()).isTrue();
        assertThat(result.message().schedule()).hasSize(1);
        assertThat(result.message().schedule().get(0).value().stringValue()).isEqualTo("on");
        assertThat(errors(ActuatorMessageValidation.schedule(JsonValues.parse("{\"schedule\": {}, \"timestamp\": "
                + NOW + "}"), actuator("generic_text"))))
                .isEqualTo("{\"schedule\":{\"non_field_errors\":[\"Expected a list of items but got type \\\"dict\\\".\"]}}");
    }

    @Test
    void setpointItemsOfContinuousDatapointsNeedTheirRange() {
        ActuatorMessageValidation.Result<SetpointMessage> missing = ActuatorMessageValidation.setpoint(
                JsonValues.parse("{\"setpoint\": [{\"from_timestamp\": null, \"to_timestamp\": null,"
                        + " \"preferred_value\": \"21\"}], \"timestamp\": " + NOW + "}"), actuator("continuous_numeric"));
        assertThat(errors(missing)).startsWith("{\"setpoint\":[\"Key 'min_value' is missing in Setpoint Item (");
        ActuatorMessageValidation.Result<SetpointMessage> complete = ActuatorMessageValidation.setpoint(
                JsonValues.parse("{\"setpoint\": [{\"from_timestamp\": null, \"to_timestamp\": null,"
                        + " \"preferred_value\": \"21\", \"min_value\": 19, \"max_value\": 23}], \"timestamp\": " + NOW
                        + "}"), actuator("continuous_numeric"));
        assertThat(complete.valid()).isTrue();
        assertThat(complete.message().setpoint().get(0).minValue()).isEqualTo(19.0);
    }

    @Test
    void aNullSetpointIsRefused() {
        assertThat(errors(ActuatorMessageValidation.setpoint(JsonValues.parse("{\"setpoint\": null, \"timestamp\": "
                + NOW + "}"), actuator("generic_numeric")))).isEqualTo("{\"setpoint\":[\"This field may not be null.\"]}");
    }
}
