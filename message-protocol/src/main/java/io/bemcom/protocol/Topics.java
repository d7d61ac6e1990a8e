package io.bemcom.protocol;

import java.util.Optional;


/**
 * The one place where BEMCom topic names are built and parsed.
 *
 * <pre>
 * &lt;connector&gt;/logs | heartbeat | available_datapoints | datapoint_map | raw_message_to_db
 * &lt;connector&gt;/messages/&lt;datapoint id&gt;/value | setpoint | schedule
 * &lt;controller&gt;/controlled_datapoints
 * </pre>
 */
public final class Topics {

    private static final String MESSAGES = "messages";

    private Topics() {
    }

    public static String logs(String connector) {
        return connectorTopic(connector, MessageKind.LOGS);
    }

    public static String heartbeat(String connector) {
        return connectorTopic(connector, MessageKind.HEARTBEAT);
    }

    public static String availableDatapoints(String connector) {
        return connectorTopic(connector, MessageKind.AVAILABLE_DATAPOINTS);
    }

    public static String datapointMap(String connector) {
        return connectorTopic(connector, MessageKind.DATAPOINT_MAP);
    }

    /**
     * Ours (issue 20): the api-service's raised alerts (stale datapoints, overdue heartbeats), one
     * retained JSON message {@code {"alerts": [...]}}; not a connector topic.
     */
    public static String alerts() {
        return "bemcom/alerts";
    }

    /** Ours (issue 20): the default first levels of the api-service's live relay topics. */
    public static final String LIVE_RELAY_PREFIX = "bemcom/live";

    /**
     * Ours (issue 20): where an api-service instance of a shared-ingestion group relays the batches
     * it stored to the other instances' live push, {@code <prefix>/<group>/<instance>} (the
     * instance is its MQTT client id). Not a connector topic; the payload is the api-service's own
     * format (its {@code live.LiveRelayCodec}).
     *
     * @param prefix a topic without wildcards, e.g. {@link #LIVE_RELAY_PREFIX}
     * @throws IllegalArgumentException when group or instance is not one topic level
     */
    public static String liveRelay(String prefix, String group, String instance) {
        return requireTopic(prefix) + "/" + requireName(group) + "/" + requireName(instance);
    }

    /** Ours (issue 20): the filter of every instance's relay topic in {@code group}, {@code <prefix>/<group>/+}. */
    public static String liveRelayFilter(String prefix, String group) {
        return requireTopic(prefix) + "/" + requireName(group) + "/+";
    }

    public static String rawMessageToDb(String connector) {
        return connectorTopic(connector, MessageKind.RAW_MESSAGE_TO_DB);
    }

    public static String controlledDatapoints(String controller) {
        return connectorTopic(controller, MessageKind.CONTROLLED_DATAPOINTS);
    }

    public static String value(String connector, Object datapointId) {
        return datapointTopic(connector, datapointId, MessageKind.VALUE);
    }

    public static String setpoint(String connector, Object datapointId) {
        return datapointTopic(connector, datapointId, MessageKind.SETPOINT);
    }

    public static String schedule(String connector, Object datapointId) {
        return datapointTopic(connector, datapointId, MessageKind.SCHEDULE);
    }

    /** The topic of a connector-level kind (logs, heartbeat, ...) for {@code owner}. */
    public static String connectorTopic(String owner, MessageKind kind) {
        if (isDatapointKind(kind)) {
            throw new IllegalArgumentException(kind + " topics need a datapoint id");
        }
        return requireName(owner) + "/" + kind.topicSegment();
    }

    /** {@code <connector>/messages/<datapointId>/<value|setpoint|schedule>}. */
    public static String datapointTopic(String connector, Object datapointId, MessageKind kind) {
        if (!isDatapointKind(kind)) {
            throw new IllegalArgumentException(kind + " is not a datapoint message kind");
        }
        return requireName(connector) + "/" + MESSAGES + "/" + requireName(String.valueOf(datapointId)) + "/"
                + kind.topicSegment();
    }

    /** A subscription filter for one kind of every connector, e.g. {@code +/heartbeat}. */
    public static String everyConnector(MessageKind kind) {
        return isDatapointKind(kind) ? "+/" + MESSAGES + "/+/" + kind.topicSegment() : "+/" + kind.topicSegment();
    }

    /** Reads a topic back into its parts; empty for topics that are not BEMCom topics. */
    public static Optional<TopicAddress> parse(String topic) {
        if (topic == null) {
            return Optional.empty();
        }
        String[] parts = topic.split("/", -1);
        if (parts.length == 2 && !parts[0].isEmpty()) {
            return kindOf(parts[1]).filter(kind -> !isDatapointKind(kind))
                    .map(kind -> new TopicAddress(parts[0], kind, null));
        }
        if (parts.length == 4 && !parts[0].isEmpty() && MESSAGES.equals(parts[1]) && !parts[2].isEmpty()) {
            return kindOf(parts[3]).filter(Topics::isDatapointKind)
                    .map(kind -> new TopicAddress(parts[0], kind, parts[2]));
        }
        return Optional.empty();
    }

    /** The kind a topic carries, if it is a BEMCom topic. */
    public static Optional<MessageKind> kindOf(String topicOrSegment) {
        String segment = topicOrSegment.substring(topicOrSegment.lastIndexOf('/') + 1);
        for (MessageKind kind : MessageKind.values()) {
            if (kind.topicSegment().equals(segment)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    public static boolean isDatapointKind(MessageKind kind) {
        return kind == MessageKind.VALUE || kind == MessageKind.SETPOINT || kind == MessageKind.SCHEDULE;
    }

    private static String requireTopic(String topic) {
        Optional<String> problem = TopicRules.topicNameProblem(topic);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("not a valid topic (" + problem.get() + "): "
                    + JsonValues.toJson(JsonValues.of(topic)));
        }
        return topic;
    }

    private static String requireName(String name) {
        Optional<String> problem = TopicRules.levelProblem(name);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("not a valid topic level (" + problem.get() + "): "
                    + JsonValues.toJson(JsonValues.of(name)));
        }
        return name;
    }
}
