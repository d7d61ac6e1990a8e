package io.bemcom.connector.fronius.solarapi;

import java.net.URI;
import java.time.Duration;

import io.bemcom.connector.http.DeviceHttpClient;
import io.bemcom.protocol.config.Environment;

/**
 * The connector's own variables.
 *
 * @param powerflowUrl {@code INVERTER_POWERFLOW_URL}: the URL of {@code GetPowerFlowRealtimeData}
 * @param inverterId   {@code INVERTER_ID} (our addition, default {@code 1}): which entry of
 *                     {@code Body.Data.Inverters} is merged with the site's values
 * @param timeout      {@code HTTP_TIMEOUT_SECONDS} (our addition, default 10)
 */
public record FroniusSolarApiConfig(URI powerflowUrl, String inverterId, Duration timeout) {

    public static final String URL_VARIABLE = "INVERTER_POWERFLOW_URL";
    public static final String INVERTER_ID_VARIABLE = "INVERTER_ID";
    public static final String DEFAULT_INVERTER_ID = "1";

    public static FroniusSolarApiConfig fromEnvironment(Environment env) {
        URI url = DeviceHttpClient.requiredUrl(env, URL_VARIABLE, "the URL of the inverter's power flow",
                "http://192.0.2.10/solar_api/v1/GetPowerFlowRealtimeData.fcgi");
        return new FroniusSolarApiConfig(url, env.string(INVERTER_ID_VARIABLE, DEFAULT_INVERTER_ID).trim(),
                DeviceHttpClient.timeoutFromEnvironment(env));
    }
}
