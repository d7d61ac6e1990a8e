package io.bemcom.connector.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;

import org.junit.jupiter.api.Test;

import io.bemcom.protocol.JsonValues;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** The Node-RED template's value rules, with the examples of the original's notes (section 2, 4.9). */
class NodeRedValuesTest {

    private static JsonNode text(String value) {
        return JsonNodeFactory.instance.stringNode(value);
    }

    @Test
    void parsesTextLeavesAsJsonParseDoes() {
        assertThat(NodeRedValues.leaf("2.12")).isEqualTo(JsonValues.of(2.12));
        assertThat(NodeRedValues.leaf("true")).isEqualTo(JsonValues.of(true));
        assertThat(NodeRedValues.leaf("  46753")).isEqualTo(JsonValues.of(46753));
        assertThat(NodeRedValues.leaf("    0.000").doubleValue()).isZero();
        assertThat(NodeRedValues.leaf("\n                2\n            ")).isEqualTo(JsonValues.of(2));
        assertThat(NodeRedValues.leaf("-3")).isEqualTo(JsonValues.of(-3));
        assertThat(NodeRedValues.leaf("null").isNull()).isTrue();
        assertThat(NodeRedValues.leaf("\"quoted\"")).isEqualTo(text("quoted"));
        assertThat(NodeRedValues.leaf("[1, 2]")).isEqualTo(JsonValues.of(java.util.List.of(1, 2)));
    }

    @Test
    void keepsTextThatJsonParseRefuses() {
        for (String value : new String[] {"05331543", "09.01.20 17:33", "", "  ", "ok", "NaN", "Infinity", "1 2",
                "+1", ".5", "1.", "True", "Access denied", "\u000b12", "{\"a\": 1}"}) {
            assertThat(NodeRedValues.leaf(value)).as(value).isEqualTo(text(value));
        }
    }

    @Test
    void flattensObjectsAndArraysDepthFirstWithIndicesAndParsesTheLeaves() {
        JsonNode reading = JsonValues.parse("""
                {"meter_2": {"primAddr": ["2"], "opTime": [{"value": ["  46753"], "unit": ["h"]}],
                             "serial": ["05331543"], "none": null, "empty": {}, "nothing": [],
                             "channel": [{"Channel": [{"P": [{"value": ["    0.000"]}]}, {"P": [{"value": ["1.5"]}]}]}]},
                 "top": 1}""");

        var flat = NodeRedValues.flatten(reading);

        assertThat(new ArrayList<>(flat.propertyNames())).containsExactly("meter_2__primAddr__0",
                "meter_2__opTime__0__value__0", "meter_2__opTime__0__unit__0", "meter_2__serial__0", "meter_2__none",
                "meter_2__channel__0__Channel__0__P__0__value__0", "meter_2__channel__0__Channel__1__P__0__value__0",
                "top");
        assertThat(flat.get("meter_2__primAddr__0")).isEqualTo(JsonValues.of(2));
        assertThat(flat.get("meter_2__opTime__0__value__0")).isEqualTo(JsonValues.of(46753));
        assertThat(flat.get("meter_2__opTime__0__unit__0")).isEqualTo(text("h"));
        assertThat(flat.get("meter_2__serial__0")).isEqualTo(text("05331543"));
        assertThat(flat.get("meter_2__none").isNull()).isTrue();
        assertThat(flat.get("meter_2__channel__0__Channel__1__P__0__value__0")).isEqualTo(JsonValues.of(1.5));
    }
}
