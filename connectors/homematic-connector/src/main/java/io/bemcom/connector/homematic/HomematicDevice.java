package io.bemcom.connector.homematic;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bemcom.connector.ConnectorContext;
import io.bemcom.connector.Device;
import io.bemcom.connector.homematic.xmlrpc.MalformedXmlRpcException;
import io.bemcom.connector.homematic.xmlrpc.XmlRpcClient;
import io.bemcom.connector.homematic.xmlrpc.XmlRpcFault;
import io.bemcom.connector.homematic.xmlrpc.XmlRpcServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Homematic CCU over XML-RPC. At start it serves the callback methods on
 * {@code CALLBACK_XMLRPC_PORT} and registers at each configured interface of the CCU (BidCos-RF
 * by default); the CCU then calls back with an {@code event} for every value, which becomes the
 * reading {@code {<channel>: {<DATAPOINT>: value}}}, i.e. the id {@code <channel>__<DATAPOINT>}
 * (e.g. {@code OEQ1573206:2__SET_TEMPERATURE}), with the time the callback arrived.
 * Datapoints named in {@code CCU_ACTUATOR_DATAPOINTS} ({@code SET_TEMPERATURE}) are offered as
 * actuators once the CCU reported them; a written value is cast to the datapoint's type in the
 * CCU's paramset description, checked against its MIN/MAX and sent with {@code setValue}.
 */
final class HomematicDevice implements Device {

    private static final Logger log = LoggerFactory.getLogger(HomematicDevice.class);
    static final String SEPARATOR = "__";
    private static final int CALLBACK_THREADS = 4;

    private final HomematicConfig config;
    private final ConnectorContext context;
    private final HomematicMetrics metrics;
    /** Interface id → its registration, in the order of {@code CCU_INTERFACES}. */
    private final Map<String, CcuRegistration> registrations = new LinkedHashMap<>();
    /** Channel address → its interface and paramset description ("VALUES"), fetched on the first write. */
    private final Map<String, Described> descriptions = new ConcurrentHashMap<>();
    private CcuCallbacks callbacks;
    private XmlRpcServer server;

    HomematicDevice(HomematicConfig config, ConnectorContext context) {
        this.config = config;
        this.context = context;
        this.metrics = new HomematicMetrics(context.meterRegistry());
    }

    static HomematicDevice create(ConnectorContext context) {
        return new HomematicDevice(HomematicConfig.fromEnvironment(context.environment()), context);
    }

    /** Serves the callbacks, then registers at the CCU (and keeps registering while it does not answer). */
    @Override
    public void start(ConnectorContext ignored) throws IOException {
        config.binRpcPort().ifPresent(port -> log.info("CALLBACK_BINRPC_PORT ({}) is not used: the connector speaks"
                + " XML-RPC with every CCU interface.", port));
        HttpClient http = HttpClient.newBuilder().connectTimeout(config.rpcTimeout()).build();
        String name = context.settings().name();
        for (CcuInterface iface : config.interfaces()) {
            String interfaceId = name + "_" + iface.name();
            registrations.put(interfaceId, new CcuRegistration(iface, interfaceId,
                    new XmlRpcClient(http, iface.uri(config.ccuHost()), config.rpcTimeout()), config.callbackUrl(),
                    config.pingTimeout(), context.clock(), metrics));
        }
        callbacks = new CcuCallbacks(context, registrations, config.actuatorDatapoints(), metrics, descriptions::remove);
        try {
            server = XmlRpcServer.start(new InetSocketAddress(config.callbackPort()), CALLBACK_THREADS,
                    name + "-ccu-callback", callbacks);
        } catch (IOException e) {
            throw new IOException("cannot serve the CCU's callbacks on port " + config.callbackPort()
                    + " (CALLBACK_XMLRPC_PORT): " + e.getMessage(), e);
        }
        log.info("Serving the CCU's callbacks on port {} ({}).", config.callbackPort(), config.callbackUrl());
        // First registration at once, then the watch; both on the connector's task thread, never overlapping.
        context.later(Duration.ZERO, "registering at the CCU", this::checkRegistrations);
        Duration period = Duration.ofMillis(Math.max(100, config.pingTimeout().toMillis() / 6));
        context.every(period, "watching the CCU registrations", this::checkRegistrations);
    }

