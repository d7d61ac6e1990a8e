package io.bemcom.api.deadletter;

/**
 * A message from the broker that can never be stored (the database refuses it), kept for
 * operators instead of blocking ingestion.
 *
 * @param topic    the topic it came on
 * @param kind     its kind ({@code value}, {@code logs}, {@code available_datapoints}, ...)
 * @param payload  the message as JSON
 * @param reason   why it could not be stored, in the database's words
 * @param failedAt when it was set aside (ms since the epoch, UTC)
 */
public record DeadLetter(long id, String topic, String kind, String payload, String reason, long failedAt) {
}
