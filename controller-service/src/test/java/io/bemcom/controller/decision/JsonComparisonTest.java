package io.bemcom.controller.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.bemcom.protocol.JsonValues;

class JsonComparisonTest {

    @Test
    void integersAndDecimalsOfTheSameNumberAreTheSameValue() {
        assertThat(JsonComparison.sameValue(JsonValues.of(21), JsonValues.of(21.0))).isTrue();
        assertThat(JsonComparison.sameValue(JsonValues.parse("2.1e1"), JsonValues.of(21))).isTrue();
    }

    @Test
    void numericStringsCompareAsNumbers() {
        // The original: "21.0" == 21.0 is False; the API publishes acceptable values as such strings.
        assertThat(JsonComparison.sameValue(JsonValues.of("21.0"), JsonValues.of(21.0))).isTrue();
        assertThat(JsonComparison.sameValue(JsonValues.of("21"), JsonValues.of("21.00"))).isTrue();
        assertThat(JsonComparison.sameValue(JsonValues.of(" 22 "), JsonValues.of(22))).isTrue();
        assertThat(JsonComparison.sameValue(JsonValues.of("21.5"), JsonValues.of(21))).isFalse();
    }

    @Test
    void otherValuesCompareAsJson() {
        assertThat(JsonComparison.sameValue(JsonValues.of("on"), JsonValues.of("on"))).isTrue();
        assertThat(JsonComparison.sameValue(JsonValues.of("on"), JsonValues.of("ON"))).isFalse();
        assertThat(JsonComparison.sameValue(JsonValues.of(true), JsonValues.of(true))).isTrue();
        assertThat(JsonComparison.sameValue(JsonValues.of(true), JsonValues.of(1))).isFalse();
        assertThat(JsonComparison.sameValue(JsonValues.of(null), JsonValues.of(null))).isTrue();
        assertThat(JsonComparison.sameValue(JsonValues.of(null), JsonValues.of(0))).isFalse();
        assertThat(JsonComparison.sameValue(JsonValues.of(Map.of("a", 1)), JsonValues.of(Map.of("a", 1)))).isTrue();
        assertThat(JsonComparison.sameValue(JsonValues.of(List.of(1, 2)), JsonValues.of(List.of(2, 1)))).isFalse();
    }

    @Test
    void numberOfReadsFiniteNumbersAndNumericStringsOnly() {
        assertThat(JsonComparison.numberOf(JsonValues.of(19.5))).contains(new BigDecimal("19.5"));
        assertThat(JsonComparison.numberOf(JsonValues.of("-1e9"))).hasValueSatisfying(
                value -> assertThat(value).isEqualByComparingTo("-1000000000"));
        assertThat(JsonComparison.numberOf(JsonValues.of("NaN"))).isEmpty();
        assertThat(JsonComparison.numberOf(JsonValues.parse("NaN"))).isEmpty();
        assertThat(JsonComparison.numberOf(JsonValues.parse("Infinity"))).isEmpty();
        assertThat(JsonComparison.numberOf(JsonValues.of("warm"))).isEmpty();
        assertThat(JsonComparison.numberOf(JsonValues.of(""))).isEmpty();
        assertThat(JsonComparison.numberOf(JsonValues.of(true))).isEmpty();
        assertThat(JsonComparison.numberOf(JsonValues.of(null))).isEmpty();
    }
}
