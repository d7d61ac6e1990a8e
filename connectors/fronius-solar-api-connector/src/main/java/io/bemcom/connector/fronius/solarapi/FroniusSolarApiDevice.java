package io.bemcom.connector.fronius.solarapi;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bemcom.connector.ConnectorContext;
import io.bemcom.connector.PollingDevice;
import io.bemcom.connector.http.DeviceHttpClient;
import io.bemcom.protocol.JsonValues;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads {@code GetPowerFlowRealtimeData} of the Fronius Solar API every {@code POLL_SECONDS}. The raw
 * message is the answer's text, as the original's; the reading is the inverter's object
 * {@code Body.Data.Inverters["<INVERTER_ID>"]} merged with {@code Body.Data.Site}, the site's value
 * winning where both have a key (e.g. {@code E_Total}). Its keys are the datapoint ids ({@code P},
 * {@code SOC}, {@code P_PV}, {@code P_Grid}, ...); values keep their JSON types, {@code null}
 * included (a GEN24 reports {@code E_Day}, {@code E_Year} and others as {@code null}).
 */
public final class FroniusSolarApiDevice implements PollingDevice {

    private static final Logger log = LoggerFactory.getLogger(FroniusSolarApiDevice.class);
    static final String UNEXPECTED = "Received unexpected content from Fronius API: ";

    private final FroniusSolarApiConfig config;
    private final DeviceHttpClient http;
    private boolean inverterAbsent;

    public FroniusSolarApiDevice(FroniusSolarApiConfig config) {
        this.config = config;
        this.http = new DeviceHttpClient(config.timeout());
    }

    /** The factory {@code main} uses; throws a configuration error naming the variable. */
    public static FroniusSolarApiDevice create(ConnectorContext context) {
        return new FroniusSolarApiDevice(FroniusSolarApiConfig.fromEnvironment(context.environment()));
    }

    @Override
    public void start(ConnectorContext context) {
        log.info("Reading the power flow of inverter \"{}\" and the site from {} (time limit {} s).",
                config.inverterId(), DeviceHttpClient.describe(config.powerflowUrl()),
                config.timeout().toMillis() / 1000.0);
    }

    @Override
    public JsonNode read() throws IOException, InterruptedException {
        DeviceHttpClient.Answer answer = http.send(HttpRequest.newBuilder(config.powerflowUrl()).GET()
                .header("Accept", "application/json"));
        if (!answer.isOk()) {
            throw new IOException(answer.from() + " answered with HTTP status " + answer.status());
        }
        return JsonNodeFactory.instance.stringNode(answer.text(StandardCharsets.UTF_8));
    }

    @Override
    public JsonNode parse(JsonNode rawMessage) {
        JsonNode answer = rawMessage.isString() ? json(rawMessage.stringValue()) : rawMessage;
        JsonNode data = answer.path("Body").path("Data");
        if (!data.isObject()) {
            throw new IllegalArgumentException(UNEXPECTED + "it has no object Body.Data" + headStatus(answer) + ".");
        }
        JsonNode inverter = data.path("Inverters").path(config.inverterId());
        JsonNode site = data.path("Site");
        if (!inverter.isObject() && !site.isObject()) {
            throw new IllegalArgumentException(UNEXPECTED + "it has neither Body.Data.Inverters[\""
                    + config.inverterId() + "\"] nor Body.Data.Site" + headStatus(answer) + ".");
        }
        reportInverterPresence(inverter.isObject(), data.path("Inverters"));
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        if (inverter.isObject()) {
            merged.setAll((ObjectNode) inverter);
        }
        if (site.isObject()) {
            merged.setAll((ObjectNode) site); // the site's value wins, in the inverter key's place
        }
        return merged;
    }

    /** Once per absence: an inverter that sleeps at night, or an INVERTER_ID the system does not have. */
    private void reportInverterPresence(boolean present, JsonNode inverters) {
        if (present) {
            inverterAbsent = false;
        } else if (!inverterAbsent) {
            inverterAbsent = true;
            List<String> ids = inverters.isObject()
                    ? inverters.properties().stream().map(Map.Entry::getKey).toList() : List.of();
            log.warn("Inverter \"{}\" is not in the Fronius API's answer (it has {}); only the site's values are"
                    + " published until it is back.", config.inverterId(), ids);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JsonValues.parse(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(UNEXPECTED + "the answer is no JSON (" + e.getOriginalMessage() + ").");
        }
    }

    private static String headStatus(JsonNode answer) {
        JsonNode status = answer.path("Head").path("Status");
        if (!status.isObject()) {
            return "";
        }
        return " (Head.Status: Code " + status.path("Code") + ", Reason " + status.path("Reason") + ")";
    }
}
