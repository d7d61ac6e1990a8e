package io.bemcom.connector.knx;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bemcom.connector.ConnectorContext;
import io.bemcom.connector.PushDevice;
import io.bemcom.connector.knx.KnxDatapoints.Datapoint;
import io.calimero.KNXException;
import io.calimero.dptxlator.DPTXlator;
import io.calimero.process.ProcessEvent;
import io.micrometer.core.instrument.Counter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The KNX connector's device: a KNXnet/IP tunnel to the gateway (TCP or UDP). Group value writes and
 * responses on the bus arrive on Calimero's threads and go to the sensor flow as raw messages
 * ({@link Telegram}); those to a group address of {@code KNX_DATAPOINTS.sensor} become the value of
 * the datapoint with that address as id. Actuator values are sent as GroupValueWrite.
 *
 * <p>Calimero does not reconnect: {@link #receive} holds one tunnel until it closes and then fails
 * with the reason, so the SDK logs it, counts it ({@code readings{result=read_failed}}) and calls
 * again after its pause, which opens a new tunnel; a gateway that cannot be reached fails the same way.
 */
final class KnxDevice implements PushDevice {

    private static final Logger log = LoggerFactory.getLogger(KnxDevice.class);

    private final KnxSettings settings;
    private final ConnectorContext context;
    private final Counter skipped;
    private volatile KnxLink link;
    private volatile boolean closed;

    KnxDevice(KnxSettings settings, ConnectorContext context) {
        this.settings = settings;
        this.context = context;
        this.skipped = Counter.builder("bemcom.connector.knx.telegrams.skipped")
                .description("Group values to addresses of KNX_DATAPOINTS.sensor whose datapoint type has no codec")
                .register(context.meterRegistry());
    }

    static KnxDevice create(ConnectorContext context) {
        return new KnxDevice(KnxSettings.fromEnvironment(context.environment()), context);
    }

    @Override
    public void start(ConnectorContext context) {
        settings.datapoints().warnings().forEach(log::warn);
    }

    @Override
    public void receive(RawMessageSink sink) throws Exception {
        KnxLink opened;
        try {
            opened = KnxLink.open(settings, this::onGroupValue);
        } catch (IOException e) {
            throw new IOException("Connecting to the KNX gateway " + settings.gateway() + " failed: " + e.getMessage(), e);
        }
        try (KnxLink current = opened) {
            link = current;
            if (closed) {
                return; // stopped while connecting
            }
            log.info("Connected to the KNX gateway {}.", settings.gateway());
            String reason = current.awaitClose();
            if (!closed) {
                throw new IOException("Lost the connection to the KNX gateway " + settings.gateway() + " (" + reason + ")");
            }
        } finally {
            link = null;
        }
    }

    /** On Calimero's thread: a group value write or response, whatever its address, becomes a raw message. */
    private void onGroupValue(ProcessEvent event) {
        LocalDateTime received = LocalDateTime.ofInstant(context.clock().instant(), ZoneId.systemDefault());
        Telegram telegram = new Telegram(event.getDestination(), event.getSourceAddr().toString(), event.getASDU(),
                event.isLengthOptimizedAPDU(), received);
        context.push(telegram.toRawMessage());
    }

    @Override
    public JsonNode parse(JsonNode rawMessage) {
        Telegram telegram = Telegram.fromRawMessage(rawMessage);
        Datapoint datapoint = settings.datapoints().sensor(telegram.destination()).orElse(null);
        if (datapoint == null) {
            log.debug("Skipped a telegram to {}: no sensor of {}.", Telegram.threeLevel(telegram.destination()),
                    KnxDatapoints.VARIABLE);
            return null;
        }
        if (datapoint.type().isEmpty()) {
            skipped.increment();
            log.debug("Skipped a telegram to {}: {} has no codec.", datapoint.id(), datapoint.ets());
            return null;
        }
        JsonNode value;
        try {
            value = datapoint.type().get().decode(telegram.data());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The telegram to " + datapoint.id() + " from " + telegram.source()
                    + " does not hold a value of its type: " + e.getMessage(), e);
        }
        ObjectNode reading = JsonNodeFactory.instance.objectNode();
        reading.set(datapoint.id(), value);
        return reading;
    }

    /** Every actuator with example value {@code null}, as the original offered them. */
    @Override
    public Map<String, JsonNode> actuators() {
        Map<String, JsonNode> actuators = new LinkedHashMap<>();
        settings.datapoints().actuators().keySet()
                .forEach(id -> actuators.put(id, JsonNodeFactory.instance.nullNode()));
        return actuators;
    }

    @Override
    public void write(String datapointId, JsonNode value, long timestamp) throws IOException, KNXException {
        Datapoint datapoint = settings.datapoints().actuator(datapointId).orElseThrow(() -> new IllegalArgumentException(
                "'" + datapointId + "' is no actuator of " + KnxDatapoints.VARIABLE + " (it has "
                        + settings.datapoints().actuators().keySet() + ")"));
        DatapointType type = datapoint.type().orElseThrow(() -> new IllegalArgumentException(
                "the connector cannot write " + datapoint.ets() + " (" + datapointId + "); the value is not sent"));
        DPTXlator encoded;
        try {
            encoded = type.encode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Refused " + value + " for " + datapointId + ": " + e.getMessage(), e);
        }
        KnxLink current = link;
        if (current == null) {
            throw new IOException("not connected to the KNX gateway " + settings.gateway() + "; " + value + " for "
                    + datapointId + " is not sent");
        }
        current.write(datapoint.address(), encoded);
    }

    @Override
    public void close() {
        closed = true;
        KnxLink current = link;
        if (current != null) {
            current.close();
        }
    }
}
