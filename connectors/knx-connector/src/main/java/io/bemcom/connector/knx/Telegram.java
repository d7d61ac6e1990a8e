package io.bemcom.connector.knx;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.calimero.GroupAddress;
import io.calimero.KNXFormatException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A group value telegram (write or response) as the raw message holds it, in the original's form
 * (its JSON rendering of an xknx telegram):
 * <pre>
 * {"destination_address": "8/3/0", "direction": "Incoming", "payload_value_value": 1,
 *  "source_address": "1.1.30", "timestamp": "2022-05-31T20:34:41.262847"}
 * </pre>
 * {@code payload_value_value} is a number for a value of at most 6 bits (carried in the application
 * header: DPT 1, 2, 3) and an array of byte values otherwise ({@code [7, 137]}); the destination is
 * written main/middle/sub; the timestamp is local time without zone.
 *
 * @param destination the group address the telegram was sent to
 * @param source      the sender's individual address, e.g. {@code 1.1.30}
 * @param data        the value: its bytes, or one byte holding a 6-bit value
 * @param sixBits     whether the value travelled in the application header
 * @param received    when it arrived, local time
 */
record Telegram(GroupAddress destination, String source, byte[] data, boolean sixBits, LocalDateTime received) {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);

    JsonNode toRawMessage() {
        ObjectNode raw = JsonNodeFactory.instance.objectNode();
        raw.put("destination_address", threeLevel(destination));
        raw.put("direction", "Incoming");
        if (sixBits) {
            raw.put("payload_value_value", data[0] & 0x3F);
        } else {
            ArrayNode bytes = raw.putArray("payload_value_value");
            for (byte b : data) {
                bytes.add(b & 0xFF);
            }
        }
        raw.put("source_address", source);
        raw.put("timestamp", pythonIsoFormat(received));
        return raw;
    }

    /**
     * The telegram a raw message holds (also one stored by the original connector).
     *
     * @throws IllegalArgumentException when the raw message is not one
     */
    static Telegram fromRawMessage(JsonNode raw) {
        if (raw == null || !raw.isObject()) {
            throw new IllegalArgumentException("the raw message is no telegram object: " + raw);
        }
        JsonNode destination = raw.get("destination_address");
        if (destination == null || !destination.isString()) {
            throw new IllegalArgumentException("the raw message has no destination_address: " + raw);
        }
        GroupAddress address;
        try {
            address = new GroupAddress(destination.stringValue());
        } catch (KNXFormatException | RuntimeException e) {
            throw new IllegalArgumentException("'" + destination.stringValue() + "' is no group address");
        }
        JsonNode value = raw.get("payload_value_value");
        JsonNode source = raw.get("source_address");
        String sender = source == null || !source.isString() ? "" : source.stringValue();
        if (value != null && value.isIntegralNumber() && value.asInt() >= 0 && value.asInt() <= 0x3F) {
            return new Telegram(address, sender, new byte[] { (byte) value.asInt() }, true, null);
        }
        if (value != null && value.isArray()) {
            byte[] data = new byte[value.size()];
            for (int i = 0; i < data.length; i++) {
                JsonNode b = value.get(i);
                if (!b.isIntegralNumber() || b.asInt() < 0 || b.asInt() > 255) {
                    throw new IllegalArgumentException("payload_value_value must hold bytes (0-255), got " + value);
                }
                data[i] = (byte) b.asInt();
            }
            return new Telegram(address, sender, data, false, null);
        }
        throw new IllegalArgumentException("payload_value_value must be a 6-bit number (0-63) or an array of bytes,"
                + " got " + value);
    }

    /** {@code main/middle/sub}, as xknx writes a group address whatever notation configured it. */
    static String threeLevel(GroupAddress address) {
        int raw = address.getRawAddress();
        return ((raw >>> 11) & 0x1F) + "/" + ((raw >>> 8) & 0x07) + "/" + (raw & 0xFF);
    }

    /** Python's {@code datetime.isoformat()}: microseconds, left out when zero. */
    private static String pythonIsoFormat(LocalDateTime time) {
        int micros = time.getNano() / 1_000;
        return micros == 0 ? SECONDS.format(time) : SECONDS.format(time) + String.format(Locale.ROOT, ".%06d", micros);
    }
}
