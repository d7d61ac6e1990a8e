package io.bemcom.connector.modbus;

import tools.jackson.databind.JsonNode;

/** The state to send with write_coil (FC5) for an actuator value. */
public final class CoilValue {

    private CoilValue() {
    }

    /**
     * JSON {@code true}/{@code false} and the numbers 1/0 (what the original accepted), and also
     * the strings "true"/"false"/"1"/"0" in any case, which the original rejected although the
     * API relays values typed by users as strings. Anything else throws
     * {@link IllegalArgumentException} quoting the value.
     */
    public static boolean fromJson(JsonNode value) {
        return JsonInput.bool(value, "a coil");
    }
}
