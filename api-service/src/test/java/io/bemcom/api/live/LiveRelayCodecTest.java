package io.bemcom.api.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.bemcom.api.history.MessageTable;
import io.bemcom.api.history.MessagesStored;
import io.bemcom.api.history.StoredMessage;
import io.bemcom.protocol.Decoded;
import io.bemcom.protocol.JsonValues;

/** The live relay's payload: a stored batch arrives as stored; anything else is invalid, never an exception. */
class LiveRelayCodecTest {

    @Test
    void aStoredBatchArrivesAsStored() {
        MessagesStored batch = new MessagesStored(MessageTable.VALUE, List.of(
                StoredMessage.ofValue(12, 1_700_000_000_000L, JsonValues.parse("21.50")),
                StoredMessage.ofValue(12, -1, JsonValues.parse("\"23\"")),
                StoredMessage.ofValue(13, 1_700_000_000_001L, JsonValues.parse("{\"a\": [1, \"\\u00e4\\ud83d\\ude00\"]}")),
                StoredMessage.ofValue(14, Long.MAX_VALUE, JsonValues.parse("\"\\ud800 lone\"")),
                StoredMessage.ofValue(15, 0, JsonValues.parse("null"))));

        Decoded<LiveRelayCodec.Relayed> decoded = LiveRelayCodec.decode(LiveRelayCodec.encode(batch, 77, 3));

        assertThat(decoded.isValid()).as(String.valueOf(decoded.error())).isTrue();
        assertThat(decoded.message().epoch()).isEqualTo(77);
        assertThat(decoded.message().sequence()).isEqualTo(3);
        assertThat(decoded.message().batch()).isEqualTo(batch);
    }

    @Test
    void schedulesAndSetpointsKeepTheirKind() {
        MessagesStored batch = new MessagesStored(MessageTable.SETPOINT, List.of(StoredMessage.ofPayload(5, 1,
                JsonValues.parse("[{\"from_timestamp\": null, \"to_timestamp\": null, \"preferred_value\": 21}]"))));
        assertThat(LiveRelayCodec.decode(LiveRelayCodec.encode(batch, 1, 1)).message().batch()).isEqualTo(batch);
    }

    @Test
    void whatIsNotARelayMessageIsInvalidAndNamesTheField() {
        assertThat(invalid("")).isEqualTo("");
        assertThat(invalid("not json")).isEqualTo("");
        assertThat(invalid("[1]")).isEqualTo("");
        assertThat(invalid("{\"v\": 2, \"e\": 1, \"s\": 1, \"kind\": \"value\", \"msgs\": []}")).isEqualTo("v");
        assertThat(invalid("{\"v\": 1, \"e\": \"x\", \"s\": 1, \"kind\": \"value\", \"msgs\": []}")).isEqualTo("e");
        assertThat(invalid("{\"v\": 1, \"e\": 1, \"s\": 1.5, \"kind\": \"value\", \"msgs\": []}")).isEqualTo("s");
        assertThat(invalid("{\"v\": 1, \"e\": 1, \"s\": 1, \"kind\": \"logs\", \"msgs\": []}")).isEqualTo("kind");
        assertThat(invalid("{\"v\": 1, \"e\": 1, \"s\": 1, \"kind\": \"value\", \"msgs\": {}}")).isEqualTo("msgs");
        assertThat(invalid("{\"v\": 1, \"e\": 1, \"s\": 1, \"kind\": \"value\", \"msgs\": [{\"d\": 1, \"t\": 2}]}"))
                .isEqualTo("msgs[0].p");
        assertThat(invalid("{\"v\": 1, \"e\": 1, \"s\": 1, \"kind\": \"value\", \"msgs\": [{\"d\": 1e30, \"t\": 2, "
                + "\"p\": \"1\"}]}")).isEqualTo("msgs[0].d");
        assertThat(LiveRelayCodec.decode(new byte[] {(byte) 0xff, 0, (byte) 0xfe}).isValid()).isFalse();
    }

    private static String invalid(String payload) {
        Decoded<LiveRelayCodec.Relayed> decoded = LiveRelayCodec.decode(payload.getBytes(StandardCharsets.UTF_8));
        assertThat(decoded.isValid()).as(payload).isFalse();
        return decoded.error().field();
    }
}
