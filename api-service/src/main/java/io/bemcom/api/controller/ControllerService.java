package io.bemcom.api.controller;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.bemcom.api.datapoint.DatapointRepository;
import io.bemcom.api.metadata.MetadataChanged;

/** Controllers and their controlled datapoints; each change re-publishes the controller's message. */
@Service
public class ControllerService {

    private final ControllerRepository controllers;
    private final ControlledDatapointLinkRepository links;
    private final DatapointRepository datapoints;
    private final ApplicationEventPublisher events;

    public ControllerService(ControllerRepository controllers, ControlledDatapointLinkRepository links,
                             DatapointRepository datapoints, ApplicationEventPublisher events) {
        this.controllers = controllers;
        this.links = links;
        this.datapoints = datapoints;
        this.events = events;
    }

    @Transactional
    public Controller create(String name, String topic) {
        Controller controller = controllers.saveAndFlush(new Controller(name, topic));
        events.publishEvent(MetadataChanged.controller(controller.getId()));
        return controller;
    }

    @Transactional
    public ControlledDatapointLink addControlledDatapoint(long controllerId, long sensorId, long actuatorId,
                                                          boolean active) {
        Controller controller = controllers.findById(controllerId).orElseThrow();
        ControlledDatapointLink link = links.saveAndFlush(new ControlledDatapointLink(controller,
                datapoints.findById(sensorId).orElseThrow(), datapoints.findById(actuatorId).orElseThrow(), active));
        events.publishEvent(MetadataChanged.controller(controllerId));
        return link;
    }

    @Transactional
    public void setControlledDatapointActive(long linkId, boolean active) {
        ControlledDatapointLink link = links.findById(linkId).orElseThrow();
        link.setActive(active);
        links.saveAndFlush(link);
        events.publishEvent(MetadataChanged.controller(link.getController().getId()));
    }

    @Transactional
    public void removeControlledDatapoint(long linkId) {
        links.findById(linkId).ifPresent(link -> {
            long controllerId = link.getController().getId();
            links.delete(link);
            links.flush();
            events.publishEvent(MetadataChanged.controller(controllerId));
        });
    }

    /** Renames a controller or moves its topic; the old topic gets an empty list (retained). */
    @Transactional
    public Controller update(long controllerId, String name, String topic) {
        Controller controller = controllers.findById(controllerId).orElseThrow();
        String oldTopic = controller.getMqttTopicControlledDatapoints();
        controller.setName(name);
        controller.setMqttTopicControlledDatapoints(topic);
        controllers.saveAndFlush(controller);
        if (!oldTopic.equals(topic)) {
            events.publishEvent(MetadataChanged.controllerDeleted(oldTopic));
        }
        events.publishEvent(MetadataChanged.controller(controllerId));
        return controller;
    }

    /** Deletes the controller; its topic gets an empty list of controlled datapoints (retained). */
    @Transactional
    public void delete(long controllerId) {
        controllers.findById(controllerId).ifPresent(controller -> {
            links.findByControllerIdOrderById(controllerId).forEach(links::delete);
            controllers.delete(controller);
            controllers.flush();
            events.publishEvent(MetadataChanged.controllerDeleted(controller.getMqttTopicControlledDatapoints()));
        });
    }
}
