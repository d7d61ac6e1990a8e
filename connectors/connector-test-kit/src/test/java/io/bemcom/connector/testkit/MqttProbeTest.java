package io.bemcom.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.bemcom.protocol.DatapointMapMessage;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.Topics;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;

class MqttProbeTest {

    private final TestBroker broker = TestBrokers.shared();
    private final String name = TestNames.unique("probe");

    @Test
    void mapsEverySensorAndActuatorToAValueTopicOfItsOwn() {
        try (MqttProbe probe = MqttProbe.connect(broker)) {
            Recorded<DatapointMapMessage> maps = probe.record(Topics.datapointMap(name),
                    MessageCodec::decodeDatapointMap);

            Map<String, String> topics = probe.mapDatapoints(name, List.of("a__b", "c"), List.of("d"));

            assertThat(topics).containsExactly(Map.entry("a__b", Topics.value(name, 1)),
                    Map.entry("c", Topics.value(name, 2)), Map.entry("d", Topics.value(name, 3)));
            DatapointMapMessage map = maps.awaitOn(Topics.datapointMap(name), Duration.ofSeconds(15)).message();
            assertThat(map.sensor()).containsExactly(Map.entry("a__b", Topics.value(name, 1)),
                    Map.entry("c", Topics.value(name, 2)));
            assertThat(map.actuator()).containsExactly(Map.entry(Topics.value(name, 3), "d"));
            probe.clearRetained(Topics.datapointMap(name));
        }
    }
}
