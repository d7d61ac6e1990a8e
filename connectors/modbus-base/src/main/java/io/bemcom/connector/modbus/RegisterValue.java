package io.bemcom.connector.modbus;

/**
 * One decoded value and the Modbus address it is published under. {@code value} is a
 * {@link Long} (integer codes), {@link java.math.BigInteger} (uint64 above
 * {@link Long#MAX_VALUE}), {@link Double} (e, f, d, and every scaled value), {@link Boolean}
 * ({@code ?}) or {@link String} ({@code s}).
 */
public record RegisterValue(int address, Object value) {
}
