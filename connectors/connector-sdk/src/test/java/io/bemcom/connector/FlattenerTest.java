package io.bemcom.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.bemcom.protocol.JsonValues;
import tools.jackson.databind.JsonNode;

/** The original template's flattening rule, with the examples its tests use. */
class FlattenerTest {

    @Test
    void joinsTwoLevelsWithTwoUnderscores() {
        Map<String, JsonNode> flat = Flattener.flatten(JsonValues.parse(
                "{\"device_1\": {\"sensor_1\": 2.12, \"sensor_2\": \"3.0\"}}"));

        assertThat(flat).containsExactly(
                Map.entry("device_1__sensor_1", JsonValues.of(2.12)),
                Map.entry("device_1__sensor_2", JsonValues.of("3.0")));
    }

    @Test
    void flattensMixedDepthsBreadthFirst() {
        Map<String, JsonNode> flat = Flattener.flatten(JsonValues.parse(
                "{\"device_1\": {\"sensor_1\": \"2.12\"}, \"device_2\": {\"0\": {\"sensor_1\": \"ok\"}}, \"top\": 1}"));

        assertThat(flat.keySet()).containsExactly("top", "device_1__sensor_1", "device_2__0__sensor_1");
    }

    @Test
    void keepsListsNullsAndBooleansAsLeavesAndDropsEmptyObjects() {
        Map<String, JsonNode> flat = Flattener.flatten(JsonValues.parse(
                "{\"a\": [1, 2], \"b\": null, \"c\": true, \"d\": {}}"));

        assertThat(flat).containsOnlyKeys("a", "b", "c");
        assertThat(flat.get("a").isArray()).isTrue();
        assertThat(flat.get("b").isNull()).isTrue();
    }

    @Test
    void aDeeperLevelOverwritesACollidingKeyInPlace() {
        Map<String, JsonNode> flat = Flattener.flatten(JsonValues.parse(
                "{\"a__b\": 1, \"x\": 0, \"a\": {\"b\": 2}}"));

        assertThat(flat).containsExactly(Map.entry("a__b", JsonValues.of(2)), Map.entry("x", JsonValues.of(0)));
    }

    @Test
    void flattensNothingWhenTheReadingIsNoObject() {
        assertThat(Flattener.flatten(JsonValues.of(5))).isEmpty();
        assertThat(Flattener.flatten(null)).isEmpty();
    }
}
