package io.bemcom.connector.dachs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Parsing, actuator values and configuration, with the answers of the GLT description and the original's notes. */
class DachsDeviceTest {

    private static final DachsDevice DEVICE = new DachsDevice(new DachsConfig("192.0.2.20", 8080, "", Duration.ofMinutes(5),
            Duration.ofSeconds(10)), null);

    private static JsonNode parse(String answer) {
        return DEVICE.parse(JsonNodeFactory.instance.stringNode(answer));
    }

    @Test
    void readsOneIdPerKeyValueLineWithFlagsAsOneAndZeroAndNumbersAsNumbers() {
        JsonNode reading = parse("Hka_Bd.ulBetriebssekunden=35289\nHka_Bd_Stat.uchTeilenummer=4700046004\n"
                + "Hka_Bd.UHka_Anf.Anforderung.fStrom=true\nHka_Mw1.Aktor.fWartung=false\nHka_Mw1.Temp.sbAussen=-2.5\n"
                + "Hka_Bd_Stat.ulInbetriebnahmedatum=25.04.2012\n");

        assertThat(new ArrayList<>(reading.propertyNames())).containsExactly("Hka_Bd.ulBetriebssekunden",
                "Hka_Bd_Stat.uchTeilenummer", "Hka_Bd.UHka_Anf.Anforderung.fStrom", "Hka_Mw1.Aktor.fWartung",
                "Hka_Mw1.Temp.sbAussen", "Hka_Bd_Stat.ulInbetriebnahmedatum");
        assertThat(reading.get("Hka_Bd.ulBetriebssekunden")).isEqualTo(JsonValues.of(35289));
        assertThat(reading.get("Hka_Bd_Stat.uchTeilenummer")).isEqualTo(JsonValues.of(4700046004L));
        assertThat(reading.get("Hka_Bd.UHka_Anf.Anforderung.fStrom")).isEqualTo(JsonValues.of(1));
        assertThat(reading.get("Hka_Mw1.Aktor.fWartung")).isEqualTo(JsonValues.of(0));
        assertThat(reading.get("Hka_Mw1.Temp.sbAussen")).isEqualTo(JsonValues.of(-2.5));
        assertThat(reading.get("Hka_Bd_Stat.ulInbetriebnahmedatum")).isEqualTo(JsonValues.of("25.04.2012"));
    }

    @Test
    void keepsEverythingAfterTheFirstEqualsSignAndSkipsLinesWithoutOne() {
        JsonNode reading = parse("a=b=c\r\n*test=Access denied\nno pair here\n=orphan\n\n");

        assertThat(reading.get("a")).isEqualTo(JsonValues.of("b=c"));
        assertThat(reading.get("*test")).isEqualTo(JsonValues.of("Access denied"));
        assertThat(reading.size()).isEqualTo(2);
    }

    @Test
    void refusesAnAnswerWithoutAnyKeyValueLine() {
        assertThatThrownBy(() -> parse("<html><body>Login</body></html>"))
                .hasMessage("The Dachs answered no key=value line: '<html><body>Login</body></html>'");
        assertThatThrownBy(() -> DEVICE.parse(JsonValues.of(Map.of("a", 1)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void takesWholeNumbersOfModulesFromZeroToTenAlsoAsText() {
        assertThat(DachsDevice.modules(JsonValues.of(0))).isZero();
        assertThat(DachsDevice.modules(JsonValues.of(10))).isEqualTo(10);
        assertThat(DachsDevice.modules(JsonValues.of(2.0))).isEqualTo(2);
        assertThat(DachsDevice.modules(JsonValues.of(" 3 "))).isEqualTo(3);
        assertThat(DachsDevice.modules(JsonValues.of("1.0"))).isEqualTo(1);
        for (Object refused : new Object[] {11, -1, 1.5, "two", "", true, Map.of("n", 1)}) {
            assertThatThrownBy(() -> DachsDevice.modules(JsonValues.of(refused))).as(String.valueOf(refused))
                    .hasMessageContaining("takes a whole number of modules from 0 to 10");
        }
        assertThatThrownBy(() -> DachsDevice.modules(JsonValues.of(null))).hasMessageContaining("got null");
    }

    @Test
    void refusesCommandsForOtherIdsBeforeSendingAnything() {
        assertThatThrownBy(() -> DEVICE.write("Stromf_Ew.Anforderung_GLT.bAnzahlModule", JsonValues.of(1), 0))
                .hasMessageContaining("is no actuator of the Dachs");
    }

    @Test
    void readsItsVariablesWithTheirDefaultsAndNeverShowsThePassword() {
        DachsConfig config = DachsConfig.fromEnvironment(new Environment(Map.of("DACHS_IP", "dachs.example.com")));
        assertThat(config).extracting(DachsConfig::host, DachsConfig::port, DachsConfig::password,
                DachsConfig::resendInterval, DachsConfig::timeout)
                .containsExactly("dachs.example.com", 8080, "", Duration.ofMinutes(5), Duration.ofSeconds(10));

        DachsConfig withPassword = DachsConfig.fromEnvironment(new Environment(Map.of("DACHS_IP", "192.0.2.20",
                "DACHS_PORT", "18080", "DACHS_GLT_PASSWORD", "pw-123", "DACHS_RESEND_SECONDS", "0.5")));
        assertThat(withPassword.password()).isEqualTo("pw-123");
        assertThat(withPassword.resendInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(withPassword.toString()).doesNotContain("pw-123").contains("password=***");
    }

    @Test
    void refusesEachMalformedVariableNamingIt() {
        assertThatThrownBy(() -> config(Map.of())).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("DACHS_IP is not set");
        assertThatThrownBy(() -> config(Map.of("DACHS_IP", "http://dachs"))).hasMessageStartingWith("DACHS_IP must be a host");
        assertThatThrownBy(() -> config(Map.of("DACHS_IP", "dachs:8080"))).hasMessageStartingWith("DACHS_IP must be a host");
        assertThatThrownBy(() -> config(Map.of("DACHS_IP", "da chs"))).hasMessageStartingWith("DACHS_IP must be a host");
        assertThatThrownBy(() -> config(Map.of("DACHS_IP", "dachs", "DACHS_PORT", "eighty")))
                .hasMessage("DACHS_PORT must be an integer, got 'eighty'.");
        assertThatThrownBy(() -> config(Map.of("DACHS_IP", "dachs", "DACHS_PORT", "0")))
                .hasMessageStartingWith("DACHS_PORT must be a port from 1 to 65535");
        assertThatThrownBy(() -> config(Map.of("DACHS_IP", "dachs", "DACHS_RESEND_SECONDS", "0")))
                .hasMessage("DACHS_RESEND_SECONDS must be positive, got '0'.");
        assertThatThrownBy(() -> config(Map.of("DACHS_IP", "dachs", "HTTP_TIMEOUT_SECONDS", "x")))
                .hasMessageStartingWith("HTTP_TIMEOUT_SECONDS must be a number");
    }

    private static DachsConfig config(Map<String, String> variables) {
        return DachsConfig.fromEnvironment(new Environment(variables));
    }
}
