package io.bemcom.connector.fronius.solarapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.bemcom.connector.http.testing.HttpConnectorOnBroker;
import io.bemcom.connector.testkit.ConnectorConformance;
import io.bemcom.connector.testkit.ConnectorOnBroker;
import io.bemcom.connector.testkit.ConnectorRun;
import io.bemcom.connector.testkit.http.Answer;
import io.bemcom.connector.testkit.http.HttpDeviceSimulator;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.LogMessage;
import io.bemcom.protocol.RawMessage;
import tools.jackson.databind.JsonNode;

/** The whole connector: a simulated inverter over real HTTP on one side, the real broker on the other. */
class FroniusSolarApiConnectorTest {

    private static final Duration WAIT = ConnectorOnBroker.WAIT;
    private static final List<String> CAPTURED_IDS = List.of("DT", "P", "E_Day", "E_Year", "E_Total", "Mode", "P_Grid",
            "P_Load", "P_Akku", "P_PV", "rel_SelfConsumption", "rel_Autonomy", "Meter_Location");

    private final HttpDeviceSimulator inverter = SimulatedFroniusInverter.start();
    private final ConnectorOnBroker mqtt = HttpConnectorOnBroker.create("fronius-solar-api");
    private ConnectorRun run;

    @AfterEach
    void stop() {
        mqtt.close();
        inverter.close();
    }

    private void start(String... extraVariables) {
        run = mqtt.start(FroniusSolarApiDevice::create, Map.of("INVERTER_POWERFLOW_URL", url()), extraVariables);
    }

    private String url() {
        return inverter.url(SimulatedFroniusInverter.PATH);
    }

    private void answer(String json) {
        inverter.serve(SimulatedFroniusInverter.PATH, Answer.json(json));
    }

    @Test
    void passesTheConformanceChecks() {
        start();

        ConnectorConformance.forConnector(mqtt.name(), mqtt.broker())
                .sensor("P_PV")
                .sensor("P_Grid")
                .sensor("P")
                .sensor("E_Total")
                .verify();
    }

    @Test
    void publishesEveryValueOfTheCapturedAnswerUnderTheOriginalsIdsWithTheSitesValuesWinning() {
        start();
        mqtt.map(CAPTURED_IDS, List.of());

        assertThat(mqtt.awaitValue("DT").intValue()).isEqualTo(1);
        assertThat(mqtt.awaitValue("P").intValue()).isEqualTo(1500);
        assertThat(mqtt.awaitValue("E_Day").doubleValue()).as("the site's, not the inverter's 1.0").isEqualTo(4100.0);
        assertThat(mqtt.awaitValue("E_Year").doubleValue()).isEqualTo(812000.0);
        assertThat(mqtt.awaitValue("E_Total").doubleValue()).isEqualTo(5100000.0);
        assertThat(mqtt.awaitValue("Mode").stringValue()).isEqualTo("meter");
        assertThat(mqtt.awaitValue("P_Grid").doubleValue()).isEqualTo(-100.0);
        assertThat(mqtt.awaitValue("P_Load").doubleValue()).isEqualTo(-1400.0);
        assertThat(mqtt.awaitValue("P_Akku").isNull()).isTrue();
        assertThat(mqtt.awaitValue("P_PV").doubleValue()).isEqualTo(1500.0);
        assertThat(mqtt.awaitValue("rel_SelfConsumption").doubleValue()).isEqualTo(93.3);
        assertThat(mqtt.awaitValue("rel_Autonomy").doubleValue()).isEqualTo(100.0);
        assertThat(mqtt.awaitValue("Meter_Location").stringValue()).isEqualTo("grid");
        assertThat(inverter.requests(SimulatedFroniusInverter.PATH)).allMatch(r -> r.method().equals("GET"));
    }

    @Test
    void publishesTheNullsOfAGen24AsNullValuesBesideItsNumbers() {
        answer(SimulatedFroniusInverter.GEN24);
        start();
        mqtt.map(List.of("E_Day", "E_Year", "rel_SelfConsumption", "SOC", "Battery_Mode", "BackupMode", "P_Akku", "P"),
                List.of());

        assertThat(mqtt.awaitValue("E_Day").isNull()).isTrue();
        assertThat(mqtt.awaitValue("E_Year").isNull()).isTrue();
        assertThat(mqtt.awaitValue("rel_SelfConsumption").isNull()).isTrue();
        assertThat(mqtt.awaitValue("SOC").doubleValue()).isEqualTo(64.2);
        assertThat(mqtt.awaitValue("Battery_Mode").stringValue()).isEqualTo("normal");
        assertThat(mqtt.awaitValue("BackupMode").booleanValue()).isFalse();
        assertThat(mqtt.awaitValue("P_Akku").doubleValue()).isEqualTo(-812.4);
        assertThat(mqtt.awaitValue("P").doubleValue()).isEqualTo(2310.5);
    }

