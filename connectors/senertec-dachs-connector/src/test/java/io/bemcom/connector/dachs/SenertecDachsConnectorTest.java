package io.bemcom.connector.dachs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
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

/** The whole connector: a simulated Dachs over real HTTP on one side, the real broker on the other. */
class SenertecDachsConnectorTest {

    private static final Duration WAIT = ConnectorOnBroker.WAIT;
    private static final String MODULES = "Stromf_Ew.Anforderung_GLT.bAnzahlModule";

    private final SimulatedDachs dachs = new SimulatedDachs();
    private final ConnectorOnBroker mqtt = HttpConnectorOnBroker.create("dachs");
    private ConnectorRun run;

    @AfterEach
    void stop() {
        mqtt.close();
        dachs.close();
    }

    private void start(String... extraVariables) {
        run = mqtt.start(DachsDevice::create, Map.of("DACHS_IP", "127.0.0.1", "DACHS_PORT", String.valueOf(dachs.port()),
                "DACHS_GLT_PASSWORD", SimulatedDachs.PASSWORD), extraVariables);
    }

    private List<String> moduleWrites() {
        return dachs.writes().stream().map(form -> form.get(MODULES)).toList();
    }

    @Test
    void passesTheConformanceChecks() {
        start();

        ConnectorConformance.forConnector(mqtt.name(), mqtt.broker())
                .sensor("Hka_Bd.bStoerung")
                .sensor("Hka_Mw1.Temp.sbVorlauf")
                .actuator(DachsDevice.ACTUATOR, JsonValues.of(1), () -> moduleWrites().contains("1"))
                .verify();
    }

    @Test
    void publishesEveryKeyOfTheAnswerUnderItsNameWithFlagsAsOneAndZero() {
        start();
        mqtt.map(DachsDevice.KEYS, List.of());

        for (String key : DachsDevice.KEYS) {
            JsonNode value = mqtt.awaitValue(key);
            String sent = SimulatedDachs.VALUES.get(key);
            String expected = sent.equals("true") ? "1" : sent.equals("false") ? "0" : sent;
            assertThat(value.isNumber()).as(key).isTrue();
            assertThat(value.decimalValue()).as(key).isEqualByComparingTo(expected);
        }
        assertThat(mqtt.awaitValue("Hka_Bd.UHka_Anf.Anforderung.fStrom")).isEqualTo(JsonValues.of(1));
        assertThat(mqtt.awaitValue("Hka_Mw1.Aktor.fFreiAltWaerm")).isEqualTo(JsonValues.of(0));
        assertThat(mqtt.awaitValue("Hka_Mw1.Temp.sbAussen")).isEqualTo(JsonValues.of(-2.5));
        assertThat(mqtt.awaitValue("Hka_Bd_Stat.uchTeilenummer").longValue()).isEqualTo(4700046004L);
    }

