package io.bemcom.protocol;

/**
 * What a topic names: whose message of which kind, and for datapoint messages the datapoint id
 * (the api-service's id; {@code null} for the connector-level kinds).
 */
public record TopicAddress(String owner, MessageKind kind, String datapointId) {
}
