package io.bemcom.api.monitor;

import java.util.Locale;

/**
 * The monitor's topic filter: an MQTT filter when it holds {@code +} or {@code #}
 * ({@code connector-1/messages/+/value}, {@code connector-1/#}), otherwise a case-insensitive
 * substring of the topic; empty matches every topic.
 */
public record TopicFilter(String text) {

    public static TopicFilter of(String text) {
        return new TopicFilter(text == null ? "" : text.trim());
    }

    public boolean matches(String topic) {
        if (text.isEmpty()) {
            return true;
        }
        if (text.indexOf('+') < 0 && text.indexOf('#') < 0) {
            return topic.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
        }
        String[] filter = text.split("/", -1);
        String[] levels = topic.split("/", -1);
        for (int i = 0; i < filter.length; i++) {
            if (filter[i].equals("#")) {
                return true;
            }
            if (i >= levels.length) {
                return false;
            }
            if (!filter[i].equals("+") && !filter[i].equals(levels[i])) {
                return false;
            }
        }
        return filter.length == levels.length;
    }
}