    @Test
    void readsTheInverterThatInverterIdNames() {
        answer(SimulatedFroniusInverter.TWO_INVERTERS);
        start("INVERTER_ID", "2");
        mqtt.map(List.of("P", "P_PV"), List.of());

        assertThat(mqtt.awaitValue("P").intValue()).isEqualTo(700);
        assertThat(mqtt.awaitValue("P_PV").doubleValue()).isEqualTo(1900.0);
    }

    @Test
    void publishesTheSitesValuesWhileTheInverterSleepsAndTheInvertersOnceItIsBack() {
        answer(SimulatedFroniusInverter.INVERTER_ASLEEP);
        start();
        mqtt.map(List.of("P_Grid", "P"), List.of());

        assertThat(mqtt.awaitValue("P_Grid").doubleValue()).isEqualTo(412.0);
        mqtt.awaitLog(LogMessage.WARNING, "Inverter \"1\" is not in the Fronius API's answer");
        answer(SimulatedFroniusInverter.captured(1500.0));

        assertThat(mqtt.awaitValue("P").intValue()).isEqualTo(1500);
        assertThat(run.readings("parse_failed")).isZero();
    }

    @Test
    void countsAnInverterThatAnswersTooSlowlyAndResumesWhenItIsFastAgain() {
        start();
        mqtt.map(List.of("P_PV"), List.of());
        mqtt.awaitValue("P_PV");

        inverter.answerSlowly(Duration.ofSeconds(3));
        LogMessage logged = mqtt.awaitLog(LogMessage.ERROR, "no answer from " + url() + " within 1.0 s");
        assertThat(logged.msg()).startsWith("Reading the device failed");
        assertThat(run.failedReadings()).isPositive();
        answer(SimulatedFroniusInverter.captured(1700.0));
        inverter.answerSlowly(Duration.ZERO);

        mqtt.awaitValue("P_PV", value -> value.doubleValue() == 1700.0);
    }

    @Test
    void carriesOnWhenTheInverterDisappearsAndComesBack() {
        start();
        mqtt.map(List.of("P_PV"), List.of());
        mqtt.awaitValue("P_PV");

        inverter.stop();
        double failedBefore = run.failedReadings();
        await().atMost(WAIT).until(() -> run.failedReadings() >= failedBefore + 2);
        mqtt.awaitLog(LogMessage.ERROR, "cannot connect to " + url());
        answer(SimulatedFroniusInverter.captured(1800.0));
        inverter.restart();

        mqtt.awaitValue("P_PV", value -> value.doubleValue() == 1800.0);
        assertThat(run.connector().exitCode()).isZero();
    }

    @Test
    void countsMalformedAnswersAndErrorStatusesAndCarriesOn() {
        start();
        mqtt.map(List.of("P_PV"), List.of());
        mqtt.awaitValue("P_PV");

        inverter.answerEverythingWith(Answer.garbage());
        mqtt.awaitLog(LogMessage.ERROR, "Received unexpected content from Fronius API: the answer is no JSON");
        inverter.answerEverythingWith(Answer.json(SimulatedFroniusInverter.NOT_AVAILABLE));
        mqtt.awaitLog(LogMessage.ERROR, "it has neither Body.Data.Inverters[\"1\"] nor Body.Data.Site (Head.Status: "
                + "Code 8, Reason \"Transfer timeout.\")");
        inverter.answerEverythingWith(Answer.status(500, "Internal Server Error"));
        mqtt.awaitLog(LogMessage.ERROR, "answered with HTTP status 500");
        assertThat(run.readings("parse_failed")).isGreaterThanOrEqualTo(2);
        assertThat(run.failedReadings()).isPositive();
        answer(SimulatedFroniusInverter.captured(1900.0));
        inverter.answerEverythingWith(null);

        mqtt.awaitValue("P_PV", value -> value.doubleValue() == 1900.0);
    }

    @Test
    void storesTheAnswerAsRawMessageThatParsesAgainToTheSameReading() throws Exception {
        start("SEND_RAW_MESSAGE_TO_DB", "TRUE");
        mqtt.map(List.of("P_PV"), List.of());
        long published = mqtt.awaitValue("P_PV", value -> true).timestamp();

        RawMessage raw = mqtt.rawMessages().await(m -> m.message().timestamp() == published, WAIT).message();
        assertThat(raw.rawMessage().stringValue()).isEqualTo(SimulatedFroniusInverter.captured(1500.0));
        JsonNode reparsed = run.<FroniusSolarApiDevice>device().parse(raw.rawMessage());
        assertThat(reparsed.get("P_PV")).isEqualTo(JsonValues.of(1500.0));
        assertThat(reparsed.get("E_Total")).isEqualTo(JsonValues.of(5100000.0));
    }
}
