package io.bemcom.connector.ambus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.bemcom.connector.http.testing.HttpConnectorOnBroker;
import io.bemcom.connector.testkit.ConnectorConformance;
import io.bemcom.connector.testkit.ConnectorOnBroker;
import io.bemcom.connector.testkit.ConnectorRun;
import io.bemcom.connector.testkit.http.Answer;
import io.bemcom.connector.testkit.http.HttpRequestRecord;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.LogMessage;
import io.bemcom.protocol.RawMessage;
import tools.jackson.databind.JsonNode;

/** The whole connector: a simulated AMBUS Net gateway over real HTTP on one side, the real broker on the other. */
class AquametroAmbusNetConnectorTest {

    private static final Duration WAIT = ConnectorOnBroker.WAIT;
    private static final String POWER = "meter_2__channel__0__Channel__0__P__0__value__0";

    private final SimulatedAmbusNet gateway = new SimulatedAmbusNet();
    private final ConnectorOnBroker mqtt = HttpConnectorOnBroker.create("ambus");
    private ConnectorRun run;

    @AfterEach
    void stop() {
        mqtt.close();
        gateway.close();
    }

    private void start(String meterIds, String... extraVariables) {
        run = mqtt.start(AmbusNetDevice::create, Map.of("AMBUSNETWS_SOAP_URL", gateway.url(), "METER_IDS", meterIds,
                "MAX_POLLS_PER_PERIOD", "10"), extraVariables);
    }

    private double requests(String result) {
        return run.count(AmbusNetDevice.REQUESTS_METRIC, result);
    }

    @Test
    void passesTheConformanceChecks() {
        start("[1, 2]");

        ConnectorConformance.forConnector(mqtt.name(), mqtt.broker())
                .sensor("meter_1__primAddr__0")
                .sensor("meter_2__opTime__0__value__0")
                .verify();
    }

    @Test
    void publishesEveryValueOfACapturedMeterAnswerUnderTheOriginalsIds() {
        start("[2]");
        Map<String, JsonNode> expected = new LinkedHashMap<>();
        expected.put("meter_2__primAddr__0", JsonValues.of(2));
        expected.put("meter_2__deviceName__0", JsonValues.of("CALEC ST"));
        expected.put("meter_2__desc__0", JsonValues.of("Wärmezähler Heizung Süd"));
        expected.put("meter_2__type__0", JsonValues.of(4));
        expected.put("meter_2__info__0", JsonValues.of("M-Bus"));
        expected.put("meter_2__supplier__0", JsonValues.of("AQM"));
        expected.put("meter_2__serial__0", JsonValues.of("05331543"));
        expected.put("meter_2__medium__0", JsonValues.of("Heat"));
        expected.put("meter_2__instPoint__0", JsonValues.of("Heizzentrale"));
        expected.put("meter_2__readout__0", JsonValues.of("09.01.20 17:33"));
        expected.put("meter_2__status__0", JsonValues.of("ok"));
        expected.put("meter_2__opTime__0__value__0", JsonValues.of(46753));
        expected.put("meter_2__opTime__0__unit__0", JsonValues.of("h"));
        expected.put("meter_2__errorTime__0__value__0", JsonValues.of(0));
        expected.put("meter_2__errorTime__0__unit__0", JsonValues.of("h"));
        expected.put(POWER, JsonValues.of(0.0));
        expected.put("meter_2__channel__0__Channel__0__P__0__unit__0", JsonValues.of("kW"));
        expected.put("meter_2__channel__0__Channel__0__E__0__value__0", JsonValues.of(1234.567));
        expected.put("meter_2__channel__0__Channel__0__Tf__0__unit__0", JsonValues.of("°C"));
        expected.put("meter_2__channel__0__Channel__1__P__0__value__0", JsonValues.of(1.25));
        mqtt.map(List.copyOf(expected.keySet()), List.of());

        expected.forEach((id, value) -> assertThat(mqtt.awaitValue(id)).as(id).isEqualTo(value));
    }

