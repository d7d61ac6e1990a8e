package io.bemcom.connector.ambus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.bemcom.connector.ConnectorSettings;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;
import tools.jackson.databind.JsonNode;

/** The SOAP request, parsing into the original's ids, configuration and the rate limit. */
class AmbusNetDeviceTest {

    private static final AmbusNetDevice DEVICE = new AmbusNetDevice(new AmbusNetConfig(URI.create("http://192.0.2.30/a"),
            List.of("2"), 15, Duration.ofSeconds(30), Duration.ofSeconds(10)), null);

    private static JsonNode parse(String meter, String response) {
        return DEVICE.parse(JsonValues.of(Map.of("primAddr", meter, "response", response)));
    }

    @Test
    void writesTheOriginalsRequestByteForByte() {
        // The body of the original's request node (connectors.md 4.9), with its leading newline and spaces.
        assertThat(AmbusNetDevice.request("2")).isEqualTo("\n<?xml version='1.0' encoding='UTF-8'?>\n"
                + "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\">\n    <S:Body>\n"
                + "        <getMeter xmlns=\"http://tempuri.org/\">\n            <primAddr>\n                2\n"
                + "            </primAddr>\n        </getMeter>\n    </S:Body>\n</S:Envelope>");
    }

    @Test
    void parsesACapturedAnswerIntoTheOriginalsIdsWithArrayIndices() {
        JsonNode reading = parse("2", SimulatedAmbusNet.CALEC_ST.formatted("2", "    0.000"));

        assertThat(reading.propertyNames()).contains("meter_2__primAddr__0", "meter_2__deviceName__0",
                "meter_2__status__0", "meter_2__opTime__0__value__0", "meter_2__opTime__0__unit__0",
                "meter_2__channel__0__Channel__0__P__0__value__0", "meter_2__channel__0__Channel__1__P__0__value__0");
        assertThat(reading.get("meter_2__primAddr__0")).isEqualTo(JsonValues.of(2));
        assertThat(reading.get("meter_2__serial__0")).isEqualTo(JsonValues.of("05331543"));
        assertThat(reading.get("meter_2__opTime__0__value__0")).isEqualTo(JsonValues.of(46753));
        assertThat(reading.get("meter_2__channel__0__Channel__0__P__0__value__0").doubleValue()).isZero();
        assertThat(reading.get("meter_2__desc__0")).isEqualTo(JsonValues.of("Wärmezähler Heizung Süd"));
        assertThat(reading.size()).isEqualTo(23);
    }

    @Test
    void findsTheResultWhateverPrefixTheEnvelopeUses() {
        JsonNode reading = parse("3", "<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body>"
                + "<getMeterResponse xmlns=\"http://tempuri.org/\"><getMeterResult><status>ok</status></getMeterResult>"
                + "</getMeterResponse></e:Body></e:Envelope>");

        assertThat(reading).isEqualTo(JsonValues.of(Map.of("meter_3__status__0", "ok")));
    }

    @Test
    void refusesRawMessagesWithoutAResult() {
        assertThatThrownBy(() -> parse("7", SimulatedAmbusNet.fault("boom")))
                .hasMessageStartingWith("The answer for meter 7 has no soap:Envelope/soap:Body/getMeterResponse/"
                        + "getMeterResult; its root is <soap:Envelope> with [soap:Body]");
        assertThatThrownBy(() -> DEVICE.parse(JsonValues.of(Map.of("primAddr", "2"))))
                .hasMessageStartingWith("The raw message has no primAddr and response texts");
    }

    @Test
    void readsItsVariablesWithTheirDefaults() {
        AmbusNetConfig config = config(Map.of("AMBUSNETWS_SOAP_URL", "http://127.0.0.1/AmbusNetWS/Service1.asmx",
                "METER_IDS", "[1, 2]", "POLL_SECONDS", "30"));

        assertThat(config.soapUrl()).isEqualTo(URI.create("http://127.0.0.1/AmbusNetWS/Service1.asmx"));
        assertThat(config.meterIds()).containsExactly("1", "2");
        assertThat(config.maxPollsPerPeriod()).isEqualTo(15);
        assertThat(config.spacing()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config(Map.of("AMBUSNETWS_SOAP_URL", "http://h/x", "METER_IDS", "[\"05\", 250]",
                "POLL_SECONDS", "1", "MAX_POLLS_PER_PERIOD", "4")).meterIds()).containsExactly("05", "250");
    }

    @Test
    void refusesEachMalformedVariableNamingIt() {
        Map<String, String> good = Map.of("AMBUSNETWS_SOAP_URL", "http://h/x", "METER_IDS", "[1]", "POLL_SECONDS", "30");
        assertThatThrownBy(() -> config(without(good, "AMBUSNETWS_SOAP_URL"))).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("AMBUSNETWS_SOAP_URL is not set");
        assertThatThrownBy(() -> config(with(good, "AMBUSNETWS_SOAP_URL", "141.21.47.85/AmbusNetWS")))
                .hasMessageStartingWith("AMBUSNETWS_SOAP_URL must be an http:// or https:// URL");
        assertThatThrownBy(() -> config(without(good, "METER_IDS"))).hasMessageStartingWith("METER_IDS is not set");
        for (String meters : List.of("1, 2", "[]", "[1.5]", "[-1]", "[\"a\"]", "{\"1\": 2}", "[[1]]")) {
            assertThatThrownBy(() -> config(with(good, "METER_IDS", meters))).as(meters)
                    .hasMessageStartingWith("METER_IDS must be a JSON array of one or more meter ids");
        }
        assertThatThrownBy(() -> config(with(good, "MAX_POLLS_PER_PERIOD", "0")))
                .hasMessage("MAX_POLLS_PER_PERIOD must be at least 1, got 0.");
        assertThatThrownBy(() -> config(with(good, "MAX_POLLS_PER_PERIOD", "many")))
                .hasMessage("MAX_POLLS_PER_PERIOD must be an integer, got 'many'.");
        assertThatThrownBy(() -> config(without(good, "POLL_SECONDS"))).hasMessageStartingWith("POLL_SECONDS is not set");
        assertThatThrownBy(() -> config(with(good, "HTTP_TIMEOUT_SECONDS", "-2")))
                .hasMessageStartingWith("HTTP_TIMEOUT_SECONDS must be positive");
    }

    @Test
    void spacesRequestsAcrossPolls() throws InterruptedException {
        RateLimit limit = new RateLimit(Duration.ofMillis(100));
        long start = System.nanoTime();
        for (int i = 0; i < 4; i++) {
            limit.awaitTurn();
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
    }

    private static AmbusNetConfig config(Map<String, String> variables) {
        Environment env = new Environment(variables);
        return AmbusNetConfig.fromEnvironment(env, ConnectorSettings.fromEnvironment(
                new Environment(with(variables, "MQTT_BROKER_HOST", "localhost"))));
    }

    private static Map<String, String> with(Map<String, String> variables, String name, String value) {
        Map<String, String> copy = new java.util.HashMap<>(variables);
        copy.put(name, value);
        return copy;
    }

    private static Map<String, String> without(Map<String, String> variables, String name) {
        Map<String, String> copy = new java.util.HashMap<>(variables);
        copy.remove(name);
        return copy;
    }
}
