package io.bemcom.connector.ambus;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.bemcom.connector.ConnectorSettings;
import io.bemcom.connector.http.DeviceHttpClient;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;
import tools.jackson.databind.JsonNode;

/**
 * The connector's own variables.
 *
 * @param soapUrl           {@code AMBUSNETWS_SOAP_URL}: the gateway's web service (the original only logged it)
 * @param meterIds          {@code METER_IDS}: the primary addresses of the meters to read, as written
 * @param maxPollsPerPeriod {@code MAX_POLLS_PER_PERIOD} (default 15): requests per {@code POLL_SECONDS}
 * @param pollInterval      {@code POLL_SECONDS} (the SDK's, required)
 * @param timeout           {@code HTTP_TIMEOUT_SECONDS} (our addition, default 10)
 */
public record AmbusNetConfig(URI soapUrl, List<String> meterIds, int maxPollsPerPeriod, Duration pollInterval,
                             Duration timeout) {

    public static final String URL_VARIABLE = "AMBUSNETWS_SOAP_URL";
    public static final String METERS_VARIABLE = "METER_IDS";
    public static final String MAX_POLLS_VARIABLE = "MAX_POLLS_PER_PERIOD";

    public AmbusNetConfig {
        meterIds = List.copyOf(meterIds);
    }

    public static AmbusNetConfig fromEnvironment(Environment env, ConnectorSettings settings) {
        URI url = DeviceHttpClient.requiredUrl(env, URL_VARIABLE, "the SOAP URL of the AMBUS Net gateway",
                "http://192.0.2.30/AmbusNetWS/Service1.asmx");
        List<String> meters = meterIds(env.required(METERS_VARIABLE, "a JSON array of the meters' ids, e.g. [1, 2]"));
        int maxPolls = env.integer(MAX_POLLS_VARIABLE, 15);
        if (maxPolls < 1) {
            throw new ConfigurationException(MAX_POLLS_VARIABLE + " must be at least 1, got " + maxPolls + ".");
        }
        Duration poll = settings.pollInterval().orElseThrow(() -> new ConfigurationException(
                ConnectorSettings.POLL_SECONDS + " is not set: it must hold the poll period in seconds, e.g. 30."));
        return new AmbusNetConfig(url, meters, maxPolls, poll, DeviceHttpClient.timeoutFromEnvironment(env));
    }

    /** A JSON array of whole numbers ({@code [1, 2]}), also as text ({@code ["1", "2"]}), kept as written. */
    private static List<String> meterIds(String text) {
        JsonNode array;
        try {
            array = JsonValues.parse(text);
        } catch (RuntimeException e) {
            array = null;
        }
        List<String> ids = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode id : array) {
                String written = id.isIntegralNumber() ? id.asString() : id.isString() ? id.stringValue().trim() : "";
                if (!written.matches("\\d{1,9}")) {
                    ids = null;
                    break;
                }
                ids.add(written);
            }
        }
        if (ids == null || ids.isEmpty()) {
            throw new ConfigurationException(METERS_VARIABLE + " must be a JSON array of one or more meter ids (whole"
                    + " numbers from 0), e.g. [1, 2], got '" + text + "'.");
        }
        return ids;
    }

    /** The time between two requests: {@code POLL_SECONDS / MAX_POLLS_PER_PERIOD}. */
    Duration spacing() {
        return pollInterval.dividedBy(maxPollsPerPeriod);
    }
}
