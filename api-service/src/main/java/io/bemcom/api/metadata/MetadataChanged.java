package io.bemcom.api.metadata;

import java.util.Set;

/**
 * Published (inside the transaction) by whatever changes connectors, datapoints or controllers;
 * handled after the commit: subscriptions follow, datapoint maps and controlled-datapoints
 * messages are re-published, deleted ones cleared. This replaces the original's RPC topics.
 *
 * @param mapConnectorIds         connectors whose datapoint map must be re-published
 * @param deletedConnectorNames   connectors whose retained map must be cleared
 * @param controllerIds           controllers whose controlled-datapoints message must be re-published
 * @param deletedControllerTopics topics whose retained controlled-datapoints message must be cleared
 * @param allControllers          re-publish every controller (e.g. after a connector rename moved topics)
 */
public record MetadataChanged(Set<Long> mapConnectorIds, Set<String> deletedConnectorNames, Set<Long> controllerIds,
                              Set<String> deletedControllerTopics, boolean allControllers) {

    public MetadataChanged {
        mapConnectorIds = Set.copyOf(mapConnectorIds);
        deletedConnectorNames = Set.copyOf(deletedConnectorNames);
        controllerIds = Set.copyOf(controllerIds);
        deletedControllerTopics = Set.copyOf(deletedControllerTopics);
    }

    public static MetadataChanged connectors(Set<Long> connectorIds) {
        return new MetadataChanged(connectorIds, Set.of(), Set.of(), Set.of(), true);
    }

    public static MetadataChanged connectorDeleted(String name) {
        return new MetadataChanged(Set.of(), Set.of(name), Set.of(), Set.of(), true);
    }

    public static MetadataChanged controller(long controllerId) {
        return new MetadataChanged(Set.of(), Set.of(), Set.of(controllerId), Set.of(), false);
    }

    public static MetadataChanged controllerDeleted(String topic) {
        return new MetadataChanged(Set.of(), Set.of(), Set.of(), Set.of(topic), false);
    }
}
