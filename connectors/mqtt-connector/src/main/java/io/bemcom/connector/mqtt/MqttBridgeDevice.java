package io.bemcom.connector.mqtt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bemcom.connector.ConnectorContext;
import io.bemcom.connector.Device;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.mqtt.BrokerClient;
import io.bemcom.protocol.mqtt.BrokerException;
import io.bemcom.protocol.mqtt.BrokerSettings;
import io.bemcom.protocol.mqtt.ClientOptions;
import io.bemcom.protocol.mqtt.InboundMessage;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bridges a second, remote MQTT broker into BEMCom, through a second {@link BrokerClient} (which
 * reconnects by itself and restores every subscription). Messages on the sensor topic filters
 * become the raw message {@code {"topic": <the concrete topic>, "payload": <the payload as text>}}
 * and the reading {@code {<topic>: <payload>}} — with {@code REMOTE_MQTT_BROKER_PARSE_JSON=TRUE} the
 * payload parsed as JSON, so an object's fields give the ids {@code <topic>__<field>}. Retained
 * messages are skipped, as in the original. An actuator value is published to its topic on the
 * remote broker (QoS 1, not retained): a string as its text, anything else as JSON.
 */
final class MqttBridgeDevice implements Device {

    private static final Logger log = LoggerFactory.getLogger(MqttBridgeDevice.class);
    private static final int SENSOR_QOS = 2; // as the original subscribed
    private static final int ACTUATOR_QOS = 1;
    private static final Duration CONNECT_RETRY = Duration.ofSeconds(5);

    private final MqttBridgeConfig config;
    private final ConnectorContext context;
    private volatile boolean connected;
    private volatile boolean connectFailed;
    private volatile BrokerClient remote;
    private volatile Future<?> connecting;
    private Path caFile;

    MqttBridgeDevice(MqttBridgeConfig config, ConnectorContext context) {
        this.config = config;
        this.context = context;
    }

    static MqttBridgeDevice create(ConnectorContext context) {
        return new MqttBridgeDevice(MqttBridgeConfig.fromEnvironment(context.environment()), context);
    }

    /** Prepares the remote client and connects in the background, trying again until the broker answers. */
    @Override
    public void start(ConnectorContext ignored) throws IOException {
        if (config.passwordWithoutUsername()) {
            log.warn("REMOTE_MQTT_BROKER_PASSWORD is set but REMOTE_MQTT_BROKER_USERNAME is not: the password is not"
                    + " used.");
        }
        if (config.caCertificates().isPresent() && !config.useTls()) {
            log.warn("REMOTE_MQTT_BROKER_CA_FILE is set but REMOTE_MQTT_BROKER_USE_TLS is not TRUE: no TLS is used.");
        }
        caFile = config.useTls() && config.caCertificates().isPresent() ? writeCaFile(config.caCertificates().get())
                : null;
        BrokerSettings settings;
        try {
            settings = new BrokerSettings(config.host(), config.port(), config.username().orElse(null),
                    config.username().flatMap(user -> config.password()).orElse(null), config.useTls(), caFile);
        } catch (ConfigurationException e) {
            throw new ConfigurationException("REMOTE_MQTT_BROKER_*: " + e.getMessage(), e);
        }
        String name = context.settings().name();
        ClientOptions options = config.clientId().map(ClientOptions::persistent)
                .orElseGet(() -> ClientOptions.named(name + "-remote"));
        remote = new BrokerClient(settings, options, remoteMetrics(context.meterRegistry()));
        for (String filter : config.sensorTopics()) {
            remote.subscribeBytes(filter, SENSOR_QOS, this::onRemoteMessage);
        }
        log.info("Bridging {} (sensor topics {}, actuator topics {}, {} session).", settings.serverUri(),
                config.sensorTopics(), config.actuatorTopics().keySet(),
                config.clientId().map(id -> "persistent '" + id + "'").orElse("clean"));
        connecting = context.every(CONNECT_RETRY, "connecting to the remote MQTT broker", this::connect);
        context.later(Duration.ZERO, "connecting to the remote MQTT broker", this::connect);
    }

