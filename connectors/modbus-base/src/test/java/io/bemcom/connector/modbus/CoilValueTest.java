package io.bemcom.connector.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class CoilValueTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @ValueSource(strings = {"true", "1", "1.0", "\"true\"", "\"TRUE\"", "\"1\"", "\" True \""})
    void switchesOnForTrueAndOne(String json) {
        assertThat(CoilValue.fromJson(JSON.readTree(json))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "0", "0.0", "-0.0", "\"false\"", "\"0\""})
    void switchesOffForFalseAndZero(String json) {
        assertThat(CoilValue.fromJson(JSON.readTree(json))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "0.5", "null", "\"on\"", "\"\"", "[true]", "{\"value\":true}"})
    void rejectsEverythingElseQuotingTheValue(String json) {
        assertThatThrownBy(() -> CoilValue.fromJson(JSON.readTree(json)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected true or false (or 1 or 0) for a coil, got " + JSON.readTree(json));
    }
}
