package io.bemcom.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a topic name or filter must be before the broker client hands it to Paho. A topic that
 * Paho cannot encode does not fail in {@code publish}: it fails later in Paho's send thread, which
 * then drops the connection, and a persistent session sends the same message again after every
 * reconnect. So the client checks first and refuses.
 *
 * <p>The rules are MQTT 3.1.1's (section 1.5.3 and 4.7): well-formed UTF-8 of 1 to 65,535 bytes, no
 * U+0000, wildcards ({@code +}, {@code #}) only in filters and only as whole levels, {@code #} only
 * last. Plus what Paho 1.2.5's encoder refuses ({@code MqttWireMessage.validateUTF8String}): control
 * characters U+0001-U+001F and U+007F-U+009F (MQTT says "should not"), every character from
 * U+FDD0 up to U+FFFF, and every character outside the Basic Multilingual Plane (e.g. emoji: Paho
 * takes a valid surrogate pair for a bad one).
 */
public final class TopicRules {

    /** The longest topic MQTT can carry: a two-byte length prefix. */
    public static final int MAX_TOPIC_BYTES = 65_535;

    private static final String SHARE_PREFIX = "$share/";

    private TopicRules() {
    }

    /** Why {@code topic} cannot be published to; empty when it can. */
    public static Optional<String> topicNameProblem(String topic) {
        Optional<String> text = textProblem(topic);
        if (text.isPresent()) {
            return text;
        }
        int wildcard = indexOfWildcard(topic);
        if (wildcard >= 0) {
            return Optional.of("a topic to publish to must not contain the wildcard '" + topic.charAt(wildcard)
                    + "' (at index " + wildcard + ")");
        }
        return Optional.empty();
    }

    /**
     * Why {@code level} cannot be one level of a topic (a connector's or a controller's name), or
     * empty when it can: the rules of {@link #textProblem}, and no {@code /}, {@code +} or {@code #}.
     */
    public static Optional<String> levelProblem(String level) {
        Optional<String> text = textProblem(level);
        if (text.isPresent()) {
            return text;
        }
        for (int i = 0; i < level.length(); i++) {
            char c = level.charAt(i);
            if (c == '/' || c == '+' || c == '#') {
                return Optional.of("it must not contain '" + c + "' (" + (c == '/' ? "it separates topic levels"
                        : "a wildcard of subscriptions") + ")");
            }
        }
        return Optional.empty();
    }

    /**
     * Why {@code filter} cannot be subscribed to; empty when it can. Wildcards as whole levels and a
     * shared subscription prefix {@code $share/<group>/} are allowed.
     */
    public static Optional<String> topicFilterProblem(String filter) {
        Optional<String> text = textProblem(filter);
        if (text.isPresent()) {
            return text;
        }
        String match = filter;
        if (filter.startsWith(SHARE_PREFIX)) {
            int groupEnd = filter.indexOf('/', SHARE_PREFIX.length());
            if (groupEnd <= SHARE_PREFIX.length() || groupEnd == filter.length() - 1) {
                return Optional.of("a shared subscription needs a group and a filter: $share/<group>/<filter>");
            }
            String group = filter.substring(SHARE_PREFIX.length(), groupEnd);
            if (indexOfWildcard(group) >= 0) {
                return Optional.of("the group of a shared subscription must not contain '+' or '#'");
            }
            match = filter.substring(groupEnd + 1);
        }
        String[] levels = match.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                return Optional.of("'#' must be a whole level and the last one");
            }
            if (level.contains("+") && !level.equals("+")) {
                return Optional.of("'+' must be a whole level");
            }
        }
        return Optional.empty();
    }

    /**
     * Why {@code text} cannot be an MQTT string for Paho (topic, filter or client id): empty when it
     * can. Length and characters only, no wildcard rules.
     */
    public static Optional<String> textProblem(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.of("it is empty");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return Optional.of("it contains U+0000 (NUL) at index " + i);
            }
            if (Character.isISOControl(c)) {
                return Optional.of(String.format("it contains the control character U+%04X at index %d", (int) c, i));
            }
            if (Character.isSurrogate(c)) {
                boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                return Optional.of(pair
                        ? String.format("it contains U+%X at index %d, outside the Basic Multilingual Plane, which "
                                + "the MQTT client (Paho 1.2.5) cannot encode", text.codePointAt(i), i)
                        : "it contains a lone surrogate at index " + i + " (not well-formed UTF-8)");
            }
            if (c >= 0xFDD0) {
                return Optional.of(String.format("it contains U+%04X at index %d; the MQTT client (Paho 1.2.5) cannot "
                        + "encode characters from U+FDD0 to U+FFFF", (int) c, i));
            }
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_TOPIC_BYTES) {
            return Optional.of("it is " + bytes + " bytes long in UTF-8; MQTT allows at most " + MAX_TOPIC_BYTES);
        }
        return Optional.empty();
    }

    private static int indexOfWildcard(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+' || c == '#') {
                return i;
            }
        }
        return -1;
    }
}
