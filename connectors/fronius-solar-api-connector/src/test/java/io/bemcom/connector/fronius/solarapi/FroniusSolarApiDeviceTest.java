package io.bemcom.connector.fronius.solarapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.bemcom.connector.Flattener;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Parsing and configuration, against the answers of the Fronius Solar API documentation. */
class FroniusSolarApiDeviceTest {

    private static FroniusSolarApiDevice device(String inverterId) {
        return new FroniusSolarApiDevice(new FroniusSolarApiConfig(URI.create("http://192.0.2.10/x"), inverterId,
                Duration.ofSeconds(10)));
    }

    private static Map<String, JsonNode> ids(String answer, String inverterId) {
        return Flattener.flatten(device(inverterId).parse(JsonNodeFactory.instance.stringNode(answer)));
    }

    @Test
    void mergesTheInverterWithTheSiteInTheOriginalsOrderTheSiteWinning() {
        Map<String, JsonNode> ids = ids(SimulatedFroniusInverter.captured(1500.0), "1");

        // Python's dict update: the inverter's keys first, a colliding key keeps its place, the site's value.
        assertThat(new ArrayList<>(ids.keySet())).containsExactly("DT", "P", "E_Day", "E_Year", "E_Total", "Mode",
                "P_Grid", "P_Load", "P_Akku", "P_PV", "rel_SelfConsumption", "rel_Autonomy", "Meter_Location");
        assertThat(ids.get("E_Day")).isEqualTo(JsonValues.of(4100.0));
        assertThat(ids.get("P")).isEqualTo(JsonValues.of(1500));
        assertThat(ids.get("P_Akku").isNull()).isTrue();
    }

    @Test
    void keepsTheNullsOfAGen24AndIgnoresEverythingOutsideTheInverterAndTheSite() {
        Map<String, JsonNode> ids = ids(SimulatedFroniusInverter.GEN24, "1");

        assertThat(ids).containsOnlyKeys("Battery_Mode", "DT", "E_Day", "E_Total", "E_Year", "P", "SOC", "BackupMode",
                "BatteryStandby", "Meter_Location", "Mode", "P_Akku", "P_Grid", "P_Load", "P_PV", "rel_Autonomy",
                "rel_SelfConsumption");
        assertThat(ids.get("E_Day").isNull()).isTrue();
        assertThat(ids.get("rel_SelfConsumption").isNull()).isTrue();
        assertThat(ids.get("SOC")).isEqualTo(JsonValues.of(64.2));
    }

    @Test
    void readsAnotherInverterWhenAsked() {
        assertThat(ids(SimulatedFroniusInverter.TWO_INVERTERS, "2").get("P")).isEqualTo(JsonValues.of(700));
        assertThat(ids(SimulatedFroniusInverter.TWO_INVERTERS, "1").get("P")).isEqualTo(JsonValues.of(1200));
    }

    @Test
    void parsesTheSiteAloneWhenTheInverterIsAbsentOrNull() {
        assertThat(ids(SimulatedFroniusInverter.INVERTER_ASLEEP, "1")).containsEntry("P_Grid", JsonValues.of(412.0))
                .doesNotContainKey("P");
        assertThat(ids("{\"Body\": {\"Data\": {\"Inverters\": null, \"Site\": {\"P_PV\": 5}}}}", "1"))
                .containsOnlyKeys("P_PV");
        assertThat(ids("{\"Body\": {\"Data\": {\"Inverters\": {\"1\": {\"P\": 5}}, \"Site\": null}}}", "1"))
                .containsOnlyKeys("P");
    }

    @Test
    void refusesAnswersWithoutInverterAndSiteOrWithoutJson() {
        for (String answer : List.of(SimulatedFroniusInverter.NOT_AVAILABLE, "{}", "null", "[1]", "\"text\"",
                "{\"Body\": {\"Data\": null}}", "{\"Body\": {\"Data\": {\"Inverters\": {\"1\": 5}, \"Site\": 7}}}")) {
            assertThatThrownBy(() -> ids(answer, "1")).as(answer)
                    .hasMessageStartingWith("Received unexpected content from Fronius API: it has");
        }
        assertThatThrownBy(() -> ids("<html>502 Bad Gateway</html>", "1"))
                .hasMessageStartingWith("Received unexpected content from Fronius API: the answer is no JSON");
    }

    @Test
    void readsItsVariablesWithTheirDefaults() {
        FroniusSolarApiConfig config = FroniusSolarApiConfig.fromEnvironment(new Environment(Map.of(
                "INVERTER_POWERFLOW_URL", "http://192.168.0.44:80/solar_api/v1/GetPowerFlowRealtimeData.fcgi")));

        assertThat(config.powerflowUrl()).hasHost("192.168.0.44").hasPort(80);
        assertThat(config.inverterId()).isEqualTo("1");
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(FroniusSolarApiConfig.fromEnvironment(new Environment(Map.of("INVERTER_POWERFLOW_URL",
                "https://inverter.example/solar_api/v1/GetPowerFlowRealtimeData.fcgi", "INVERTER_ID", "3",
                "HTTP_TIMEOUT_SECONDS", "2.5")))).extracting(FroniusSolarApiConfig::inverterId,
                FroniusSolarApiConfig::timeout).containsExactly("3", Duration.ofMillis(2500));
    }

    @Test
    void refusesEachMalformedVariableNamingIt() {
        assertThatThrownBy(() -> config(Map.of())).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("INVERTER_POWERFLOW_URL is not set");
        assertThatThrownBy(() -> config(Map.of("INVERTER_POWERFLOW_URL", "192.168.0.44/solar_api")))
                .hasMessageStartingWith("INVERTER_POWERFLOW_URL must be an http:// or https:// URL with a host");
        assertThatThrownBy(() -> config(Map.of("INVERTER_POWERFLOW_URL", "ftp://inverter/x")))
                .hasMessageStartingWith("INVERTER_POWERFLOW_URL must be an http:// or https:// URL with a host");
        assertThatThrownBy(() -> config(Map.of("INVERTER_POWERFLOW_URL", "http://admin:s3cret@inverter/x")))
                .hasMessage("INVERTER_POWERFLOW_URL must not contain user information.")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> config(Map.of("INVERTER_POWERFLOW_URL", "http://inverter/x",
                "HTTP_TIMEOUT_SECONDS", "soon"))).hasMessage("HTTP_TIMEOUT_SECONDS must be a number, got 'soon'.");
        assertThatThrownBy(() -> config(Map.of("INVERTER_POWERFLOW_URL", "http://inverter/x",
                "HTTP_TIMEOUT_SECONDS", "0"))).hasMessage("HTTP_TIMEOUT_SECONDS must be positive, got '0'.");
    }

    private static FroniusSolarApiConfig config(Map<String, String> variables) {
        return FroniusSolarApiConfig.fromEnvironment(new Environment(variables));
    }
}
