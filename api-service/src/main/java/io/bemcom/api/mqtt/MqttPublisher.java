package io.bemcom.api.mqtt;

import org.springframework.stereotype.Component;

import io.bemcom.api.datapoint.ActuatorPublisher;
import io.bemcom.protocol.BemcomMessage;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.ScheduleMessage;
import io.bemcom.protocol.SetpointMessage;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.mqtt.BrokerClient;
import io.bemcom.protocol.mqtt.Delivery;

/**
 * Publishes what the REST API sends to actuators, on the session of {@link MqttIngestion}: QoS 1,
 * never retained. Written as json.dumps writes them: NaN and ±Infinity as bare tokens, which
 * connectors and controllers read as numbers; numbers with the text the client sent.
 */
@Component
public class MqttPublisher implements ActuatorPublisher {

    private volatile BrokerClient client;

    void attach(BrokerClient brokerClient) {
        this.client = brokerClient;
    }

    @Override
    public boolean isConnected() {
        BrokerClient current = client;
        return current != null && current.isConnected();
    }

    @Override
    public boolean publishValue(String connector, long datapointId, ValueMessage message) {
        return publish(Topics.value(connector, datapointId), Delivery.ACTUATOR_VALUE, message);
    }

    @Override
    public boolean publishSchedule(String connector, long datapointId, ScheduleMessage message) {
        return publish(Topics.schedule(connector, datapointId), Delivery.SCHEDULE, message);
    }

    @Override
    public boolean publishSetpoint(String connector, long datapointId, SetpointMessage message) {
        return publish(Topics.setpoint(connector, datapointId), Delivery.SETPOINT, message);
    }

    private boolean publish(String topic, Delivery delivery, BemcomMessage message) {
        BrokerClient current = client;
        return current != null && current.publish(topic, delivery, MessageCodec.encodeAsPython(message));
    }
}
