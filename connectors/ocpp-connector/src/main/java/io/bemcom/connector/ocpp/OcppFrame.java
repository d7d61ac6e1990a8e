package io.bemcom.connector.ocpp;

import io.bemcom.protocol.JsonValues;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OCPP-J RPC framework (OCPP-J 1.6, section 4): every WebSocket text message is a JSON array,
 * {@code [2, "<uniqueId>", "<Action>", {payload}]} (CALL), {@code [3, "<uniqueId>", {payload}]}
 * (CALLRESULT) or {@code [4, "<uniqueId>", "<errorCode>", "<errorDescription>", {details}]} (CALLERROR).
 */
sealed interface OcppFrame {

    int CALL = 2;
    int CALLRESULT = 3;
    int CALLERROR = 4;

    /** The id used in a CALLERROR for a message whose unique id cannot be read (as OCPP 2.0.1 does it). */
    String UNKNOWN_ID = "-1";

    String uniqueId();

    record Call(String uniqueId, String action, ObjectNode payload) implements OcppFrame {
    }

    record CallResult(String uniqueId, ObjectNode payload) implements OcppFrame {
    }

    record CallError(String uniqueId, String errorCode, String errorDescription, JsonNode details)
            implements OcppFrame {
    }

    /** A message that is no valid frame; {@code uniqueId} is {@link #UNKNOWN_ID} when it could not be read. */
    final class Malformed extends Exception {
        private final String uniqueId;
        private final boolean call;

        Malformed(String uniqueId, boolean call, String description) {
            super(description);
            this.uniqueId = uniqueId;
            this.call = call;
        }

        String uniqueId() {
            return uniqueId;
        }

        /** Whether the sender meant a CALL (or we cannot tell): only then does it get a CALLERROR. */
        boolean answerable() {
            return call;
        }
    }

    /** Reads one WebSocket text message. */
    static OcppFrame parse(String text) throws Malformed {
        JsonNode json;
        try {
            json = JsonValues.parse(text);
        } catch (RuntimeException e) {
            throw new Malformed(UNKNOWN_ID, true, "the message is no JSON");
        }
        if (json == null || !json.isArray() || json.size() < 3) {
            throw new Malformed(UNKNOWN_ID, true, "the message is no JSON array [messageTypeId, uniqueId, ...]");
        }
        JsonNode type = json.get(0);
        String uniqueId = json.get(1).isString() ? json.get(1).stringValue() : null;
        if (!type.isIntegralNumber() || type.intValue() < CALL || type.intValue() > CALLERROR) {
            throw new Malformed(uniqueId == null ? UNKNOWN_ID : uniqueId, true,
                    "the messageTypeId must be 2, 3 or 4, got " + type);
        }
        int messageType = type.intValue();
        if (uniqueId == null || uniqueId.isEmpty() || uniqueId.length() > 36) {
            throw new Malformed(UNKNOWN_ID, messageType == CALL, "the uniqueId must be a string of 1 to 36 characters");
        }
        switch (messageType) {
            case CALL:
                if (json.size() != 4 || !json.get(2).isString() || !json.get(3).isObject()) {
                    throw new Malformed(uniqueId, true, "a CALL is [2, uniqueId, \"Action\", {payload}]");
                }
                return new Call(uniqueId, json.get(2).stringValue(), (ObjectNode) json.get(3));
            case CALLRESULT:
                if (json.size() != 3 || !json.get(2).isObject()) {
                    throw new Malformed(uniqueId, false, "a CALLRESULT is [3, uniqueId, {payload}]");
                }
                return new CallResult(uniqueId, (ObjectNode) json.get(2));
            default:
                if (json.size() < 4 || !json.get(2).isString() || !json.get(3).isString()) {
                    throw new Malformed(uniqueId, false,
                            "a CALLERROR is [4, uniqueId, \"errorCode\", \"errorDescription\", {details}]");
                }
                return new CallError(uniqueId, json.get(2).stringValue(), json.get(3).stringValue(),
                        json.size() > 4 ? json.get(4) : JsonNodeFactory.instance.objectNode());
        }
    }

    /** The text of {@code [2, uniqueId, action, payload]}. */
    static String call(String uniqueId, String action, JsonNode payload) {
        ArrayNode frame = JsonNodeFactory.instance.arrayNode().add(CALL).add(uniqueId).add(action);
        frame.add(payload);
        return JsonValues.toJson(frame);
    }

    /** The text of {@code [3, uniqueId, payload]}. */
    static String result(String uniqueId, JsonNode payload) {
        ArrayNode frame = JsonNodeFactory.instance.arrayNode().add(CALLRESULT).add(uniqueId);
        frame.add(payload);
        return JsonValues.toJson(frame);
    }

    /** The text of {@code [4, uniqueId, errorCode, errorDescription, {}]}. */
    static String error(String uniqueId, String errorCode, String errorDescription) {
        ArrayNode frame = JsonNodeFactory.instance.arrayNode().add(CALLERROR).add(uniqueId).add(errorCode)
                .add(errorDescription);
        frame.add(JsonNodeFactory.instance.objectNode());
        return JsonValues.toJson(frame);
    }
}