    @Test
    void asksForTheOriginalsKeysInOneGetAsUserGlt() {
        start();
        await().atMost(WAIT).until(() -> !dachs.http().requests("/getKey").isEmpty());

        HttpRequestRecord request = dachs.http().requests("/getKey").get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.query()).isEqualTo(String.join("", DachsDevice.KEYS.stream().map(k -> "k=" + k + "&").toList()));
        assertThat(request.queryValues("k")).hasSize(67).containsExactlyElementsOf(DachsDevice.KEYS);
        assertThat(request.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString(("glt:" + SimulatedDachs.PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void requestsModulesReadsTheRequestBackAndSendsItAgainUntilTheNextCommand() {
        start("DACHS_RESEND_SECONDS", "0.3");
        mqtt.map(List.of("Hka_Bd.Anforderung.ModulAnzahl"), List.of(DachsDevice.ACTUATOR));

        mqtt.command(DachsDevice.ACTUATOR, JsonValues.of(2), () -> moduleWrites().contains("2"));
        assertThat(dachs.writes().get(0)).containsExactly(Map.entry("Stromf_Ew.Anforderung_GLT.bAktiv", "1"),
                Map.entry(MODULES, "2"));
        mqtt.awaitValue("Hka_Bd.Anforderung.ModulAnzahl", value -> value.intValue() == 2);
        await().atMost(WAIT).until(() -> moduleWrites().stream().filter("2"::equals).count() >= 3);

        mqtt.commandOnce(DachsDevice.ACTUATOR, JsonValues.of("0"));
        await().atMost(WAIT).until(() -> moduleWrites().contains("0"));
        int firstZero = moduleWrites().indexOf("0");
        assertThat(dachs.writes().get(firstZero)).containsEntry("Stromf_Ew.Anforderung_GLT.bAktiv", "0");
        await().atMost(WAIT).until(() -> moduleWrites().size() >= firstZero + 3);
        assertThat(moduleWrites().subList(firstZero, moduleWrites().size())).containsOnly("0");
        mqtt.awaitValue("Hka_Bd.Anforderung.ModulAnzahl", value -> value.intValue() == 0);
    }

    @Test
    void stopsSendingTheRequestAgainWhenTheConnectorStops() throws Exception {
        start("DACHS_RESEND_SECONDS", "0.2");
        mqtt.map(List.of(), List.of(DachsDevice.ACTUATOR));
        mqtt.command(DachsDevice.ACTUATOR, JsonValues.of(3), () -> moduleWrites().size() >= 2);

        mqtt.stopConnector();
        int sent = dachs.writes().size();
        Thread.sleep(1_000);

        assertThat(dachs.writes()).hasSize(sent);
    }

    @Test
    void refusesModuleCountsTheDachsDoesNotTakeWithoutSendingThem() {
        start();
        mqtt.map(List.of(), List.of(DachsDevice.ACTUATOR));
        List<JsonNode> refused = List.of(JsonValues.of(11), JsonValues.of(-1), JsonValues.of(1.5), JsonValues.of("two"),
                JsonValues.of(true));

        mqtt.command(DachsDevice.ACTUATOR, refused.get(0), () -> run.commands("failed") >= 1);
        refused.subList(1, refused.size()).forEach(value -> mqtt.commandOnce(DachsDevice.ACTUATOR, value));
        await().atMost(WAIT).until(() -> run.commands("failed") >= refused.size());
        mqtt.awaitLog(LogMessage.ERROR, "takes a whole number of modules from 0 to 10, got \"two\"; nothing was sent");
        assertThat(dachs.writes()).isEmpty();

        mqtt.command(DachsDevice.ACTUATOR, JsonValues.of("4"), () -> moduleWrites().contains("4"));
    }

    @Test
    void countsAFailedRequestAndSendsItAgainOnceTheDachsIsBack() {
        start("DACHS_RESEND_SECONDS", "0.5");
        mqtt.map(List.of(), List.of(DachsDevice.ACTUATOR));
        dachs.http().stop();

        mqtt.command(DachsDevice.ACTUATOR, JsonValues.of(5), () -> run.commands("failed") >= 1);
        mqtt.awaitLog(LogMessage.ERROR, "cannot connect to http://127.0.0.1:" + dachs.port() + "/setKeys");
        dachs.http().restart();

        await().atMost(WAIT).until(() -> moduleWrites().contains("5"));
    }

    @Test
    void neverShowsTheGltPasswordInLogsRawMessagesOrErrors() {
        start("SEND_RAW_MESSAGE_TO_DB", "TRUE");
        mqtt.map(List.of("Hka_Bd.bStoerung"), List.of(DachsDevice.ACTUATOR));
        mqtt.awaitValue("Hka_Bd.bStoerung");
        mqtt.command(DachsDevice.ACTUATOR, JsonValues.of(1), () -> moduleWrites().contains("1"));

        dachs.http().requireBasicAuth("glt", "changed");
        mqtt.awaitLog(LogMessage.ERROR, "Could not read data from Dachs. HTTP status code is: 401");
        mqtt.command(DachsDevice.ACTUATOR, JsonValues.of(2), () -> run.commands("failed") >= 1);
        mqtt.awaitLog(LogMessage.ERROR, "Could not write data to Dachs. HTTP status code is: 401");

        String encoded = Base64.getEncoder().encodeToString(("glt:" + SimulatedDachs.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        List<String> published = new ArrayList<>();
        mqtt.logs().messages().forEach(log -> published.add(log.msg()));
        mqtt.rawMessages().messages().forEach(raw -> published.add(JsonValues.toJson(raw.rawMessage())));
        assertThat(published).isNotEmpty().noneMatch(text -> text.contains(SimulatedDachs.PASSWORD) || text.contains(encoded));
    }

    @Test
    void carriesOnWhenTheDachsDisappearsAndComesBack() {
        start();
        mqtt.map(List.of("Hka_Mw1.sWirkleistung"), List.of());
        mqtt.awaitValue("Hka_Mw1.sWirkleistung");

        dachs.http().stop();
        double failedBefore = run.failedReadings();
        await().atMost(WAIT).until(() -> run.failedReadings() >= failedBefore + 2);
        dachs.set("Hka_Mw1.sWirkleistung", "4.9");
        dachs.http().restart();

        mqtt.awaitValue("Hka_Mw1.sWirkleistung", value -> value.doubleValue() == 4.9);
        assertThat(run.connector().exitCode()).isZero();
    }

    @Test
    void countsSlowMalformedAndRefusedAnswersAndCarriesOn() {
        start();
        mqtt.map(List.of("Hka_Mw1.sWirkleistung"), List.of());
        mqtt.awaitValue("Hka_Mw1.sWirkleistung");

        dachs.http().answerSlowly(Duration.ofSeconds(3));
        mqtt.awaitLog(LogMessage.ERROR, "no answer from http://127.0.0.1:" + dachs.port() + "/getKey within 1.0 s");
        dachs.http().answerSlowly(Duration.ZERO);
        dachs.http().answerEverythingWith(Answer.garbage());
        mqtt.awaitLog(LogMessage.ERROR, "The Dachs answered no key=value line");
        dachs.http().answerEverythingWith(Answer.status(500, "Internal Server Error"));
        mqtt.awaitLog(LogMessage.ERROR, "Could not read data from Dachs. HTTP status code is: 500");
        assertThat(run.failedReadings()).isGreaterThanOrEqualTo(2);
        assertThat(run.readings("parse_failed")).isPositive();
        dachs.set("Hka_Mw1.sWirkleistung", "5.1");
        dachs.http().answerEverythingWith(null);

        mqtt.awaitValue("Hka_Mw1.sWirkleistung", value -> value.doubleValue() == 5.1);
    }

    @Test
    void storesTheAnswerAsRawMessageThatParsesAgainToTheSameReading() throws Exception {
        start("SEND_RAW_MESSAGE_TO_DB", "TRUE");
        mqtt.map(List.of("Hka_Mw1.Temp.sbVorlauf"), List.of());
        long published = mqtt.awaitValue("Hka_Mw1.Temp.sbVorlauf", value -> true).timestamp();

        RawMessage raw = mqtt.rawMessages().await(m -> m.message().timestamp() == published, WAIT).message();
        assertThat(raw.rawMessage().stringValue()).startsWith("Hka_Bd.Anforderung.ModulAnzahl=1\n")
                .contains("\nHka_Mw1.Temp.sbVorlauf=72.6\n");
        JsonNode reparsed = run.<DachsDevice>device().parse(raw.rawMessage());
        assertThat(reparsed.get("Hka_Mw1.Temp.sbVorlauf")).isEqualTo(JsonValues.of(72.6));
        assertThat(reparsed.size()).isEqualTo(67);
    }
}
