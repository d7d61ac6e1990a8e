package io.bemcom.connector.modbus;

/**
 * Order of the registers of a value that spans several registers (32- and 64-bit codes), set by
 * {@code MODBUS_LSRF_WORD_ORDER}.
 *
 * <p>The service reference: "If == "TRUE" (i.e. the string) will swap the registers of floats
 * before parsing. This allows data exchange with systems that follow the least significant
 * register first convention." We swap (reverse) the registers of every multi-register number,
 * integers included: the convention is the device's register order, not a property of floats,
 * and a device that sends its floats low register first does the same with its 32-bit
 * counters. Text ({@code s}) and single-register values are never touched; the byte order inside
 * each register still follows the format's prefix. So for a 32-bit value with bytes ABCD (A most
 * significant): {@code >} reads ABCD, {@code >} with LSRF reads CDAB, {@code <} reads DCBA and
 * {@code <} with LSRF reads BADC.
 */
public enum WordOrder {

    /** The default: registers in the order the format's byte order implies. */
    AS_FORMAT,

    /** {@code MODBUS_LSRF_WORD_ORDER=TRUE}: the registers of every multi-register number reversed. */
    LEAST_SIGNIFICANT_REGISTER_FIRST;

    public static final String ENV_VAR = "MODBUS_LSRF_WORD_ORDER";

    /** The connectors' flag rule: on only for exactly {@code TRUE}; unset or anything else is off. */
    public static WordOrder fromEnvironment(String value) {
        return "TRUE".equals(value) ? LEAST_SIGNIFICANT_REGISTER_FIRST : AS_FORMAT;
    }
}
