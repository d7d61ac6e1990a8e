package io.bemcom.connector.homematic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.bemcom.protocol.JsonValues;

/** Parsing raw messages: ours, the original's, and malformed ones. */
class HomematicDeviceTest {


    @Test
    void turnsAnEventIntoTheReadingOfItsChannel() {
        assertThat(HomematicDevice.reading(JsonValues.parse(
                "{\"iface\": \"BidCos-RF\", \"channel\": \"OEQ1572982:1\", \"datapoint\": \"HUMIDITY\", \"value\": 52}")))
                .isEqualTo(JsonValues.parse("{\"OEQ1572982:1\": {\"HUMIDITY\": 52}}"));
    }

    @Test
    void parsesTheRawMessagesTheOriginalStoredAsWell() {
        // node-red-contrib-ccu's message object, as the original put it into its raw messages (abridged).
        String original = """
                {"payload": 45, "ccu": "ccu.example.org", "iface": "BidCos-RF", "device": "OEQ1572982",
                 "deviceName": "Wandthermostat Bad", "deviceType": "HM-TC-IT-WM-W-EU", "channel": "OEQ1572982:2",
                 "channelType": "THERMALCONTROL_TRANSMIT", "channelIndex": 2, "datapoint": "HUMIDITY",
                 "datapointName": "BidCos-RF.OEQ1572982:2.HUMIDITY", "datapointType": "INTEGER", "value": 45,
                 "valuePrevious": 44, "ts": 1600000000000, "topic": "OEQ1572982:2/HUMIDITY"}""";

        assertThat(HomematicDevice.reading(JsonValues.parse(original)))
                .isEqualTo(JsonValues.parse("{\"OEQ1572982:2\": {\"HUMIDITY\": 45}}"));
    }

    @Test
    void keepsANullValueAndRefusesARawMessageWithoutChannelDatapointOrValue() {
        assertThat(HomematicDevice.reading(JsonValues.parse("{\"channel\": \"A:1\", \"datapoint\": \"X\", \"value\": null}")))
                .isEqualTo(JsonValues.parse("{\"A:1\": {\"X\": null}}"));
        assertThatThrownBy(() -> HomematicDevice.reading(JsonValues.parse("{\"channel\": \"A:1\", \"value\": 1}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channel, datapoint and value");
        assertThatThrownBy(() -> HomematicDevice.reading(JsonValues.parse("{\"channel\": \"A:1\", \"datapoint\": \"X\"}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HomematicDevice.reading(JsonValues.parse("[1, 2]"))).isInstanceOf(IllegalArgumentException.class);
    }
}
