package io.bemcom.api.connector;

import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.bemcom.api.metadata.MetadataChanged;


/** Creating, renaming and deleting connectors; subscriptions and maps follow after the commit. */
@Service
public class ConnectorService {

    private final ConnectorRepository connectors;
    private final ApplicationEventPublisher events;

    public ConnectorService(ConnectorRepository connectors, ApplicationEventPublisher events) {
        this.connectors = connectors;
        this.events = events;
    }

    @Transactional
    public Connector create(String name) {
        Connector connector = connectors.saveAndFlush(new Connector(name));
        events.publishEvent(MetadataChanged.connectors(Set.of(connector.getId())));
        return connector;
    }

    @Transactional
    public Connector rename(long id, String newName) {
        Connector connector = connectors.findById(id).orElseThrow();
        String oldName = connector.getName();
        connector.setName(newName);
        connectors.saveAndFlush(connector);
        events.publishEvent(MetadataChanged.connectors(Set.of(id)));
        events.publishEvent(MetadataChanged.connectorDeleted(oldName));
        return connector;
    }

    /** Deletes the connector with its datapoints and data; its retained datapoint map is cleared. */
    @Transactional
    public void delete(long id) {
        connectors.findById(id).ifPresent(connector -> {
            connectors.delete(connector);
            connectors.flush();
            events.publishEvent(MetadataChanged.connectorDeleted(connector.getName()));
        });
    }
}
