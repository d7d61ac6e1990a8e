package io.bemcom.connector.homematic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;

/** The connector's variables: the original's names, our defaults, and an error naming each bad one. */
class HomematicConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("CCU_DNS_NAME", "ccu.example.org");
        env.put("CALLBACK_DNS_NAME", "bemcom.example.org");
        env.put("CALLBACK_XMLRPC_PORT", "2070");
        return env;
    }

    private static HomematicConfig read(Map<String, String> env) {
        return HomematicConfig.fromEnvironment(new Environment(env));
    }

    @Test
    void needsOnlyTheCcuTheCallbackNameAndItsPort() {
        HomematicConfig config = read(minimal());

        assertThat(config.ccuHost()).isEqualTo("ccu.example.org");
        assertThat(config.callbackUrl()).isEqualTo(URI.create("http://bemcom.example.org:2070"));
        assertThat(config.binRpcPort()).isEmpty();
        assertThat(config.interfaces()).containsExactly(new CcuInterface("BidCos-RF", 2001, "/"));
        assertThat(config.interfaces().get(0).uri(config.ccuHost())).isEqualTo(URI.create("http://ccu.example.org:2001/"));
        assertThat(config.pingTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.rpcTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.actuatorDatapoints()).isEqualTo(Set.of("SET_TEMPERATURE"));
    }

    @Test
    void readsEveryVariable() {
        Map<String, String> env = minimal();
        env.put("CALLBACK_BINRPC_PORT", "2069");
        env.put("CCU_INTERFACES", "BidCos-RF, HmIP-RF, VirtualDevices, CUxD:8701");
        env.put("CCU_PING_TIMEOUT_SECONDS", "2.5");
        env.put("CCU_RPC_TIMEOUT_SECONDS", "3");
        env.put("CCU_ACTUATOR_DATAPOINTS", "SET_TEMPERATURE, SET_POINT_TEMPERATURE");
        env.put("CALLBACK_DNS_NAME", "fd00::5");

        HomematicConfig config = read(env);

        assertThat(config.binRpcPort()).isEqualTo(Optional.of(2069));
        assertThat(config.interfaces()).containsExactly(new CcuInterface("BidCos-RF", 2001, "/"),
                new CcuInterface("HmIP-RF", 2010, "/"), new CcuInterface("VirtualDevices", 9292, "/groups"),
                new CcuInterface("CUxD", 8701, "/"));
        assertThat(config.interfaces().get(2).uri("ccu")).isEqualTo(URI.create("http://ccu:9292/groups"));
        assertThat(config.pingTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.rpcTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.actuatorDatapoints()).containsExactlyInAnyOrder("SET_TEMPERATURE", "SET_POINT_TEMPERATURE");
        assertThat(config.callbackUrl()).isEqualTo(URI.create("http://[fd00::5]:2070"));
    }

    @Test
    void anInterfaceWithAnotherPortKeepsItsName() {
        Map<String, String> env = minimal();
        env.put("CCU_INTERFACES", "HmIP-RF:42010");

        assertThat(read(env).interfaces()).isEqualTo(List.of(new CcuInterface("HmIP-RF", 42010, "/")));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "CCU_DNS_NAME|''|CCU_DNS_NAME is not set",
            "CALLBACK_DNS_NAME|''|CALLBACK_DNS_NAME is not set",
            "CALLBACK_XMLRPC_PORT|''|CALLBACK_XMLRPC_PORT is not set",
            "CALLBACK_XMLRPC_PORT|http|CALLBACK_XMLRPC_PORT must be an integer, got 'http'",
            "CALLBACK_XMLRPC_PORT|70000|CALLBACK_XMLRPC_PORT must be a TCP port (1-65535), got '70000'",
            "CALLBACK_BINRPC_PORT|0|CALLBACK_BINRPC_PORT must be a TCP port (1-65535), got '0'",
            "CALLBACK_BINRPC_PORT|two|CALLBACK_BINRPC_PORT must be an integer, got 'two'",
            "CCU_INTERFACES|CUxD|CCU_INTERFACES: CUxD is none of the interfaces with a known port",
            "CCU_INTERFACES|BidCos-RF:x|CCU_INTERFACES: the port of BidCos-RF must be a TCP port (1-65535), got 'x'",
            "CCU_INTERFACES|BidCos-RF,,HmIP-RF|CCU_INTERFACES must list interface names",
            "CCU_INTERFACES|BidCos-RF,BidCos-RF:2001|CCU_INTERFACES names the interface BidCos-RF twice.",
            "CCU_PING_TIMEOUT_SECONDS|0|CCU_PING_TIMEOUT_SECONDS must be a number of seconds above 0, got '0'",
            "CCU_PING_TIMEOUT_SECONDS|soon|CCU_PING_TIMEOUT_SECONDS must be a number, got 'soon'",
            "CCU_RPC_TIMEOUT_SECONDS|-1|CCU_RPC_TIMEOUT_SECONDS must be a number of seconds above 0, got '-1'"})
    void namesTheVariableThatIsMissingOrWrong(String variable, String value, String message) {
        Map<String, String> env = minimal();
        env.put(variable, value);

        assertThatThrownBy(() -> read(env)).isInstanceOf(ConfigurationException.class).hasMessageContaining(message);
    }
}
