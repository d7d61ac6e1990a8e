package io.bemcom.connector.mqtt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.paho.client.mqttv3.MqttTopic;

import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;
import tools.jackson.databind.JsonNode;

/**
 * The MQTT bridge's own variables, read once at start: the remote broker
 * ({@code REMOTE_MQTT_BROKER_*}) and what to take from and give to it.
 *
 * @param host           {@code REMOTE_MQTT_BROKER_HOST}
 * @param port           {@code REMOTE_MQTT_BROKER_PORT} (1883, or 8883 with TLS)
 * @param useTls         {@code REMOTE_MQTT_BROKER_USE_TLS} exactly {@code TRUE}
 * @param caCertificates {@code REMOTE_MQTT_BROKER_CA_FILE}: the PEM text of the CA chain to trust (the
 *                       variable holds the PEM itself, as in the original, or the path of a PEM file);
 *                       empty: the JVM's trust store
 * @param username       {@code REMOTE_MQTT_BROKER_USERNAME}, used when not empty
 * @param password       {@code REMOTE_MQTT_BROKER_PASSWORD}, used only with a username
 * @param sensorTopics   the {@code sensor_topics} of {@code REMOTE_MQTT_BROKER_TOPIC_MAPPING}: topic
 *                       filters, wildcards allowed
 * @param actuatorTopics its {@code actuator_topics}: topic → example value
 * @param parseJson      {@code REMOTE_MQTT_BROKER_PARSE_JSON} exactly {@code TRUE}
 * @param clientId       {@code REMOTE_MQTT_BROKER_CLIENT_ID} (our addition): a persistent session with
 *                       this id; empty: a clean session with a random id, as the original
 */