    @Test
    void sendsTheOriginalsSoapRequestForEachMeterToTheConfiguredUrl() {
        start("[2, \"7\"]");
        await().atMost(WAIT).until(() -> gateway.requestedMeters().containsAll(List.of("2", "7")));

        HttpRequestRecord request = gateway.http().requests(SimulatedAmbusNet.PATH).get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("SOAPAction")).isEqualTo("\"http://tempuri.org/getMeter\"");
        assertThat(request.header("Content-Type")).isEqualTo("text/xml; charset=utf-8");
        assertThat(request.bodyText()).isEqualTo("""

                <?xml version='1.0' encoding='UTF-8'?>
                <S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/">
                    <S:Body>
                        <getMeter xmlns="http://tempuri.org/">
                            <primAddr>
                                2
                            </primAddr>
                        </getMeter>
                    </S:Body>
                </S:Envelope>""");
    }

    @Test
    void sendsAtMostMaxPollsPerPeriodRequestsPerPeriodAndReadsEveryMeterInTurn() {
        start("[1, 2, 3, 4, 5]", "POLL_SECONDS", "1", "MAX_POLLS_PER_PERIOD", "2");
        mqtt.map(List.of("meter_1__status__0", "meter_5__status__0"), List.of());

        mqtt.awaitValue("meter_5__status__0");
        await().atMost(WAIT).until(() -> gateway.requestedMeters().size() >= 7);

        assertThat(gateway.requestedMeters().subList(0, 7)).containsExactly("1", "2", "3", "4", "5", "1", "2");
        List<HttpRequestRecord> requests = gateway.http().requests(SimulatedAmbusNet.PATH);
        for (int i = 1; i < requests.size(); i++) {
            long gapMillis = (requests.get(i).receivedNanos() - requests.get(i - 1).receivedNanos()) / 1_000_000;
            assertThat(gapMillis).as("time between requests %d and %d", i - 1, i).isGreaterThanOrEqualTo(450);
        }
        assertThat(requests("failed")).isZero();
    }

    @Test
    void logsAndCountsASoapFaultAndReadsTheOtherMetersOn() {
        gateway.fault("7", "Server was unable to process request. ---&gt; Meter 7 does not answer.");
        start("[7, 2]");
        mqtt.map(List.of(POWER, "meter_7__status__0"), List.of());

        mqtt.awaitLog(LogMessage.ERROR, "AMBUS Net answered the request for meter 7 with a SOAP fault: soap:Server: "
                + "Server was unable to process request. ---> Meter 7 does not answer.");
        await().atMost(WAIT).until(() -> requests("soap_fault") >= 2);
        gateway.power("2", "   12.500");
        mqtt.awaitValue(POWER, value -> value.doubleValue() == 12.5);
        gateway.fault("7", null);

        mqtt.awaitValue("meter_7__status__0");
        assertThat(run.readings("parse_failed")).isZero();
        assertThat(run.connector().exitCode()).isZero();
    }

    @Test
    void refusesAnAnswerWithADocumentTypeAndNeverFetchesItsExternalEntities() {
        gateway.http().serve("/leak", Answer.text("leaked"));
        String xxe = SimulatedAmbusNet.CALEC_ST.formatted("2", "    0.000")
                .replace("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n", """
                        <?xml version="1.0" encoding="ISO-8859-1"?>
                        <!DOCTYPE soap:Envelope [
                          <!ENTITY leak SYSTEM "%s">
                          <!ENTITY file SYSTEM "file:///etc/passwd">
                        ]>
                        """.formatted(gateway.http().url("/leak")))
                .replace("<deviceName>CALEC ST</deviceName>", "<deviceName>&leak;&file;</deviceName>");
        gateway.http().answerEverythingWith(Answer.xml(xxe, java.nio.charset.StandardCharsets.ISO_8859_1));
        start("[2]");
        mqtt.map(List.of("meter_2__deviceName__0"), List.of());

        mqtt.awaitLog(LogMessage.ERROR, "The answer for meter 2 is no well-formed XML without a document type");
        await().atMost(WAIT).until(() -> run.readings("parse_failed") >= 2);

        assertThat(gateway.http().requests("/leak")).isEmpty();
        assertThat(mqtt.values().all()).isEmpty();
        assertThat(mqtt.logs().messages()).noneMatch(log -> log.msg().contains("root:"));
    }

    @Test
    void carriesOnWhenTheGatewayDisappearsAndComesBack() {
        start("[2]");
        mqtt.map(List.of(POWER), List.of());
        mqtt.awaitValue(POWER);

        gateway.http().stop();
        await().atMost(WAIT).until(() -> requests("failed") >= 2);
        mqtt.awaitLog(LogMessage.ERROR, "Reading meter 2 failed: cannot connect to " + gateway.url());
        gateway.power("2", "    3.000");
        gateway.http().restart();

        mqtt.awaitValue(POWER, value -> value.doubleValue() == 3.0);
    }

    @Test
    void countsSlowMalformedAndErrorAnswersAndCarriesOn() {
        start("[2]");
        mqtt.map(List.of(POWER), List.of());
        mqtt.awaitValue(POWER);

        gateway.http().answerSlowly(Duration.ofSeconds(3));
        mqtt.awaitLog(LogMessage.ERROR, "Reading meter 2 failed: no answer from " + gateway.url() + " within 1.0 s");
        gateway.http().answerSlowly(Duration.ZERO);
        gateway.http().answerEverythingWith(Answer.garbage());
        mqtt.awaitLog(LogMessage.ERROR, "The answer for meter 2 is no well-formed XML");
        gateway.http().answerEverythingWith(Answer.xml("<html><body>Service unavailable</body></html>",
                java.nio.charset.StandardCharsets.ISO_8859_1));
        mqtt.awaitLog(LogMessage.ERROR, "has no soap:Envelope/soap:Body/getMeterResponse/getMeterResult; its root is <html>");
        gateway.http().answerEverythingWith(Answer.status(404, "Not Found"));
        mqtt.awaitLog(LogMessage.ERROR, "Reading meter 2 failed: " + gateway.url() + " answered with HTTP status 404");
        assertThat(requests("failed")).isGreaterThanOrEqualTo(2);
        gateway.power("2", "    4.000");
        gateway.http().answerEverythingWith(null);

        mqtt.awaitValue(POWER, value -> value.doubleValue() == 4.0);
    }

    @Test
    void storesEachAnswerAsRawMessageThatParsesAgainToTheSameReading() throws Exception {
        start("[2]", "SEND_RAW_MESSAGE_TO_DB", "TRUE");
        mqtt.map(List.of("meter_2__desc__0"), List.of());
        long published = mqtt.awaitValue("meter_2__desc__0", value -> true).timestamp();

        RawMessage raw = mqtt.rawMessages().await(m -> m.message().timestamp() == published, WAIT).message();
        assertThat(raw.rawMessage().get("primAddr")).isEqualTo(JsonValues.of("2"));
        assertThat(raw.rawMessage().get("response").stringValue())
                .isEqualTo(SimulatedAmbusNet.CALEC_ST.formatted("2", "    0.000"));
        JsonNode reparsed = run.<AmbusNetDevice>device().parse(raw.rawMessage());
        assertThat(reparsed.get("meter_2__desc__0")).isEqualTo(JsonValues.of("Wärmezähler Heizung Süd"));
    }
}