    private void checkRegistrations() {
        registrations.values().forEach(CcuRegistration::check);
    }

    @Override
    public JsonNode parse(JsonNode raw) {
        return reading(raw);
    }

    /**
     * {@code {"channel": c, "datapoint": d, "value": v}} → {@code {c: {d: v}}}; other keys (the
     * original's raw messages have many) are ignored.
     */
    static JsonNode reading(JsonNode raw) {
        String channel = raw.path("channel").asString("");
        String datapoint = raw.path("datapoint").asString("");
        if (channel.isEmpty() || datapoint.isEmpty() || !raw.has("value")) {
            throw new IllegalArgumentException("a raw message needs channel, datapoint and value, got " + raw);
        }
        ObjectNode reading = JsonNodeFactory.instance.objectNode();
        reading.putObject(channel).set(datapoint, raw.get("value"));
        return reading;
    }

    /**
     * Writes {@code <channel>__<DATAPOINT>} with {@code setValue}, the value cast as the CCU's
     * description of the datapoint says; refused (nothing sent) when it does not fit.
     */
    @Override
    public void write(String datapointId, JsonNode value, long timestamp)
            throws IOException, XmlRpcFault, MalformedXmlRpcException {
        int separator = datapointId.indexOf(SEPARATOR);
        if (separator <= 0 || separator + SEPARATOR.length() == datapointId.length()) {
            throw new IllegalArgumentException("'" + datapointId + "' is not <channel>__<DATAPOINT>");
        }
        String channel = datapointId.substring(0, separator);
        String datapoint = datapointId.substring(separator + SEPARATOR.length());
        Described described = describe(channel);
        ParameterDescription parameter = ParameterDescription.in(described.description(), datapoint);
        if (parameter == null) {
            throw new IllegalArgumentException("the CCU describes no datapoint " + datapoint + " on " + channel);
        }
        Object cast = parameter.cast(value);
        XmlRpcClient client = described.registration().client();
        try {
            client.call("setValue", channel, datapoint, cast);
        } catch (XmlRpcFault fault) {
            metrics.call("setValue", "fault");
            throw new XmlRpcFault(fault.code(), "the CCU refused setValue(" + channel + ", " + datapoint + ", " + cast
                    + "): " + fault.faultString());
        } catch (IOException | MalformedXmlRpcException e) {
            metrics.call("setValue", "failed");
            throw e;
        }
        metrics.call("setValue", "ok");
        log.info("Set {} {} to {} on the CCU's {} interface.", channel, datapoint, cast,
                described.registration().iface().name());
    }

    private record Described(CcuRegistration registration, Map<?, ?> description) {
    }

    /**
     * The paramset description of {@code channel}, asked of the interface whose events brought it
     * (else of each interface in turn: the first that knows the channel) and kept.
     */
    private Described describe(String channel) throws IOException, MalformedXmlRpcException {
        Described known = descriptions.get(channel);
        if (known != null) {
            return known;
        }
        List<CcuRegistration> candidates = new ArrayList<>();
        callbacks.interfaceOf(channel).ifPresent(candidates::add);
        registrations.values().stream().filter(r -> !candidates.contains(r)).forEach(candidates::add);
        XmlRpcFault lastFault = null;
        for (CcuRegistration registration : candidates) {
            Object answer;
            try {
                answer = registration.client().call("getParamsetDescription", channel, "VALUES");
            } catch (XmlRpcFault fault) {
                metrics.call("getParamsetDescription", "fault");
                lastFault = fault;
                continue;
            } catch (IOException | MalformedXmlRpcException e) {
                metrics.call("getParamsetDescription", "failed");
                throw e;
            }
            metrics.call("getParamsetDescription", "ok");
            if (!(answer instanceof Map<?, ?> description)) {
                throw new MalformedXmlRpcException("the CCU's description of " + channel + " is no struct");
            }
            Described found = new Described(registration, description);
            descriptions.put(channel, found);
            return found;
        }
        throw new IllegalArgumentException("no CCU interface knows the channel " + channel
                + (lastFault == null ? "" : " (" + lastFault + ")"));
    }

    /** Unregisters from the CCU and stops serving callbacks. */
    @Override
    public void close() {
        registrations.values().forEach(CcuRegistration::unregister);
        if (server != null) {
            server.close();
        }
    }
}
