package io.bemcom.api.controller;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A controller service instance. Its topic is free text set by the operator (the protocol
 * suggests {@code <controller name>/controlled_datapoints}).
 */
@Entity
@Table(name = "controller")
public class Controller {

    /**
     * Longest name and topic, in characters: both are in unique indexes (PostgreSQL limits an
     * entry to about 2,700 bytes).
     */
    public static final int MAX_INDEXED_LENGTH = 500;

    /** Whether {@code name} fits the name's unique index. */
    public static boolean nameFits(String name) {
        return name.codePointCount(0, name.length()) <= MAX_INDEXED_LENGTH;
    }

    /** Why {@code topic} cannot be a controller's topic (it is published to), or empty. */
    public static java.util.Optional<String> topicProblem(String topic) {
        if (topic != null && topic.codePointCount(0, topic.length()) > MAX_INDEXED_LENGTH) {
            return java.util.Optional.of("The topic must have at most " + MAX_INDEXED_LENGTH + " characters.");
        }
        return io.bemcom.protocol.TopicRules.topicNameProblem(topic).map(reason -> "Not a topic to publish to: " + reason + ".");
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String name;

    @Column(name = "mqtt_topic_controlled_datapoints", nullable = false, unique = true)
    private String mqttTopicControlledDatapoints;

    protected Controller() {
    }

    public Controller(String name, String mqttTopicControlledDatapoints) {
        this.name = name;
        this.mqttTopicControlledDatapoints = mqttTopicControlledDatapoints;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getMqttTopicControlledDatapoints() {
        return mqttTopicControlledDatapoints;
    }

    public void setMqttTopicControlledDatapoints(String topic) {
        this.mqttTopicControlledDatapoints = topic;
    }
}
