package io.bemcom.api.history;

import io.bemcom.api.json.PythonFloat;
import io.bemcom.protocol.JsonValues;
import tools.jackson.databind.JsonNode;

/**
 * One value, schedule or setpoint message as stored: the datapoint, the message timestamp (ms)
 * and the payload as JSON text (the value itself, or the schedule/setpoint list).
 *
 * @param numeric the value once more as a double when it is a finite number, or a text that is one
 *                ({@code "23"}), as the original keeps a float copy of every value Python's float()
 *                takes (for interval averages); {@code null} otherwise and for schedules/setpoints
 */
public record StoredMessage(long datapointId, long time, String json, Double numeric) {

    /** A value message: JSON text of {@code value}, plus its number when it is or holds one. */
    public static StoredMessage ofValue(long datapointId, long time, JsonNode value) {
        Double number = PythonFloat.of(value);
        Double numeric = number != null && Double.isFinite(number) ? number : null;
        return new StoredMessage(datapointId, time, JsonValues.toJson(value), numeric);
    }

    /** A schedule or setpoint message: JSON text of its item list (or {@code null}). */
    public static StoredMessage ofPayload(long datapointId, long time, JsonNode payload) {
        return new StoredMessage(datapointId, time, JsonValues.toJson(payload), null);
    }

    public JsonNode tree() {
        return JsonValues.parse(json);
    }
}