record MqttBridgeConfig(String host, int port, boolean useTls, Optional<String> caCertificates,
                        Optional<String> username, Optional<String> password, List<String> sensorTopics,
                        Map<String, JsonNode> actuatorTopics, boolean parseJson, Optional<String> clientId) {

    static final String MAPPING = "REMOTE_MQTT_BROKER_TOPIC_MAPPING";
    static final String CA = "REMOTE_MQTT_BROKER_CA_FILE";

    static MqttBridgeConfig fromEnvironment(Environment env) {
        String host = env.required("REMOTE_MQTT_BROKER_HOST", "the DNS name or IP address of the remote MQTT broker")
                .trim();
        boolean useTls = env.exactTrue("REMOTE_MQTT_BROKER_USE_TLS");
        int port = env.integer("REMOTE_MQTT_BROKER_PORT", useTls ? 8883 : 1883);
        if (port < 1 || port > 65535) {
            throw new ConfigurationException("REMOTE_MQTT_BROKER_PORT must be a TCP port (1-65535), got '"
                    + env.optional("REMOTE_MQTT_BROKER_PORT").orElse("") + "'.");
        }
        Optional<String> ca = env.optional(CA).map(MqttBridgeConfig::caCertificates);
        JsonNode mapping = mapping(env.required(MAPPING, "a JSON object with \"sensor_topics\" and \"actuator_topics\""));
        Optional<String> clientId = env.optional("REMOTE_MQTT_BROKER_CLIENT_ID").map(String::trim);
        if (clientId.isPresent() && clientId.get().getBytes(StandardCharsets.UTF_8).length > 65535) {
            throw new ConfigurationException("REMOTE_MQTT_BROKER_CLIENT_ID is longer than MQTT allows.");
        }
        return new MqttBridgeConfig(host, port, useTls, ca, env.optional("REMOTE_MQTT_BROKER_USERNAME"),
                env.optional("REMOTE_MQTT_BROKER_PASSWORD"), sensorTopics(mapping), actuatorTopics(mapping),
                env.exactTrue("REMOTE_MQTT_BROKER_PARSE_JSON"), clientId);
    }

    /** The password is used only together with a username, as in the original. */
    boolean passwordWithoutUsername() {
        return password.isPresent() && username.isEmpty();
    }

    /** Never prints the password or the certificates. */
    @Override
    public String toString() {
        return "MqttBridgeConfig[" + (useTls ? "ssl://" : "tcp://") + host + ":" + port
                + username.map(user -> ", user " + user).orElse("") + ", sensor topics " + sensorTopics
                + ", actuator topics " + actuatorTopics.keySet() + "]";
    }

    // ------------------------------------------------------------------ CA certificates

    /** The PEM text: the variable's value when it is PEM (the original's way), else the file it names. */
    private static String caCertificates(String value) {
        String pem;
        if (value.trim().startsWith("-----BEGIN")) {
            pem = value;
        } else {
            try {
                pem = Files.readString(Path.of(value.trim()), StandardCharsets.US_ASCII);
            } catch (IOException | InvalidPathException | SecurityException e) {
                throw new ConfigurationException(CA + " must hold PEM certificates or the path of a readable PEM file;"
                        + " '" + value.trim() + "' is neither (" + e.getClass().getSimpleName() + ").");
            }
        }
        try {
            int count = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).size();
            if (count == 0) {
                throw new CertificateException("no certificate");
            }
        } catch (CertificateException e) {
            throw new ConfigurationException(CA + " holds no readable PEM certificate: " + e.getMessage());
        }
        return pem;
    }

    // ------------------------------------------------------------------ topic mapping

    private static JsonNode mapping(String text) {
        JsonNode mapping;
        try {
            mapping = JsonValues.parse(text);
        } catch (RuntimeException e) {
            throw new ConfigurationException(MAPPING + " is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (!mapping.isObject()) {
            throw new ConfigurationException(MAPPING + " must be a JSON object with \"sensor_topics\" and"
                    + " \"actuator_topics\".");
        }
        for (String key : List.of("sensor_topics", "actuator_topics")) {
            if (!mapping.has(key)) {
                throw new ConfigurationException(MAPPING + " has no \"" + key + "\".");
            }
        }
        return mapping;
    }

    /** The keys of an object (values are ignored, as in the original), or the strings of an array. */
    private static List<String> sensorTopics(JsonNode mapping) {
        JsonNode sensors = mapping.get("sensor_topics");
        List<String> filters = new ArrayList<>();
        if (sensors.isObject()) {
            filters.addAll(sensors.propertyNames());
        } else if (sensors.isArray()) {
            for (JsonNode filter : sensors) {
                if (!filter.isString()) {
                    throw new ConfigurationException(MAPPING + ".sensor_topics must list topics as strings, got "
                            + filter + ".");
                }
                filters.add(filter.stringValue());
            }
        } else {
            throw new ConfigurationException(MAPPING + ".sensor_topics must be an object (or array) of topics.");
        }
        for (String filter : filters) {
            try {
                MqttTopic.validate(filter, true);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(MAPPING + ".sensor_topics: '" + filter + "' is no MQTT topic filter: "
                        + e.getMessage());
            }
        }
        return List.copyOf(filters);
    }

    private static Map<String, JsonNode> actuatorTopics(JsonNode mapping) {
        JsonNode actuators = mapping.get("actuator_topics");
        if (!actuators.isObject()) {
            throw new ConfigurationException(MAPPING + ".actuator_topics must be an object of topic → "
                    + "{\"example_value\": ...}.");
        }
        Map<String, JsonNode> topics = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> actuator : actuators.properties()) {
            String topic = actuator.getKey();
            String where = MAPPING + ".actuator_topics[\"" + topic + "\"]";
            if (topic.isEmpty() || topic.contains("+") || topic.contains("#")) {
                throw new ConfigurationException(where + ": an actuator topic must be a plain topic, without wildcards"
                        + " (where would a value be published?).");
            }
            try {
                MqttTopic.validate(topic, false);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(where + ": no MQTT topic: " + e.getMessage());
            }
            if (!actuator.getValue().isObject() || !actuator.getValue().has("example_value")) {
                throw new ConfigurationException(where + " needs an \"example_value\".");
            }
            topics.put(topic, actuator.getValue().get("example_value"));
        }
        return Collections.unmodifiableMap(topics);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
