package io.bemcom.api.datapoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.bemcom.api.connector.Connector;
import io.bemcom.protocol.JsonValues;

/**
 * The rules a value sent to an actuator must meet, with the original's messages (section 4), on
 * datapoints built in memory: no Spring, no database. The same rules over HTTP: MessageEndpointTest.
 */
class ValueRulesTest {

    private static Datapoint datapoint(String format) {
        Datapoint datapoint = new Datapoint(new Connector("rules"), "key", Datapoint.ACTUATOR);
        datapoint.setDataFormat(format);
        return datapoint;
    }

    private static String check(String json, Datapoint datapoint) {
        return ValueRules.check(JsonValues.parse(json), datapoint);
    }

    @Test
    void numericDatapointsTakeNumbersWithinTheirRange() {
        Datapoint numeric = datapoint("continuous_numeric");
        numeric.setMinValue(15.0);
        numeric.setMaxValue(30.0);
        assertThat(check("20", numeric)).isNull();
        assertThat(check("15", numeric)).isNull();
        assertThat(check("null", numeric)).as("null passes the numeric rules").isNull();
        assertThat(check("\"x\"", numeric)).isEqualTo("Value (x) for numeric datapoint cannot be parsed to float or int.");
        assertThat(check("true", numeric))
                .isEqualTo("Value (True) for numeric datapoint cannot be parsed to float or int.");
        assertThat(check("10", numeric))
                .isEqualTo("Value (10) for numeric datapoint is smaller then minimum allowed value (15.0).");
        assertThat(check("30.5", numeric))
                .isEqualTo("Value (30.5) for numeric datapoint is larger then maximum allowed value (30.0).");
    }

    @Test
    void textDatapointsTakeStrings() {
        assertThat(check("\"hello\"", datapoint("generic_text"))).isNull();
        assertThat(check("1", datapoint("generic_text"))).isEqualTo("Value (1) for text datapoint is no string.");
    }

    @Test
    void boolDatapointsTakeBooleansOnly() {
        assertThat(check("false", datapoint("bool"))).isNull();
        assertThat(check("null", datapoint("bool"))).isEqualTo("Value (None) for boolean datapoint is no bool.");
        assertThat(check("1", datapoint("bool"))).isEqualTo("Value (1) for boolean datapoint is no bool.");
    }

    @Test
    void discreteDatapointsTakeAllowedValuesWithPythonsEquality() {
        Datapoint text = datapoint("discrete_text");
        text.setAllowedValues("[\"on\", \"off\"]");
        assertThat(check("\"on\"", text)).isNull();
        assertThat(check("\"dim\"", text))
                .isEqualTo("Value (dim) for discrete datapoint in list of allowed_values (['on', 'off']).");
        Datapoint numbers = datapoint("discrete_numeric");
        numbers.setAllowedValues("[1, 2.5]");
        assertThat(check("1.0", numbers)).as("2 == 2.0 in Python").isNull();
        assertThat(check("2.5", numbers)).isNull();
        assertThat(check("3", numbers)).startsWith("Value (3) for discrete datapoint in list of allowed_values");
    }

    @Test
    void discreteDatapointsWithoutAllowedValuesAllowNothing() {
        Datapoint none = datapoint("discrete_text");
        assertThat(check("\"on\"", none))
                .isEqualTo("Value (on) for discrete datapoint in list of allowed_values (None).");
    }

    @Test
    void unknownFormatsTakeAnything() {
        Datapoint unknown = datapoint(null);
        assertThat(check("[1, {\"a\": null}]", unknown)).isNull();
        assertThat(check("null", unknown)).isNull();
    }
}
