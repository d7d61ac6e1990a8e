package io.bemcom.connector.keba;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;
import tools.jackson.databind.JsonNode;

/**
 * The connector's own variables, read once: the stations (name → host, in configuration order),
 * the stations' UDP port, how long to wait for an answer, and the local port the stations answer to.
 */
record KebaSettings(Map<String, String> stations, int targetPort, Duration readTimeout, int localPort) {

    /** KEBA stations send their answers and status datagrams to this port, whatever port asked. */
    static final int KEBA_PORT = 7090;

    KebaSettings {
        stations = Collections.unmodifiableMap(new LinkedHashMap<>(stations));
    }

    static KebaSettings fromEnvironment(Environment env) {
        Map<String, String> stations = stations(env.required("KEBA_P30_CHARGE_STATIONS",
                "a JSON object of station name to IP address or DNS name, e.g. {\"p30_garage\": \"192.168.0.99\"}"));
        int targetPort = port(env, "TARGET_PORT");
        double readTimeout = env.decimal("READ_TIMEOUT", 5);
        if (readTimeout <= 0 || readTimeout > 600) {
            throw new ConfigurationException("READ_TIMEOUT must be a number of seconds above 0 and at most 600, got '"
                    + env.optional("READ_TIMEOUT").orElse("") + "'.");
        }
        return new KebaSettings(stations, targetPort, Duration.ofMillis(Math.round(readTimeout * 1000)),
                port(env, "LOCAL_PORT"));
    }

    private static int port(Environment env, String name) {
        int port = env.integer(name, KEBA_PORT);
        if (port < 1 || port > 65535) {
            throw new ConfigurationException(name + " must be a UDP port from 1 to 65535, got " + port + ".");
        }
        return port;
    }

    private static Map<String, String> stations(String text) {
        JsonNode json;
        try {
            json = JsonValues.parse(text);
        } catch (RuntimeException e) {
            throw new ConfigurationException("KEBA_P30_CHARGE_STATIONS is no JSON: " + firstLine(e.getMessage()));
        }
        if (json == null || !json.isObject() || json.isEmpty()) {
            throw new ConfigurationException("KEBA_P30_CHARGE_STATIONS must be a JSON object with at least one"
                    + " station, e.g. {\"p30_garage\": \"192.168.0.99\"}, got " + text);
        }
        Map<String, String> stations = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> station : json.properties()) {
            String name = station.getKey();
            JsonNode host = station.getValue();
            if (name.isBlank() || name.contains("__")) {
                throw new ConfigurationException("KEBA_P30_CHARGE_STATIONS: the station name '" + name
                        + "' must not be blank nor contain '__' (it is the first part of the datapoint ids).");
            }
            if (!host.isString() || host.stringValue().isBlank()) {
                throw new ConfigurationException("KEBA_P30_CHARGE_STATIONS." + name
                        + " must be the station's IP address or DNS name as a string, got " + host);
            }
            stations.put(name, host.stringValue().trim());
        }
        return stations;
    }

    private static String firstLine(String message) {
        String text = String.valueOf(message);
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
