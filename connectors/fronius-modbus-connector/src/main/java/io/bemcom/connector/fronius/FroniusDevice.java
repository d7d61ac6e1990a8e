package io.bemcom.connector.fronius;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bemcom.connector.modbus.JsonInput;
import io.bemcom.connector.modbus.ModbusClient;
import io.bemcom.connector.modbus.ModbusFunction;
import io.bemcom.connector.modbus.ModbusPollingDevice;
import io.bemcom.connector.modbus.ModbusTcpSettings;
import io.bemcom.connector.modbus.WriteRequest;
import io.bemcom.protocol.config.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Fronius Symo GEN24 connector's device. Polling, decoding, retries, reconnecting and the
 * register codec are modbus-base's ({@link ModbusPollingDevice}); what is Fronius' own:
 * <ul>
 *   <li>datapoint ids as the original Fronius connector named them: sensors
 *       {@code <read_function>__<address>} (no unit), actuators
 *       {@code <write_function>__<address>__<unit>} offering the example value {@code "0"};</li>
 *   <li>every sensor value published as a string, as the original's {@code str(value)}: integers
 *       {@code "5000"}, floats as Python prints them {@code "23.502307128906253"}, coils and
 *       discrete inputs {@code "1"}/{@code "0"}, {@code ?} registers {@code "True"}/{@code "False"};</li>
 *   <li>register writes scaled by the entry's {@code scaling_factor}, and a write of WMaxLimPct
 *       ({@code MODBUS_W_MAX_LIM_PCT}) followed by writing 1 to WMaxLim_Ena
 *       ({@code MODBUS_W_MAX_LIM_ENA}) on the same unit, both before the next poll.</li>
 * </ul>
 */
public final class FroniusDevice extends ModbusPollingDevice {

    /** The original offered every actuator with this example value. */
    static final String EXAMPLE_VALUE = "0";

    private static final Logger log = LoggerFactory.getLogger(FroniusDevice.class);

    private final FroniusConfig config;
    private final FroniusSettings fronius;

    public FroniusDevice(FroniusConfig config, FroniusSettings fronius, ModbusTcpSettings modbus, ModbusClient client) {
        super(config, modbus, client);
        this.config = config;
        this.fronius = fronius;
    }

    /** Builds the device from the environment; configuration errors name the variable or part of MODBUS_CONFIG. */
    public static FroniusDevice fromEnvironment(Environment env) {
        ModbusTcpSettings modbus = ModbusTcpSettings.fromEnvironment(env);
        FroniusSettings fronius = FroniusSettings.fromEnvironment(env);
        FroniusConfig config = configFromEnvironment(env, FroniusConfig::parse);
        return new FroniusDevice(config, fronius, modbus, clientFor(modbus));
    }

    /** {@code {"<read_function>": {"<address>": "<value as text>"}}}; units collapse as in the original. */
    @Override
    public JsonNode parse(JsonNode rawMessage) {
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> byFunction : decode(rawMessage).properties()) {
            boolean bits = !ModbusFunction.fromConfigKey(byFunction.getKey()).orElseThrow().usesRegisters();
            ObjectNode byAddress = message.withObjectProperty(byFunction.getKey());
            for (Map.Entry<String, JsonNode> byUnit : byFunction.getValue().properties()) {
                for (Map.Entry<String, JsonNode> value : byUnit.getValue().properties()) {
                    byAddress.put(value.getKey(), text(value.getValue(), bits));
                }
            }
        }
        return message.isEmpty() ? null : message;
    }

    /** Python's {@code str()} of what the original had: int, float, bool; coils as 1/0. */
    static String text(JsonNode value, boolean bit) {
        if (value.isBoolean()) {
            if (bit) {
                return value.booleanValue() ? "1" : "0";
            }
            return value.booleanValue() ? "True" : "False";
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        if (value.isNumber()) {
            return PythonFloats.repr(value.doubleValue());
        }
        return value.asString();
    }

    @Override
    public Map<String, JsonNode> actuators() {
        Map<String, JsonNode> actuators = new LinkedHashMap<>();
        for (FroniusWriteTarget target : config.writeTargets()) {
            actuators.put(target.datapointId(), JsonNodeFactory.instance.stringNode(EXAMPLE_VALUE));
        }
        return actuators;
    }

    @Override
    public void write(String datapointId, JsonNode value, long timestamp) throws Exception {
        FroniusWriteTarget target = config.writeTarget(datapointId).orElseThrow(() -> new IllegalArgumentException(
                "'" + datapointId + "' is no actuator of MODBUS_CONFIG (it has " + actuators().keySet() + ")"));
        session.write(requests(target, value));
    }

    /** What a command sends: the coil, or the scaled register (and WMaxLim_Ena after WMaxLimPct). */
    List<WriteRequest> requests(FroniusWriteTarget target, JsonNode value) {
        List<WriteRequest> requests = new ArrayList<>();
        if (target.function() == ModbusFunction.WRITE_COIL) {
            requests.add(WriteRequest.coil(target.unit(), target.address(), coil(value)));
            return requests;
        }
        requests.add(WriteRequest.register(target.unit(), target.address(), scaledRegister(target, value)));
        if (target.address() == fronius.wMaxLimPct()) {
            log.info("Power limit to change (WMaxLimPct). Writing additional register WMaxLim_Ena ({}) on unit {}.",
                    fronius.wMaxLimEna(), target.unit());
            int enable = codec.encode(target.datatypes(), JsonNodeFactory.instance.numberNode(1))[0];
            requests.add(WriteRequest.register(target.unit(), fronius.wMaxLimEna(), enable));
        }
        return requests;
    }

    /**
     * The original: {@code False if int(value) == 0 else True}. We take that (any number, also as a
     * string: zero is off, anything else on) and also true/false.
     */
    static boolean coil(JsonNode value) {
        try {
            return JsonInput.bool(value, "a coil");
        } catch (IllegalArgumentException notBoolean) {
            try {
                return JsonInput.decimal(value, "a coil").signum() != 0;
            } catch (IllegalArgumentException notNumber) {
                throw new IllegalArgumentException("expected a number (0 is off, anything else on) or true/false"
                        + " for a coil, got " + JsonInput.quote(value));
            }
        }
    }

    /**
     * {@code value * scaling_factor}, computed exactly in decimal (so 0.29 * 100 is 29, not
     * 28.999999999999996), rounded half to even to a whole number for integer codes (the original
     * failed on any fraction), then encoded with the entry's datatypes.
     */
    int scaledRegister(FroniusWriteTarget target, JsonNode value) {
        BigDecimal scaled = JsonInput.decimal(value, "a register value").multiply(target.scalingFactor());
        char code = target.datatypes().fields().get(0).code();
        JsonNode encoded;
        if (code == 'e' || code == 'f' || code == 'd') {
            encoded = JsonNodeFactory.instance.numberNode(scaled.doubleValue());
        } else {
            BigDecimal whole = scaled.setScale(0, RoundingMode.HALF_EVEN);
            if (whole.compareTo(scaled) != 0) {
                log.info("Rounded {} * {} = {} to {} for the whole-number datatype '{}'.", JsonInput.quote(value),
                        target.scalingFactor().toPlainString(), scaled.toPlainString(), whole.toPlainString(),
                        target.datatypes());
            }
            encoded = JsonNodeFactory.instance.numberNode(whole.toBigInteger());
        }
        return codec.encode(target.datatypes(), encoded)[0];
    }
}
