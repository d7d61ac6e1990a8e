package io.bemcom.api.rest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.bemcom.api.config.OutageGuardedDataSource;
import io.bemcom.api.datapoint.ActuatorPublisher;
import io.bemcom.api.json.Json;

/**
 * {@code GET /health/} (ours): answers 200 whenever the service runs, without authentication and
 * without asking the database, with what it knows of its database and broker:
 * {@code {"status": "ok"|"degraded", "database": "up"|"down", "broker": "connected"|"disconnected"}}.
 * {@code database} is "down" from the first connection attempt that found the server away until a
 * connection works again (checked every second meanwhile).
 */
@RestController
public class HealthCheckEndpoint {

    private final OutageGuardedDataSource database;
    private final ActuatorPublisher broker;

    public HealthCheckEndpoint(OutageGuardedDataSource database, ActuatorPublisher broker) {
        this.database = database;
        this.broker = broker;
    }

    @GetMapping("/health/")
    public ResponseEntity<String> health() {
        boolean databaseUp = database.isAvailable();
        boolean brokerConnected = broker.isConnected();
        return JsonResponses.ok(Json.object()
                .put("status", databaseUp && brokerConnected ? "ok" : "degraded")
                .put("database", databaseUp ? "up" : "down")
                .put("broker", brokerConnected ? "connected" : "disconnected"));
    }
}
