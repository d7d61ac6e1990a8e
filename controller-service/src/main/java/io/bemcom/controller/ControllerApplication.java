package io.bemcom.controller;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The controller service: see README.md. {@code METRICS_PORT} starts a web server for
 * {@code /actuator/health} and {@code /actuator/prometheus}. {@code LOGLEVEL}, the log format and
 * the one-line report of a failed start come from message-protocol's {@code io.bemcom.protocol.spring}.
 */
@SpringBootApplication
public class ControllerApplication {

    public static void main(String[] args) {
        SpringApplication.run(ControllerApplication.class, withMetricsPort(args, System.getenv("METRICS_PORT")));
    }

    /**
     * Health and metrics over HTTP only when asked for (application.properties has no web server);
     * as command-line properties, which win over the properties file.
     */
    static String[] withMetricsPort(String[] args, String metricsPort) {
        if (metricsPort == null || metricsPort.isBlank()) {
            return args;
        }
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(args));
        all.add("--spring.main.web-application-type=servlet");
        all.add("--server.port=" + metricsPort.trim());
        return all.toArray(String[]::new);
    }
}
