package io.bemcom.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the broker client refuses before Paho sees it. */
class TopicRulesTest {

    @Test
    void acceptsTheTopicsOfTheProtocol() {
        assertThat(TopicRules.topicNameProblem("modbus-tcp-connector/messages/17/value")).isEmpty();
        assertThat(TopicRules.topicNameProblem("Raum 1.02 (Süd)/heartbeat")).isEmpty();
        assertThat(TopicRules.topicNameProblem("/leading/and/trailing/")).isEmpty();
        assertThat(TopicRules.topicNameProblem("a".repeat(65_535))).isEmpty();
    }

    @Test
    void refusesWhatMqttForbidsInATopicName() {
        assertThat(TopicRules.topicNameProblem("")).contains("it is empty");
        assertThat(TopicRules.topicNameProblem(null)).contains("it is empty");
        assertThat(TopicRules.topicNameProblem("a\u0000b")).contains("it contains U+0000 (NUL) at index 1");
        assertThat(TopicRules.topicNameProblem("a/+/b")).get().asString().contains("wildcard '+'");
        assertThat(TopicRules.topicNameProblem("a/#")).get().asString().contains("wildcard '#'");
        assertThat(TopicRules.topicNameProblem("a+b")).get().asString().contains("wildcard '+'");
        assertThat(TopicRules.topicNameProblem("a".repeat(65_536))).get().asString()
                .contains("65536 bytes long in UTF-8; MQTT allows at most 65535");
        assertThat(TopicRules.topicNameProblem("ä".repeat(40_000))).get().asString().contains("80000 bytes");
        assertThat(TopicRules.topicNameProblem("a\uD800b")).get().asString().contains("lone surrogate at index 1");
    }

    @Test
    void refusesWhatPahosEncoderCannotWrite() {
        assertThat(TopicRules.topicNameProblem("a\tb")).contains("it contains the control character U+0009 at index 1");
        assertThat(TopicRules.topicNameProblem("a\u007Fb")).get().asString().contains("U+007F");
        assertThat(TopicRules.topicNameProblem("a\u0085b")).get().asString().contains("U+0085");
        assertThat(TopicRules.topicNameProblem("\uD83D\uDE00")).get().asString()
                .contains("U+1F600", "outside the Basic Multilingual Plane");
        assertThat(TopicRules.topicNameProblem("\uFF21")).get().asString().contains("U+FF21");
        assertThat(TopicRules.topicNameProblem("\uFDCF")).isEmpty();
    }

    @Test
    void acceptsWildcardsInFiltersOnlyAsWholeLevels() {
        assertThat(TopicRules.topicFilterProblem("+/messages/+/value")).isEmpty();
        assertThat(TopicRules.topicFilterProblem("#")).isEmpty();
        assertThat(TopicRules.topicFilterProblem("+")).isEmpty();
        assertThat(TopicRules.topicFilterProblem("c/#")).isEmpty();
        assertThat(TopicRules.topicFilterProblem("$share/api/+/heartbeat")).isEmpty();
        assertThat(TopicRules.topicFilterProblem("c/#/value")).contains("'#' must be a whole level and the last one");
        assertThat(TopicRules.topicFilterProblem("c/a#")).contains("'#' must be a whole level and the last one");
        assertThat(TopicRules.topicFilterProblem("c/a+/value")).contains("'+' must be a whole level");
        assertThat(TopicRules.topicFilterProblem("$share//c/#")).get().asString().contains("needs a group");
        assertThat(TopicRules.topicFilterProblem("$share/g+/c")).get().asString().contains("group");
        assertThat(TopicRules.topicFilterProblem("$share/g/")).get().asString().contains("needs a group and a filter");
        assertThat(TopicRules.topicFilterProblem("c\t/#")).get().asString().contains("U+0009");
    }
}