    /**
     * The remote client's meters, renamed {@code bemcom.mqtt.remote.*} in the connector's registry,
     * so that they do not mix with those of the connector's own broker connection.
     */
    private static MeterRegistry remoteMetrics(MeterRegistry registry) {
        CompositeMeterRegistry remote = new CompositeMeterRegistry();
        remote.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().startsWith("bemcom.mqtt.")
                        ? id.withName("bemcom.mqtt.remote." + id.getName().substring("bemcom.mqtt.".length()))
                        : id;
            }
        });
        remote.add(registry);
        return remote;
    }

    /** The original wrote the PEM text to a file for its TLS library; so do we (readable by us only). */
    private static Path writeCaFile(String pem) throws IOException {
        Path file;
        try {
            file = Files.createTempFile("bemcom-remote-ca-", ".pem",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            file = Files.createTempFile("bemcom-remote-ca-", ".pem");
        }
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
        file.toFile().deleteOnExit();
        return file;
    }

    /**
     * Connects once (the tasks of a connector never overlap); after that the client reconnects, and
     * subscribes again, by itself.
     */
    private void connect() {
        if (connected) {
            return;
        }
        try {
            remote.connect();
        } catch (BrokerException e) {
            context.meterRegistry().counter("bemcom.connector.readings", "result", "read_failed").increment();
            if (!connectFailed) {
                connectFailed = true;
                log.error("The remote MQTT broker cannot be reached: {}; trying again every {} s.", e.getMessage(),
                        CONNECT_RETRY.toSeconds());
            } else {
                log.debug("Still no connection to the remote MQTT broker: {}", e.getMessage());
            }
            return;
        }
        connected = true;
        connecting.cancel(false);
        if (connectFailed) {
            log.info("The remote MQTT broker answers again.");
        }
    }

    private void onRemoteMessage(InboundMessage<byte[]> message) {
        try {
            if (message.retained()) {
                count("retained_skipped");
                log.debug("Skipped a retained message on '{}' (as the original does).", message.topic());
                return;
            }
            String payload;
            try {
                payload = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(message.message()))
                        .toString();
            } catch (CharacterCodingException e) {
                count("not_utf8");
                log.warn("Skipped a message on '{}': its payload ({} bytes) is not UTF-8 text.", message.topic(),
                        message.message().length);
                return;
            }
            ObjectNode raw = JsonNodeFactory.instance.objectNode();
            raw.put("topic", message.topic());
            raw.put("payload", payload);
            context.push(raw);
            count("forwarded");
        } finally {
            // With a persistent session: handled (or deliberately skipped), the broker may forget it.
            message.acknowledge();
        }
    }

    private void count(String result) {
        context.meterRegistry().counter("bemcom.mqtt.bridge.messages", "result", result).increment();
    }

    /** {@code {"topic": t, "payload": p}} → {@code {t: p}}, p parsed as JSON when configured and possible. */
    @Override
    public JsonNode parse(JsonNode raw) {
        if (!raw.path("topic").isString() || !raw.path("payload").isString()) {
            throw new IllegalArgumentException("a raw message needs the strings topic and payload, got " + raw);
        }
        String topic = raw.get("topic").stringValue();
        String payload = raw.get("payload").stringValue();
        JsonNode value = raw.get("payload");
        if (config.parseJson()) {
            JsonNode parsed = json(payload);
            if (parsed != null) {
                value = parsed;
            } else {
                log.warn("The payload on '{}' is not JSON, kept as text: {}", topic, abbreviated(payload));
            }
        }
        ObjectNode reading = JsonNodeFactory.instance.objectNode();
        reading.set(topic, value);
        return reading;
    }

    /** The payload as JSON (Python's json.loads accepts NaN and Infinity too), or null when it is none. */
    private static JsonNode json(String payload) {
        try {
            JsonNode parsed = JsonValues.parse(payload);
            return parsed == null || parsed.isMissingNode() ? null : parsed;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    @Override
    public Map<String, JsonNode> actuators() {
        return config.actuatorTopics();
    }

    /** Publishes the value to the actuator's topic on the remote broker (kept and sent later while it is away). */
    @Override
    public void write(String datapointId, JsonNode value, long timestamp) throws IOException {
        if (!config.actuatorTopics().containsKey(datapointId)) {
            throw new IllegalArgumentException("'" + datapointId + "' is none of the actuator_topics of "
                    + MqttBridgeConfig.MAPPING);
        }
        String text = value.isString() ? value.stringValue() : JsonValues.toJson(value);
        if (!remote.publish(datapointId, ACTUATOR_QOS, false, text.getBytes(StandardCharsets.UTF_8))) {
            throw new IOException("the remote MQTT broker could not take the value for '" + datapointId + "'");
        }
        log.debug("Published {} to '{}' on the remote broker.", text, datapointId);
    }

    @Override
    public void close() throws IOException {
        if (remote != null) {
            remote.close();
        }
        if (caFile != null) {
            Files.deleteIfExists(caFile);
        }
    }
}
