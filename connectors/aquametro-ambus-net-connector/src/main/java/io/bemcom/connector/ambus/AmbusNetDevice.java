package io.bemcom.connector.ambus;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import io.bemcom.connector.ConnectorContext;
import io.bemcom.connector.PollingDevice;
import io.bemcom.connector.http.DeviceHttpClient;
import io.bemcom.connector.http.NodeRedValues;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Meters behind an aquametro AMBUS Net gateway, read through its SOAP 1.1 web service as the
 * original's Node-RED flows read them:
 * <ul>
 *   <li>every {@code POLL_SECONDS} one {@code getMeter} request per meter of {@code METER_IDS}, one
 *       after the other and at most {@code MAX_POLLS_PER_PERIOD} per {@code POLL_SECONDS} (a request
 *       waits for its turn; none is dropped);</li>
 *   <li>each answer (ISO-8859-1) is a raw message of its own, {@code {"primAddr": "<id>", "response": "<the
 *       SOAP envelope>"}}, with the time it arrived;</li>
 *   <li>the reading is {@code {"meter_<id>": <getMeterResult as xml2js makes it>}} flattened as the
 *       Node-RED template flattens, so the ids keep the array indices of the original
 *       ({@code meter_2__opTime__0__value__0}).</li>
 * </ul>
 * A SOAP fault, an HTTP error or a gateway that does not answer costs that meter's reading of this
 * period: logged, counted in {@code bemcom.connector.ambus.requests{result=soap_fault|failed}}, and the
 * other meters are read as planned.
 */
public final class AmbusNetDevice implements PollingDevice {

    private static final Logger log = LoggerFactory.getLogger(AmbusNetDevice.class);
    static final String REQUESTS_METRIC = "bemcom.connector.ambus.requests";

    private final AmbusNetConfig config;
    private final ConnectorContext context;
    private final DeviceHttpClient http;
    private final RateLimit rateLimit;

    public AmbusNetDevice(AmbusNetConfig config, ConnectorContext context) {
        this.config = config;
        this.context = context;
        this.http = new DeviceHttpClient(config.timeout());
        this.rateLimit = new RateLimit(config.spacing());
    }

    /** The factory {@code main} uses; throws a configuration error naming the variable. */
    public static AmbusNetDevice create(ConnectorContext context) {
        return new AmbusNetDevice(AmbusNetConfig.fromEnvironment(context.environment(), context.settings()), context);
    }

    @Override
    public void start(ConnectorContext context) {
        log.info("AMBUSNETWS_SOAP_URL: {}, METER_IDS: {}, POLL_SECONDS: {}, MAX_POLLS_PER_PERIOD: {}",
                DeviceHttpClient.describe(config.soapUrl()), config.meterIds(),
                config.pollInterval().toMillis() / 1000.0, config.maxPollsPerPeriod());
        if (config.meterIds().size() > config.maxPollsPerPeriod()) {
            log.warn("METER_IDS names {} meters but MAX_POLLS_PER_PERIOD allows {} requests per period: each meter is"
                    + " read less often than every POLL_SECONDS.", config.meterIds().size(), config.maxPollsPerPeriod());
        }
    }

    /** The SOAP request of the original for one meter, byte for byte (its gateway needed exactly this). */
    static String request(String meter) {
        return "\n<?xml version='1.0' encoding='UTF-8'?>\n"
                + "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\">\n"
                + "    <S:Body>\n"
                + "        <getMeter xmlns=\"http://tempuri.org/\">\n"
                + "            <primAddr>\n"
                + "                " + meter + "\n"
                + "            </primAddr>\n"
                + "        </getMeter>\n"
                + "    </S:Body>\n"
                + "</S:Envelope>";
    }

    /** Reads every meter once, spaced by the rate limit; each answer is pushed as it arrives. */
    @Override
    public JsonNode read() throws InterruptedException {
        for (String meter : config.meterIds()) {
            rateLimit.awaitTurn();
            readMeter(meter);
        }
        return null;
    }

    private void readMeter(String meter) throws InterruptedException {
        DeviceHttpClient.Answer answer;
        try {
            answer = http.send(HttpRequest.newBuilder(config.soapUrl())
                    .header("Content-Type", "text/xml; charset=utf-8")
                    .header("SOAPAction", "\"http://tempuri.org/getMeter\"")
                    .POST(HttpRequest.BodyPublishers.ofString(request(meter), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            failed(meter, e.getMessage());
            return;
        }
        String text = answer.text(StandardCharsets.ISO_8859_1);
        Optional<String> fault = faultIn(text);
        if (fault.isPresent()) {
            count("soap_fault");
            log.error("AMBUS Net answered the request for meter {} with a SOAP fault: {}; trying again in the next"
                    + " period.", meter, fault.get());
        } else if (!answer.isOk()) {
            failed(meter, answer.from() + " answered with HTTP status " + answer.status());
        } else {
            count("ok");
            ObjectNode raw = JsonNodeFactory.instance.objectNode();
            raw.put("primAddr", meter);
            raw.put("response", text);
            context.push(raw);
        }
    }

    private static Optional<String> faultIn(String text) {
        try {
            return SoapXml.fault(SoapXml.parse(text));
        } catch (IllegalArgumentException notXml) {
            return Optional.empty(); // parse() reports it
        }
    }

    private void failed(String meter, String reason) {
        count("failed");
        log.error("Reading meter {} failed: {}; trying again in the next period.", meter, reason);
    }

    private void count(String result) {
        MeterRegistry registry = context.meterRegistry();
        registry.counter(REQUESTS_METRIC, "result", result).increment();
    }

    @Override
    public JsonNode parse(JsonNode rawMessage) {
        JsonNode meter = rawMessage.path("primAddr");
        JsonNode response = rawMessage.path("response");
        if (!meter.isString() || !response.isString()) {
            throw new IllegalArgumentException("The raw message has no primAddr and response texts: " + rawMessage);
        }
        Document document;
        try {
            document = SoapXml.parse(response.stringValue());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The answer for meter " + meter.stringValue() + " is " + e.getMessage());
        }
        Element result = SoapXml.body(document)
                .flatMap(body -> SoapXml.childByLocalName(body, "getMeterResponse"))
                .flatMap(answer -> SoapXml.childByLocalName(answer, "getMeterResult"))
                .orElseThrow(() -> new IllegalArgumentException("The answer for meter " + meter.stringValue()
                        + " has no soap:Envelope/soap:Body/getMeterResponse/getMeterResult; its root is <"
                        + document.getDocumentElement().getNodeName() + "> with "
                        + SoapXml.childNames(document.getDocumentElement()) + "."));
        ObjectNode reading = JsonNodeFactory.instance.objectNode();
        reading.set("meter_" + meter.stringValue(), SoapXml.xml2js(result));
        return NodeRedValues.flatten(reading);
    }
}
