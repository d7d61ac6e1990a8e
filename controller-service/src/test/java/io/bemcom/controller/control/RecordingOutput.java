package io.bemcom.controller.control;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.bemcom.protocol.ValueMessage;
import tools.jackson.databind.JsonNode;

/** Remembers what the engine sends, like the original tests' {@code last_msgs}. */
final class RecordingOutput implements ActuatorOutput {

    record Sent(String topic, ValueMessage message) {
    }

    final List<Sent> sent = new CopyOnWriteArrayList<>();
    volatile boolean failing;

    @Override
    public boolean send(String actuatorValueTopic, ValueMessage value) {
        if (failing) {
            return false;
        }
        sent.add(new Sent(actuatorValueTopic, value));
        return true;
    }

    List<JsonNode> valuesSentTo(String topic) {
        return sent.stream().filter(s -> s.topic().equals(topic)).map(s -> s.message().value()).toList();
    }

    JsonNode lastSentTo(String topic) {
        List<JsonNode> values = valuesSentTo(topic);
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }
}
