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
