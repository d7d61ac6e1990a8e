package io.bemcom.api.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The monitor's memory bounds and topic filter, without a broker (the monitor is not started). */
class MqttMonitorLimitsTest {

    private static MqttMonitor monitor(int topics, int chars) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "MQTT_MONITOR_MAX_TOPICS", Integer.toString(topics), "MQTT_MONITOR_MAX_PAYLOAD_CHARS", Integer.toString(chars))));
        return new MqttMonitor(environment, new SimpleMeterRegistry());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void keepsAtMostTheConfiguredTopicsEvictingTheOneUpdatedLongestAgo() {
        MqttMonitor monitor = monitor(3, 100);
        monitor.record("a", bytes("1"), false, 1);
        monitor.record("b", bytes("1"), false, 2);
        monitor.record("c", bytes("1"), false, 3);
        monitor.record("a", bytes("2"), false, 4); // a is now the newest
        monitor.record("d", bytes("1"), false, 5); // evicts b
        assertThat(monitor.size()).isEqualTo(3);
        assertThat(monitor.evicted()).isEqualTo(1);
        assertThat(monitor.since(0, "").stream().map(MqttMonitor.LastMessage::topic)).containsExactly("a", "c", "d");
        MqttMonitor.LastMessage a = monitor.since(0, "a").get(0);
        assertThat(a.payload()).isEqualTo("2");
        assertThat(a.count()).isEqualTo(2);
    }

    @Test
    void cutsLongPayloads() {
        MqttMonitor monitor = monitor(10, 16);
        monitor.record("t", bytes("ä".repeat(5000)), true, 1);
        MqttMonitor.LastMessage last = monitor.since(0, "").get(0);
        assertThat(last.payload()).isEqualTo("ä".repeat(16));
        assertThat(last.truncated()).isTrue();
        assertThat(last.bytes()).isEqualTo(10_000);
        assertThat(last.retained()).isTrue();
    }

    @Test
    void returnsOnlyWhatChangedSinceASequenceNumber() {
        MqttMonitor monitor = monitor(10, 100);
        monitor.record("x/1", bytes("1"), false, 1);
        long seen = monitor.sequence();
        monitor.record("x/2", bytes("1"), false, 2);
        List<MqttMonitor.LastMessage> changed = monitor.since(seen, "");
        assertThat(changed).extracting(MqttMonitor.LastMessage::topic).containsExactly("x/2");
    }

    @Test
    void filtersByTextOrMqttFilter() {
        assertThat(TopicFilter.of("").matches("a/b")).isTrue();
        assertThat(TopicFilter.of("MESSAGES").matches("c/messages/1/value")).isTrue();
        assertThat(TopicFilter.of("c/messages/+/value").matches("c/messages/1/value")).isTrue();
        assertThat(TopicFilter.of("c/messages/+/value").matches("c/messages/1/setpoint")).isFalse();
        assertThat(TopicFilter.of("c/#").matches("c/heartbeat")).isTrue();
        assertThat(TopicFilter.of("c/#").matches("d/heartbeat")).isFalse();
        assertThat(TopicFilter.of("c/+").matches("c/a/b")).isFalse();
    }
}
