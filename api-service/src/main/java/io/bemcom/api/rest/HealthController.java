package io.bemcom.api.rest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.bemcom.api.config.OutageGuardedDataSource;
import io.bemcom.api.json.Json;
import io.bemcom.api.mqtt.MqttIntegration;

/**
 * {@code GET /health/} (ours): answers 200 whenever the service runs, without authentication and
 * without asking the database, with what it knows of its database and broker:
 * {@code {"status": "ok"|"degraded", "database": "up"|"down", "broker": "connected"|"disconnected"}}.
 * {@code database} is "down" from the first connection attempt that found the server away until a
 * connection works again (checked every second meanwhile).
 */
@RestController
public class HealthController {

    private final OutageGuardedDataSource database;
    private final MqttIntegration mqtt;

    public HealthController(OutageGuardedDataSource database, MqttIntegration mqtt) {
        this.database = database;
        this.mqtt = mqtt;
    }

    @GetMapping("/health/")
    public ResponseEntity<String> health() {
        boolean databaseUp = database.isAvailable();
        boolean brokerConnected = mqtt.isConnected();
        return JsonResponses.ok(Json.object()
                .put("status", databaseUp && brokerConnected ? "ok" : "degraded")
                .put("database", databaseUp ? "up" : "down")
                .put("broker", brokerConnected ? "connected" : "disconnected"));
    }
}
