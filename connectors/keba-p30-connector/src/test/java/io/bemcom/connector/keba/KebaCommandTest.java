package io.bemcom.connector.keba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.bemcom.protocol.JsonValues;

/**
 * Golden vectors: the datagrams of the KEBA UDP Programmers Guide (V2.01, 3.2/3.3) and of the
 * original's tests ({@code curr 36000}, {@code ena 1}, {@code setenergy 100000},
 * {@code display 0 0 0 0 Test$Msg}), from JSON numbers and from strings.
 */
class KebaCommandTest {

    @Test
    void writesTheDatagramsOfTheGuideFromNumbersAndStrings() {
        assertThat(KebaCommand.CURR.datagram(JsonValues.of(36000))).isEqualTo("curr 36000");
        assertThat(KebaCommand.CURR.datagram(JsonValues.of("36000"))).isEqualTo("curr 36000");
        assertThat(KebaCommand.CURR.datagram(JsonValues.of(" 6000.0 "))).isEqualTo("curr 6000");
        assertThat(KebaCommand.CURR.datagram(JsonValues.of(63000.0))).isEqualTo("curr 63000");
        assertThat(KebaCommand.ENA.datagram(JsonValues.of(1))).isEqualTo("ena 1");
        assertThat(KebaCommand.ENA.datagram(JsonValues.of("0"))).isEqualTo("ena 0");
        assertThat(KebaCommand.ENA.datagram(JsonValues.of(true))).isEqualTo("ena 1");
        assertThat(KebaCommand.SETENERGY.datagram(JsonValues.of("100000"))).as("10 kWh in 0.1 Wh")
                .isEqualTo("setenergy 100000");
        assertThat(KebaCommand.SETENERGY.datagram(JsonValues.of(0))).isEqualTo("setenergy 0");
        assertThat(KebaCommand.DISPLAY.datagram(JsonValues.of("0 0 0 0 Test$Msg"))).isEqualTo("display 0 0 0 0 Test$Msg");
        assertThat(KebaCommand.DISPLAY.datagram(JsonValues.of("1 2 10 0 Hello"))).isEqualTo("display 1 2 10 0 Hello");
        assertThat(KebaCommand.DISPLAY.datagram(JsonValues.of("Test Msg"))).as("a bare text, $ for the blank")
                .isEqualTo("display 0 0 0 0 Test$Msg");
        assertThat(KebaCommand.DISPLAY.datagram(JsonValues.of(42))).isEqualTo("display 0 0 0 0 42");
    }

    @Test
    void refusesWhatTheStationDoesNotAccept() {
        assertThatThrownBy(() -> KebaCommand.CURR.datagram(JsonValues.of(5999)))
                .hasMessage("expected a current in mA from 6000 to 63000, got 5999; nothing was sent");
        assertThatThrownBy(() -> KebaCommand.CURR.datagram(JsonValues.of(63001))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KebaCommand.CURR.datagram(JsonValues.of(16000.5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KebaCommand.CURR.datagram(JsonValues.of("16 A"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KebaCommand.CURR.datagram(JsonValues.of(null))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KebaCommand.ENA.datagram(JsonValues.of(2))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KebaCommand.ENA.datagram(JsonValues.of("yes"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KebaCommand.SETENERGY.datagram(JsonValues.of(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KebaCommand.SETENERGY.datagram(JsonValues.of(1_000_000_000L)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KebaCommand.SETENERGY.datagram(JsonValues.of("1e999999999")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KebaCommand.DISPLAY.datagram(JsonValues.of("twenty-four characters!!")))
                .hasMessageContaining("at most 23 printable ASCII characters");
        assertThatThrownBy(() -> KebaCommand.DISPLAY.datagram(JsonValues.of("Grüße"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KebaCommand.DISPLAY.datagram(JsonValues.of(""))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void offersTheOriginalsActuatorsWithItsExampleValues() {
        assertThat(KebaCommand.actuatorsOf("p30_garage")).containsExactly(
                java.util.Map.entry("p30_garage__ena", JsonValues.of("0")),
                java.util.Map.entry("p30_garage__curr", JsonValues.of("63000")),
                java.util.Map.entry("p30_garage__setenergy", JsonValues.of("100000")),
                java.util.Map.entry("p30_garage__display", JsonValues.of("0 0 0 0 Hello$KEBA")));
    }
}
