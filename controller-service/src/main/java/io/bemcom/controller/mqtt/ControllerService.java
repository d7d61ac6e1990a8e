package io.bemcom.controller.mqtt;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bemcom.controller.ControllerSettings;
import io.bemcom.controller.control.ControlEngine;
import io.bemcom.controller.control.ControllerMetrics;
import io.bemcom.controller.control.SubscriptionChange;
import io.bemcom.controller.control.TopicRole;
import io.bemcom.controller.control.WakeUps;
import io.bemcom.protocol.ControlledDatapoint;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.mqtt.BrokerClient;
import io.bemcom.protocol.mqtt.ClientOptions;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.protocol.mqtt.InboundMessage;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The controller on the broker: follows its controlled-datapoints topic, subscribes to the
 * sensor, setpoint and schedule topics of every pair (and drops those no longer needed), feeds
 * the {@link ControlEngine} and publishes its decisions on the actuators' value topics.
 *
 * <p>A clean session is enough: everything the controller reads is published retained, so after
 * a reconnect the broker client's restored subscriptions bring the state back.
 */
public final class ControllerService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControllerService.class);

    private final ControllerSettings settings;
    private final BrokerClient broker;
    private final ControlEngine engine;

    public ControllerService(ControllerSettings settings, Clock clock, WakeUps wakeUps, MeterRegistry registry) {
        this(settings, ClientOptions.named("bemcom-controller"), clock, wakeUps, registry);
    }

    public ControllerService(ControllerSettings settings, ClientOptions options, Clock clock, WakeUps wakeUps,
                             MeterRegistry registry) {
        this.settings = settings;
        this.broker = new BrokerClient(settings.broker(), options, registry);
        this.engine = new ControlEngine(clock, this::publish, wakeUps, new ControllerMetrics(registry));
    }

    /** Subscribes to the controlled-datapoints topic and connects; fails when the broker cannot be reached. */
    public void start() {
        broker.subscribe(settings.controlledDatapointsTopic(), Delivery.CONTROLLED_DATAPOINTS.qos(),
                ControllerDecoders::controlledDatapoints, this::onControlledDatapoints);
        broker.connect();
        log.info("Waiting for controlled datapoints on '{}'.", settings.controlledDatapointsTopic());
    }

    public ControlEngine engine() {
        return engine;
    }

    public BrokerClient broker() {
        return broker;
    }

    @Override
    public void close() {
        broker.close();
    }

    private void onControlledDatapoints(InboundMessage<List<ControlledDatapoint>> message) {
        if (message.message().isEmpty()) {
            log.info("The controlled datapoints on '{}' are empty or cleared: controlling nothing.", message.topic());
        }
        apply(engine.configure(message.message()));
    }

    private void apply(SubscriptionChange change) {
        change.unsubscribe().forEach(broker::unsubscribe);
        change.subscribe().forEach(this::subscribe);
    }

    private void subscribe(String topic, TopicRole role) {
        try {
            switch (role) {
                case SENSOR_VALUE -> broker.subscribe(topic, Delivery.SENSOR_VALUE.qos(),
                        ControllerDecoders::sensorReading,
                        m -> engine.sensorValue(m.topic(), m.message().value(), m.message().timestamp()));
                case ACTUATOR_SETPOINT -> broker.subscribe(topic, Delivery.SETPOINT.qos(),
                        ControllerDecoders::setpoint, m -> engine.setpoint(m.topic(), m.message().items()));
                case ACTUATOR_SCHEDULE -> broker.subscribe(topic, Delivery.SCHEDULE.qos(),
                        ControllerDecoders::schedule, m -> engine.schedule(m.topic(), m.message().items()));
            }
        } catch (IllegalArgumentException invalidTopic) {
            // The configuration checks topics; this guards against what Paho refuses beyond that.
            log.warn("Could not subscribe to '{}': {}", topic, invalidTopic.getMessage());
        }
    }

    private boolean publish(String actuatorValueTopic, ValueMessage value) {
        return broker.publish(actuatorValueTopic, Delivery.ACTUATOR_VALUE, value);
    }
}
