package io.bemcom.api.live;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.bemcom.api.history.MessageTable;
import io.bemcom.api.history.MessagesStored;
import io.bemcom.api.history.StoredMessage;
import io.bemcom.api.json.Json;
import io.bemcom.protocol.Decoded;
import io.bemcom.protocol.JsonValues;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The payload of a live relay message ({@link LiveRelay}): one batch an instance has stored, as
 * stored, so that another instance pushes it exactly as if it had stored it itself.
 *
 * <pre>
 * {"v": 1, "e": 81723, "s": 42, "kind": "value",
 *  "msgs": [{"d": 12, "t": 1700000000000, "p": "21.5", "n": 21.5}, ...]}
 * </pre>
 * {@code v} the format version; {@code e} the publishing instance's epoch (a random number per
 * start of its relay) and {@code s} its sequence number, by which a copy the broker delivers twice
 * is recognised; {@code kind} the message kind; per message the datapoint id {@code d}, the
 * timestamp {@code t} (ms), the payload {@code p} as stored (its JSON text, as a string, so that it
 * arrives byte for byte) and, when stored, its float copy {@code n}.
 *
 * <p>Why here and not in message-protocol: this is not a BEMCom wire format. Only api-service
 * instances of one deployment (one version, one database) read it; it carries the service's stored
 * form ({@link StoredMessage}), not a protocol message, and no connector or controller ever sees
 * it. Its topic, like every topic name, is built by {@code io.bemcom.protocol.Topics#liveRelay}.
 */
public final class LiveRelayCodec {

    static final int VERSION = 1;

    /** A decoded relay message: who sent it (epoch, sequence number) and the batch. */
    public record Relayed(long epoch, long sequence, MessagesStored batch) {
    }

    private LiveRelayCodec() {
    }

    public static byte[] encode(MessagesStored batch, long epoch, long sequence) {
        ObjectNode root = Json.object();
        root.put("v", VERSION);
        root.put("e", epoch);
        root.put("s", sequence);
        root.put("kind", batch.table().column());
        ArrayNode messages = root.putArray("msgs");
        for (StoredMessage message : batch.messages()) {
            ObjectNode item = messages.addObject();
            item.put("d", message.datapointId());
            item.put("t", message.time());
            item.put("p", message.json());
            if (message.numeric() != null) {
                item.put("n", message.numeric());
            }
        }
        return Json.write(root).getBytes(StandardCharsets.UTF_8);
    }

    /** Decodes; a payload that is not such a message is invalid, naming the field (never throws). */
    public static Decoded<Relayed> decode(byte[] payload) {
        JsonNode root;
        try {
            root = JsonValues.parse(new String(payload, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return Decoded.invalid("", "not JSON");
        }
        if (root == null || !root.isObject()) {
            return Decoded.invalid("", "not a JSON object");
        }
        JsonNode version = root.get("v");
        if (version == null || !version.isIntegralNumber() || version.asLong() != VERSION) {
            return Decoded.invalid("v", "not format version " + VERSION);
        }
        if (!isLong(root.get("e"))) {
            return Decoded.invalid("e", "not an integer");
        }
        if (!isLong(root.get("s"))) {
            return Decoded.invalid("s", "not an integer");
        }
        MessageTable table = table(root.get("kind"));
        if (table == null) {
            return Decoded.invalid("kind", "not value, schedule or setpoint");
        }
        JsonNode list = root.get("msgs");
        if (list == null || !list.isArray()) {
            return Decoded.invalid("msgs", "not a list");
        }
        List<StoredMessage> messages = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String at = "msgs[" + i + "]";
            if (!item.isObject()) {
                return Decoded.invalid(at, "not an object");
            }
            if (!isLong(item.get("d"))) {
                return Decoded.invalid(at + ".d", "not an integer");
            }
            if (!isLong(item.get("t"))) {
                return Decoded.invalid(at + ".t", "not an integer");
            }
            JsonNode text = item.get("p");
            if (text == null || !text.isString()) {
                return Decoded.invalid(at + ".p", "not a string");
            }
            JsonNode numeric = item.get("n");
            if (numeric != null && !numeric.isNumber()) {
                return Decoded.invalid(at + ".n", "not a number");
            }
            messages.add(new StoredMessage(item.get("d").asLong(), item.get("t").asLong(), text.stringValue(),
                    numeric == null ? null : numeric.asDouble()));
        }
        return Decoded.valid(new Relayed(root.get("e").asLong(), root.get("s").asLong(),
                new MessagesStored(table, List.copyOf(messages))));
    }

    private static boolean isLong(JsonNode node) {
        return node != null && node.isIntegralNumber() && node.canConvertToLong();
    }

    private static MessageTable table(JsonNode kind) {
        if (kind == null || !kind.isString()) {
            return null;
        }
        for (MessageTable table : MessageTable.values()) {
            if (table.column().equals(kind.stringValue())) {
                return table;
            }
        }
        return null;
    }
}
