package io.bemcom.connector.knx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.bemcom.protocol.JsonValues;
import io.calimero.GroupAddress;

/** The raw message of a telegram, in the original's form, both ways. */
class TelegramTest {

    @Test
    void writesTheOriginalsRawMessage() throws Exception {
        Telegram telegram = new Telegram(new GroupAddress("8/3/0"), "1.1.30", new byte[] { 1 }, true,
                LocalDateTime.parse("2022-05-31T20:34:41.262847"));

        // The original's test_main.py telegram as its raw message (connector notes 4.5.2).
        assertThat(JsonValues.toJson(telegram.toRawMessage())).isEqualTo("{\"destination_address\":\"8/3/0\","
                + "\"direction\":\"Incoming\",\"payload_value_value\":1,\"source_address\":\"1.1.30\","
                + "\"timestamp\":\"2022-05-31T20:34:41.262847\"}");
    }

    @Test
    void writesBytesAsAnArrayMainMiddleSubAndWholeSecondsAsPythonDoes() throws Exception {
        Telegram telegram = new Telegram(new GroupAddress("2/1234"), "1.1.30", new byte[] { 7, (byte) 137 }, false,
                LocalDateTime.parse("2022-05-31T20:34:41"));

        assertThat(JsonValues.toJson(telegram.toRawMessage())).isEqualTo("{\"destination_address\":\"2/4/210\","
                + "\"direction\":\"Incoming\",\"payload_value_value\":[7,137],\"source_address\":\"1.1.30\","
                + "\"timestamp\":\"2022-05-31T20:34:41\"}");
    }

    @Test
    void readsARawMessageTheOriginalStored() throws Exception {
        Telegram bit = Telegram.fromRawMessage(JsonValues.parse("""
                {"destination_address": "8/3/0", "direction": "Incoming", "payload_value_value": 1,
                 "source_address": "1.1.30", "timestamp": "2022-05-31T20:34:41.262847"}"""));
        Telegram bytes = Telegram.fromRawMessage(JsonValues.parse("""
                {"destination_address": "8/3/1", "direction": "Incoming", "payload_value_value": [7, 137],
                 "source_address": "1.1.30", "timestamp": "2022-05-31T20:34:41.262847"}"""));

        assertThat(bit.destination()).isEqualTo(new GroupAddress("8/3/0"));
        assertThat(bit.sixBits()).isTrue();
        assertThat(bit.data()).containsExactly(1);
        assertThat(bit.source()).isEqualTo("1.1.30");
        assertThat(bytes.sixBits()).isFalse();
        assertThat(bytes.data()).containsExactly(7, 137);
        assertThat(DatapointType.of("DPST-9-1").orElseThrow().decode(bytes.data())).isEqualTo(JsonValues.of(19.29));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"8/3/0\"",
            "{\"payload_value_value\": 1}",
            "{\"destination_address\": \"kitchen\", \"payload_value_value\": 1}",
            "{\"destination_address\": \"8/3/0\"}",
            "{\"destination_address\": \"8/3/0\", \"payload_value_value\": 64}",
            "{\"destination_address\": \"8/3/0\", \"payload_value_value\": [7, 256]}",
            "{\"destination_address\": \"8/3/0\", \"payload_value_value\": \"b'\\\\x07'\"}",
    })
    void refusesRawMessagesThatHoldNoTelegram(String raw) {
        assertThatThrownBy(() -> Telegram.fromRawMessage(JsonValues.parse(raw)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
