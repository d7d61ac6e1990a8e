package io.bemcom.protocol;

/**
 * Why a payload is not a valid message.
 *
 * @param field  the offending key as a path ({@code setpoint[0].preferred_value}); empty when the
 *               payload as a whole is wrong (not JSON, empty)
 * @param reason what is wrong with it, in words
 */
public record DecodeError(String field, String reason) {

    /** A short machine-friendly classification for metrics tags. */
    public String category() {
        return field.isEmpty() ? "malformed_json" : "invalid_field";
    }

    @Override
    public String toString() {
        return field.isEmpty() ? reason : "'" + field + "': " + reason;
    }
}
