package io.bemcom.connector.homematic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bemcom.connector.ConnectorContext;
import io.bemcom.connector.homematic.xmlrpc.MethodCall;
import io.bemcom.connector.homematic.xmlrpc.XmlRpcFault;
import io.bemcom.connector.homematic.xmlrpc.XmlRpcServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The methods the CCU calls on the connector (the "Logikschicht" methods of the Homematic XML-RPC
 * specification), on the callback server's threads:
 * <ul>
 *   <li>{@code event(interface_id, address, value_key, value)}: a value; pushed to the sensor flow as
 *       the raw message {@code {"iface", "channel", "datapoint", "value"}} (the keys of the original's
 *       raw message), except the {@code PONG} that answers our ping;</li>
 *   <li>{@code listDevices(interface_id)}: the devices we know (address and version), so that the
 *       interface announces only the others with {@code newDevices(interface_id, descriptions)};</li>
 *   <li>{@code deleteDevices}, {@code updateDevice}, {@code replaceDevice}, {@code readdedDevice},
 *       {@code setReadyConfig}: acknowledged (what we cached of those devices is forgotten);</li>
 *   <li>{@code system.listMethods}; {@code system.multicall} is unpacked by the server.</li>
 * </ul>
 * Every callback proves the registration alive ({@link CcuRegistration#contact}).
 */
final class CcuCallbacks implements XmlRpcServer.Methods {

    private static final Logger log = LoggerFactory.getLogger(CcuCallbacks.class);
    static final List<String> METHODS = List.of("system.listMethods", "system.multicall", "event", "listDevices",
            "newDevices", "deleteDevices", "updateDevice", "replaceDevice", "readdedDevice", "setReadyConfig");
    private static final String NOTHING = "";

    private final ConnectorContext context;
    private final Map<String, CcuRegistration> registrations;
    private final Set<String> actuatorDatapoints;
    private final HomematicMetrics metrics;
    private final Consumer<String> forgetChannelsOf;
    /** Interface id → device address → its description's VERSION. */
    private final Map<String, Map<String, Integer>> devices = new ConcurrentHashMap<>();
    /** Channel address → the interface id whose events it came with. */
    private final Map<String, String> interfaceOfChannel = new ConcurrentHashMap<>();
    private final Set<String> offeredActuators = ConcurrentHashMap.newKeySet();

    CcuCallbacks(ConnectorContext context, Map<String, CcuRegistration> registrations, Set<String> actuatorDatapoints,
                 HomematicMetrics metrics, Consumer<String> forgetChannelsOf) {
        this.context = context;
        this.registrations = registrations;
        this.actuatorDatapoints = actuatorDatapoints;
        this.metrics = metrics;
        this.forgetChannelsOf = forgetChannelsOf;
    }

    /** The registration whose events brought {@code channel}, if any did. */
    Optional<CcuRegistration> interfaceOf(String channel) {
        return Optional.ofNullable(interfaceOfChannel.get(channel)).map(registrations::get);
    }

    @Override
    public Object call(MethodCall call) throws XmlRpcFault {
        try {
            Object result = dispatch(call.methodName(), call.params());
            metrics.callback("ok");
            return result;
        } catch (XmlRpcFault fault) {
            metrics.callback("fault");
            log.warn("Answered the CCU's {} with {}.", call.methodName(), fault.toString());
            throw fault;
        }
    }

    @Override
    public void refused(String reason) {
        metrics.callback("refused");
        log.warn("Refused {}.", reason);
    }

    private Object dispatch(String method, List<Object> params) throws XmlRpcFault {
        if (!params.isEmpty() && params.get(0) instanceof String interfaceId) {
            CcuRegistration registration = registrations.get(interfaceId);
            if (registration != null) {
                registration.contact();
            }
        }
        return switch (method) {
            case "system.listMethods" -> METHODS;
            case "event" -> event(params);
            case "listDevices" -> listDevices(params);
            case "newDevices" -> newDevices(params);
            case "deleteDevices" -> deleteDevices(params);
            case "updateDevice", "replaceDevice", "readdedDevice", "setReadyConfig" -> {
                log.debug("The CCU called {}{}.", method, params);
                yield NOTHING;
            }
            default -> throw new XmlRpcFault(XmlRpcFault.METHOD_NOT_FOUND, "no method " + method);
        };
    }

    private Object event(List<Object> params) throws XmlRpcFault {
        String interfaceId = string(params, 0, "event");
        String address = string(params, 1, "event");
        String datapoint = string(params, 2, "event");
        if (params.size() != 4) {
            throw new XmlRpcFault(XmlRpcFault.INVALID_PARAMETERS,
                    "event takes interface_id, address, value_key and value");
        }
        if ("PONG".equals(datapoint)) {
            return NOTHING; // the answer to our ping; the contact is what counts
        }
        CcuRegistration registration = registrations.get(interfaceId);
        if (registration != null) {
            interfaceOfChannel.put(address, interfaceId);
        }
        JsonNode value = XmlRpcJson.toJson(params.get(3));
        String datapointId = address + HomematicDevice.SEPARATOR + datapoint;
        if (actuatorDatapoints.contains(datapoint) && offeredActuators.add(datapointId)) {
            context.offerActuators(Map.of(datapointId, value));
        }
        ObjectNode raw = JsonNodeFactory.instance.objectNode();
        raw.put("iface", registration == null ? interfaceId : registration.iface().name());
        raw.put("channel", address);
        raw.put("datapoint", datapoint);
        raw.set("value", value);
        context.push(raw);
        return NOTHING;
    }

    private Object listDevices(List<Object> params) throws XmlRpcFault {
        String interfaceId = string(params, 0, "listDevices");
        List<Object> known = new ArrayList<>();
        devices.getOrDefault(interfaceId, Map.of()).forEach((address, version) -> {
            Map<String, Object> description = new LinkedHashMap<>();
            description.put("ADDRESS", address);
            description.put("VERSION", version);
            known.add(description);
        });
        return known;
    }

    private Object newDevices(List<Object> params) throws XmlRpcFault {
        String interfaceId = string(params, 0, "newDevices");
        if (params.size() != 2 || !(params.get(1) instanceof List<?> descriptions)) {
            throw new XmlRpcFault(XmlRpcFault.INVALID_PARAMETERS, "newDevices takes interface_id and an array");
        }
        Map<String, Integer> known = devices.computeIfAbsent(interfaceId, id -> new ConcurrentHashMap<>());
        int added = 0;
        for (Object item : descriptions) {
            if (item instanceof Map<?, ?> description && description.get("ADDRESS") instanceof String address) {
                known.put(address, description.get("VERSION") instanceof Integer version ? version : 0);
                added++;
            }
        }
        log.info("The CCU announced {} device(s) and channel(s) on '{}'.", added, interfaceId);
        return NOTHING;
    }

    private Object deleteDevices(List<Object> params) throws XmlRpcFault {
        String interfaceId = string(params, 0, "deleteDevices");
        if (params.size() == 2 && params.get(1) instanceof List<?> addresses) {
            Map<String, Integer> known = devices.computeIfAbsent(interfaceId, id -> new ConcurrentHashMap<>());
            for (Object address : addresses) {
                known.remove(String.valueOf(address));
                interfaceOfChannel.remove(String.valueOf(address));
                forgetChannelsOf.accept(String.valueOf(address));
            }
            log.info("The CCU deleted {} device(s) and channel(s) on '{}'.", addresses.size(), interfaceId);
        }
        return NOTHING;
    }

    private static String string(List<Object> params, int index, String method) throws XmlRpcFault {
        if (params.size() <= index || !(params.get(index) instanceof String text)) {
            throw new XmlRpcFault(XmlRpcFault.INVALID_PARAMETERS,
                    method + " needs a string as parameter " + (index + 1) + ", got " + params);
        }
        return text;
    }
}
