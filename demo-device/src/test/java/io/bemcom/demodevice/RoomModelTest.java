package io.bemcom.demodevice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoomModelTest {

    private final RoomModel room = new RoomModel();

    @Test
    void startsAt21DegreesWithASetpointOf24() {
        assertThat(room.temperature()).isEqualTo(21.0);
        assertThat(room.setpoint()).isEqualTo(24.0);
    }

    @Test
    void approachesTheSetpointByATenthOfTheGapPerStepAsTheOriginal() {
        // The original's sequence: 21.0 -> 21.3 -> 21.57 -> 21.813 -> ...
        assertThat(room.step()).as("a step returns the temperature before it").isEqualTo(21.0);
        assertThat(room.temperature()).isCloseTo(21.3, within(1e-12));
        room.step();
        assertThat(room.temperature()).isCloseTo(21.57, within(1e-12));
        room.step();
        assertThat(room.temperature()).isCloseTo(21.813, within(1e-12));
    }

    @Test
    void settlesAtTheSetpoint() {
        for (int i = 0; i < 400; i++) {
            room.step();
        }
        assertThat(room.temperature()).isCloseTo(24.0, within(1e-9));
    }

    @Test
    void coolsDownTowardsALowerSetpoint() {
        room.setSetpoint(17.0);
        room.step();
        assertThat(room.temperature()).isCloseTo(20.6, within(1e-12));
    }

    @ParameterizedTest
    @CsvSource({"17.0, 17.0", "15.0, 15.0", "30.0, 30.0", "14.9, 15.0", "35.0, 30.0", "-40, 15.0",
            "Infinity, 30.0", "-Infinity, 15.0"})
    void clipsTheSetpointTo15To30Degrees(double written, double inForce) {
        assertThat(room.setSetpoint(written)).isEqualTo(inForce);
        assertThat(room.setpoint()).isEqualTo(inForce);
    }

    @Test
    void rejectsANotANumberSetpointAndKeepsTheOldOne() {
        room.setSetpoint(22.0);

        assertThatThrownBy(() -> room.setSetpoint(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");

        assertThat(room.setpoint()).isEqualTo(22.0);
        room.step();
        assertThat(room.temperature()).isCloseTo(21.1, within(1e-12));
    }
}
