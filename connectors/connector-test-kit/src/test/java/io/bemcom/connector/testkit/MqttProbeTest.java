package io.bemcom.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.bemcom.protocol.DatapointMapMessage;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;

/** The probe's helpers for connector tests: a datapoint map, commands, sending until something shows. */
class MqttProbeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final TestBroker broker = TestBrokers.shared();
    private final String name = TestNames.unique("probe");
    private final MqttProbe probe = MqttProbe.connect(broker);

    @AfterEach
    void stop() {
        probe.clearRetained(Topics.datapointMap(name));
        probe.close();
    }

    @Test
    void mapsSensorsAndThenActuatorsToNumberedValueTopics() {
        Recorded<DatapointMapMessage> maps = probe.record(Topics.datapointMap(name), MessageCodec::decodeDatapointMap);

        DatapointTopics topics = probe.mapDatapoints(name, List.of("a__temperature", "b__humidity"), List.of("a__setpoint"));

        DatapointMapMessage published = maps.awaitCount(1, WAIT).get(0).message();
        assertThat(published.sensor()).isEqualTo(Map.of("a__temperature", name + "/messages/1/value",
                "b__humidity", name + "/messages/2/value"));
        assertThat(published.actuator()).isEqualTo(Map.of(name + "/messages/3/value", "a__setpoint"));
        assertThat(topics.sensor("b__humidity")).isEqualTo(name + "/messages/2/value");
        assertThat(topics.actuator("a__setpoint")).isEqualTo(name + "/messages/3/value");
        assertThatThrownBy(() -> topics.actuator("a__temperature")).hasMessageContaining("no actuator 'a__temperature'");
        assertThat(topics.of("a__temperature")).isEqualTo(name + "/messages/1/value");
        assertThat(topics.of("a__setpoint")).isEqualTo(name + "/messages/3/value");
    }

    @Test
    void anIdThatIsSensorAndActuatorHasATopicForEachAndMustSayWhichItMeans() {
        DatapointTopics topics = probe.mapDatapoints(name, List.of("setpoint"), List.of("setpoint"));

        assertThat(topics.sensor("setpoint")).isEqualTo(name + "/messages/1/value");
        assertThat(topics.actuator("setpoint")).isEqualTo(name + "/messages/2/value");
        assertThatThrownBy(() -> topics.of("setpoint")).hasMessageContaining("a sensor and an actuator");
    }

    @Test
    void sendsUntilWhatItWaitsForShowsAndSendsCommandsAsValueMessages() {
        String topic = Topics.value(name, 1);
        Recorded<ValueMessage> values = probe.record(topic, MessageCodec::decodeValue);
        AtomicInteger sends = new AtomicInteger();

        ValueMessage third = values.awaitSending(() -> probe.command(topic, JsonValues.of(sends.incrementAndGet())),
                message -> message.message().value().intValue() == 3, WAIT).message();

        assertThat(third.timestamp()).isPositive();
        assertThat(sends.get()).isGreaterThanOrEqualTo(3);
    }
}
