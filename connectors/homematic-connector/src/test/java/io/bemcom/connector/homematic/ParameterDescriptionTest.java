package io.bemcom.connector.homematic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.bemcom.connector.homematic.ccu.Fixtures;
import io.bemcom.connector.homematic.xmlrpc.XmlRpcReader;
import io.bemcom.protocol.JsonValues;
import tools.jackson.databind.JsonNode;

/** Actuator values cast as the CCU's description of a wall thermostat's channel 2 says. */
class ParameterDescriptionTest {

    private static final Map<?, ?> THERMOSTAT = read();

    private static Map<?, ?> read() {
        try {
            return (Map<?, ?>) XmlRpcReader.readResponse(Fixtures.bytes("golden/thermostat-paramset-description.xml"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object cast(String datapoint, Object value) {
        return ParameterDescription.in(THERMOSTAT, datapoint).cast(JsonValues.of(value));
    }

    private static JsonNode json(String text) {
        return JsonValues.parse(text);
    }

    @Test
    void castsASetpointToADoubleFromANumberOrItsText() {
        assertThat(cast("SET_TEMPERATURE", 21.5)).isEqualTo(21.5);
        assertThat(cast("SET_TEMPERATURE", 21)).isEqualTo(21.0);
        assertThat(cast("SET_TEMPERATURE", " 21.5 ")).isEqualTo(21.5);
        assertThat(cast("SET_TEMPERATURE", 4.5)).isEqualTo(4.5);
        assertThat(cast("SET_TEMPERATURE", 30.5)).isEqualTo(30.5);
    }

    @Test
    void refusesASetpointOutsideMinAndMaxOrThatIsNoNumber() {
        assertThatThrownBy(() -> cast("SET_TEMPERATURE", 30.6)).hasMessage("SET_TEMPERATURE accepts 4.5 to 30.5, got 30.6");
        assertThatThrownBy(() -> cast("SET_TEMPERATURE", 4)).hasMessageContaining("accepts 4.5 to 30.5");
        assertThatThrownBy(() -> cast("SET_TEMPERATURE", "warm")).hasMessage(
                "SET_TEMPERATURE (FLOAT) needs a number, got \"warm\"");
        assertThatThrownBy(() -> cast("SET_TEMPERATURE", true)).hasMessageContaining("needs a number");
        assertThatThrownBy(() -> cast("SET_TEMPERATURE", "NaN")).hasMessageContaining("needs a number");
        assertThatThrownBy(() -> ParameterDescription.in(THERMOSTAT, "SET_TEMPERATURE").cast(json("{\"a\": 1}")))
                .hasMessageContaining("needs a number");
    }

    @Test
    void refusesADatapointTheCcuDescribesAsReadOnly() {
        assertThatThrownBy(() -> cast("ACTUAL_TEMPERATURE", 20)).hasMessageContaining("read-only");
        assertThatThrownBy(() -> cast("CONTROL_MODE", 1)).hasMessageContaining("read-only");
    }

    @Test
    void castsActionsAndBooleansFromTheirUsualSpellings() {
        assertThat(cast("BOOST_MODE", true)).isEqualTo(true);
        assertThat(cast("BOOST_MODE", "TRUE")).isEqualTo(true);
        assertThat(cast("BOOST_MODE", 1)).isEqualTo(true);
        assertThat(cast("BOOST_MODE", "0")).isEqualTo(false);
        assertThat(cast("BOOST_MODE", false)).isEqualTo(false);
        assertThatThrownBy(() -> cast("BOOST_MODE", "maybe")).hasMessageContaining("needs true or false");
        assertThatThrownBy(() -> cast("BOOST_MODE", 2)).hasMessageContaining("needs true or false");
    }

    @Test
    void castsStringsAndRefusesContainers() {
        assertThat(cast("PARTY_MODE_SUBMIT", "20.5,10:00,1,5,12,11:30,1,5,12")).isEqualTo("20.5,10:00,1,5,12,11:30,1,5,12");
        assertThat(cast("PARTY_MODE_SUBMIT", 7)).isEqualTo("7");
        assertThatThrownBy(() -> cast("PARTY_MODE_SUBMIT", List.of(1))).hasMessageContaining("needs a text");
    }

    @Test
    void castsEnumsFromAnIndexOrANameOfTheValueList() {
        Map<String, Object> writableMode = Map.of("CONTROL_MODE", Map.of("TYPE", "ENUM", "OPERATIONS", 7, "MIN", 0,
                "MAX", 3, "VALUE_LIST", List.of("AUTO-MODE", "MANU-MODE", "PARTY-MODE", "BOOST-MODE")));
        ParameterDescription mode = ParameterDescription.in(writableMode, "CONTROL_MODE");

        assertThat(mode.cast(JsonValues.of("MANU-MODE"))).isEqualTo(1);
        assertThat(mode.cast(JsonValues.of(3))).isEqualTo(3);
        assertThat(mode.cast(JsonValues.of("2"))).isEqualTo(2);
        assertThatThrownBy(() -> mode.cast(JsonValues.of(4))).hasMessage("CONTROL_MODE accepts 0 to 3, got 4");
        assertThatThrownBy(() -> mode.cast(JsonValues.of("SUMMER-MODE"))).hasMessage("CONTROL_MODE (ENUM) needs one of"
                + " [AUTO-MODE, MANU-MODE, PARTY-MODE, BOOST-MODE] or its index, got \"SUMMER-MODE\"");
    }

    @Test
    void castsIntegersAndAcceptsTheSpecialValuesOutsideTheRange() {
        Map<String, Object> level = Map.of("LEVEL", Map.of("TYPE", "INTEGER", "OPERATIONS", 3, "MIN", 0, "MAX", 100,
                "SPECIAL", List.of(Map.of("ID", "NOT_USED", "VALUE", 111))));
        ParameterDescription description = ParameterDescription.in(level, "LEVEL");

        assertThat(description.cast(JsonValues.of(40))).isEqualTo(40);
        assertThat(description.cast(JsonValues.of("40.0"))).isEqualTo(40);
        assertThat(description.cast(JsonValues.of(111))).isEqualTo(111);
        assertThatThrownBy(() -> description.cast(JsonValues.of(40.5))).hasMessageContaining("needs a whole number");
        assertThatThrownBy(() -> description.cast(JsonValues.of(101))).hasMessage(
                "LEVEL accepts 0 to 100 (or [111]), got 101");
    }

    @Test
    void refusesTypesItDoesNotKnowAndDatapointsTheDescriptionLacks() {
        Map<String, Object> odd = Map.of("ODD", Map.of("TYPE", "COLOR", "OPERATIONS", 2));

        assertThatThrownBy(() -> ParameterDescription.in(odd, "ODD").cast(JsonValues.of(1)))
                .hasMessageContaining("type COLOR");
        assertThat(ParameterDescription.in(THERMOSTAT, "NO_SUCH_DATAPOINT")).isNull();
    }
}
