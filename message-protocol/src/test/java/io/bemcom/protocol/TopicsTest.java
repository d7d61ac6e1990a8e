package io.bemcom.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void buildsTheConnectorTopics() {
        assertThat(Topics.logs("modbus-tcp-connector")).isEqualTo("modbus-tcp-connector/logs");
        assertThat(Topics.heartbeat("c")).isEqualTo("c/heartbeat");
        assertThat(Topics.availableDatapoints("c")).isEqualTo("c/available_datapoints");
        assertThat(Topics.datapointMap("c")).isEqualTo("c/datapoint_map");
        assertThat(Topics.rawMessageToDb("c")).isEqualTo("c/raw_message_to_db");
        assertThat(Topics.controlledDatapoints("python-controller")).isEqualTo("python-controller/controlled_datapoints");
    }

    @Test
    void buildsTheDatapointTopics() {
        assertThat(Topics.value("c", 17)).isEqualTo("c/messages/17/value");
        assertThat(Topics.setpoint("c", "17")).isEqualTo("c/messages/17/setpoint");
        assertThat(Topics.schedule("c", 17L)).isEqualTo("c/messages/17/schedule");
    }

    @Test
    void buildsTheLiveRelayTopicsOfTheApiService() {
        assertThat(Topics.liveRelay(Topics.LIVE_RELAY_PREFIX, "api", "api-1")).isEqualTo("bemcom/live/api/api-1");
        assertThat(Topics.liveRelayFilter("site/live", "api")).isEqualTo("site/live/api/+");
        assertThat(Topics.parse(Topics.liveRelay(Topics.LIVE_RELAY_PREFIX, "api", "api-1"))).isEmpty();
        assertThatThrownBy(() -> Topics.liveRelay("bemcom/live", "api", "a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topics.liveRelayFilter("bemcom/#", "api")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesTopicsBackIntoTheirParts() {
        assertThat(Topics.parse("c/messages/17/value"))
                .contains(new TopicAddress("c", MessageKind.VALUE, "17"));
        assertThat(Topics.parse("c/heartbeat")).contains(new TopicAddress("c", MessageKind.HEARTBEAT, null));
        assertThat(Topics.parse("c/messages/17/heartbeat")).isEmpty();
        assertThat(Topics.parse("c/value")).isEmpty();
        assertThat(Topics.parse("c/something")).isEmpty();
        assertThat(Topics.parse("a/b/c")).isEmpty();
    }

    @Test
    void buildsWildcardFiltersForEveryConnector() {
        assertThat(Topics.everyConnector(MessageKind.HEARTBEAT)).isEqualTo("+/heartbeat");
        assertThat(Topics.everyConnector(MessageKind.RAW_MESSAGE_TO_DB)).isEqualTo("+/raw_message_to_db");
        assertThat(Topics.everyConnector(MessageKind.VALUE)).isEqualTo("+/messages/+/value");
    }

    @Test
    void refusesNamesThatWouldBreakTheTopicStructure() {
        assertThatThrownBy(() -> Topics.heartbeat("a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topics.value("c", "+")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topics.heartbeat("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesLevelsWithCharactersThatWouldBreakTheBrokerConnection() {
        for (String bad : new String[] {"tab\there", "nul\u0000", "cr\r", "del\u007f", "c1\u0085", "lone\ud800",
                "low\udc00", "emoji\ud83d\ude00", "bom\ufeff", "nonchar\ufdd0", "fullwidth\uff21"}) {
            assertThat(TopicRules.levelProblem(bad)).as(bad).isPresent();
            assertThatThrownBy(() -> Topics.heartbeat(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(TopicRules.levelProblem("a/b")).hasValueSatisfying(problem -> assertThat(problem).contains("'/'"));
        assertThat(TopicRules.levelProblem("tab\there")).contains("it contains the control character U+0009 at index 3");
        assertThat(TopicRules.levelProblem("emoji\ud83d\ude00")).hasValueSatisfying(p -> assertThat(p).contains("U+1F600"));
    }

    @Test
    void acceptsOrdinaryNamesInAnyScriptOfTheBasicPlane() {
        for (String good : new String[] {"modbus-tcp-connector", "Zähler 1", "温度", "a.b_c:d", "ü€"}) {
            assertThat(TopicRules.levelProblem(good)).as(good).isEmpty();
        }
    }

    @Test
    void checksWholeTopicsToPublishTo() {
        assertThat(TopicRules.topicNameProblem("ctrl/controlled_datapoints")).isEmpty();
        assertThat(TopicRules.topicNameProblem("a//b")).isEmpty();
        assertThat(TopicRules.topicNameProblem("a/+/b")).isPresent();
        assertThat(TopicRules.topicNameProblem("a/#")).isPresent();
        assertThat(TopicRules.topicNameProblem("a\tb")).isPresent();
        assertThat(TopicRules.topicNameProblem("")).isPresent();
        assertThat(TopicRules.topicNameProblem("x".repeat(65_536))).hasValueSatisfying(p -> assertThat(p).contains("65535"));
    }
}
