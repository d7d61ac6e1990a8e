package io.bemcom.protocol;

/**
 * A log record a connector forwards to {@code <connector>/logs}.
 *
 * @param timestamp milliseconds since the epoch (UTC)
 * @param msg       the formatted log message
 * @param emitter   what logged it (the original sends a Python function name); may be {@code null}
 * @param level     Python's numeric levels: 10 DEBUG, 20 INFO, 30 WARNING, 40 ERROR, 50 CRITICAL
 */
public record LogMessage(long timestamp, String msg, String emitter, int level) implements BemcomMessage {

    public static final int DEBUG = 10;
    public static final int INFO = 20;
    public static final int WARNING = 30;
    public static final int ERROR = 40;
    public static final int CRITICAL = 50;

    public LogMessage {
        msg = msg == null ? "" : msg;
    }
}
