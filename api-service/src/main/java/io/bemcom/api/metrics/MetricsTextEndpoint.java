package io.bemcom.api.metrics;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * {@code GET /metrics/}: Prometheus text format; needs {@code api_rest_interface.view_metric}
 * (checked by the route table), as in the original. Clients whose {@code Accept} excludes text/plain
 * get 406 from the gate's content negotiation.
 */
@RestController
public class MetricsTextEndpoint {

    private final PrometheusMeterRegistry registry;

    public MetricsTextEndpoint(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @GetMapping("/metrics/")
    public ResponseEntity<String> metrics() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/plain; version=0.0.4; charset=utf-8"))
                .body(registry.scrape());
    }
}
