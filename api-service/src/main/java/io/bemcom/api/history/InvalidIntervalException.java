package io.bemcom.api.history;

/** An {@code interval} the database cannot bucket by. */
public class InvalidIntervalException extends RuntimeException {

    public InvalidIntervalException(String interval, Throwable cause) {
        super("invalid interval '" + interval + "'", cause);
    }
}
