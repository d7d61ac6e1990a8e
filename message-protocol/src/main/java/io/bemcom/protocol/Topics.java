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

    /**
     * Why {@code level} cannot be one level of a topic that is published to or subscribed, or
     * empty when it can: it must not be empty nor contain {@code /}, {@code +} or {@code #}, and
     * every character must pass {@link #characterProblem}.
     */
    public static Optional<String> levelProblem(String level) {
        if (level == null || level.isEmpty()) {
            return Optional.of("it is empty");
        }
        for (int i = 0; i < level.length(); i++) {
            char c = level.charAt(i);
            if (c == '/' || c == '+' || c == '#') {
                return Optional.of("it must not contain '" + c + "' (" + (c == '/' ? "it separates topic levels"
                        : "a wildcard of subscriptions") + ")");
            }
        }
        return characterProblem(level);
    }

    /**
     * Why {@code topic} cannot be published to, or empty when it can: no wildcards ({@code +},
     * {@code #}), at most {@value #MAX_TOPIC_BYTES} bytes in UTF-8, and every character must pass
     * {@link #characterProblem}. Empty levels ({@code a//b}) are allowed, as MQTT allows them.
     */
    public static Optional<String> topicProblem(String topic) {
        if (topic == null || topic.isEmpty()) {
            return Optional.of("it is empty");
        }
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            return Optional.of("it contains '+' or '#', the wildcards of subscriptions");
        }
        Optional<String> characters = characterProblem(topic);
        if (characters.isPresent()) {
            return characters;
        }
        if (topic.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_TOPIC_BYTES) {
            return Optional.of("it is longer than " + MAX_TOPIC_BYTES + " bytes");
        }
        return Optional.empty();
    }

    /** The longest topic MQTT can carry, in bytes of UTF-8. */
    public static final int MAX_TOPIC_BYTES = 65_535;

    /**
     * Why a character of {@code text} cannot be in a topic, or empty. MQTT refuses NUL and advises
     * against control characters (U+0001–U+001F, U+007F–U+009F), and a lone surrogate cannot be
     * encoded in UTF-8 at all. The broker client library (Paho 1.2.5) is stricter: it refuses every
     * surrogate, even valid pairs (characters beyond U+FFFF such as emoji), and every character from
     * U+FDD0 on, and it fails for good in its sending thread when it meets one. So a topic holds
     * only characters from U+0020 to U+FDCF other than U+007F–U+009F.
     */
    public static Optional<String> characterProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return Optional.of("it contains a NUL character");
            }
            if (Character.isISOControl(c)) {
                return Optional.of(String.format("it contains the control character U+%04X", (int) c));
            }
            if (Character.isSurrogate(c)) {
                return Optional.of(String.format("it contains U+%04X, a character beyond U+FFFF or half of one",
                        text.codePointAt(i)));
            }
            if (c >= '\uFDD0') {
                return Optional.of(String.format("it contains U+%04X (U+FDD0 and above are not allowed)", (int) c));
            }
        }
        return Optional.empty();
    }

    private static String requireName(String name) {
        Optional<String> problem = levelProblem(name);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("not a valid topic level (" + problem.get() + "): "
                    + JsonValues.toJson(JsonValues.of(name)));
        }
        return name;
    }
}
