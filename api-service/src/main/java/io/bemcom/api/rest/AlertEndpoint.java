package io.bemcom.api.rest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.bemcom.api.alert.Alert;
import io.bemcom.api.alert.AlertMonitor;
import io.bemcom.api.json.Json;
import tools.jackson.databind.node.ArrayNode;

/**
 * {@code GET /alert/} (ours, issue 20): the raised alerts — active datapoints with no value within
 * their {@code max_age_seconds}, connectors whose heartbeat is overdue — as of the last check.
 * Needs the permission to view datapoints (Routes).
 */
@RestController
public class AlertEndpoint {

    private final AlertMonitor monitor;

    public AlertEndpoint(AlertMonitor monitor) {
        this.monitor = monitor;
    }

    @GetMapping("/alert/")
    public ResponseEntity<String> alerts() {
        ArrayNode list = Json.array();
        for (Alert alert : monitor.alerts()) {
            list.addObject().put("kind", alert.kind()).put("connector", alert.connector())
                    .put("datapoint", alert.datapoint()).put("since", alert.since());
        }
        return JsonResponses.ok(list);
    }
}
