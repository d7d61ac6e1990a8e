package io.bemcom.connector.homematic;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;

/**
 * The Homematic connector's own variables, read once at start.
 *
 * @param ccuHost            {@code CCU_DNS_NAME}: the CCU's host name or address
 * @param callbackHost       {@code CALLBACK_DNS_NAME}: the name under which the CCU reaches this connector
 * @param callbackPort       {@code CALLBACK_XMLRPC_PORT}: the port the callback server listens on (the
 *                           same inside and outside a container)
 * @param binRpcPort         {@code CALLBACK_BINRPC_PORT}: accepted for compatibility, not used (the
 *                           original's library spoke XML-RPC to BidCos-RF too)
 * @param interfaces         {@code CCU_INTERFACES}: the CCU interfaces to register at
 * @param pingTimeout        {@code CCU_PING_TIMEOUT_SECONDS}: after half of it without a callback
 *                           the CCU is pinged, after all of it the connector registers again
 * @param rpcTimeout         {@code CCU_RPC_TIMEOUT_SECONDS}: longest a call to the CCU may take
 * @param actuatorDatapoints {@code CCU_ACTUATOR_DATAPOINTS}: datapoints offered as actuators once seen
 */
record HomematicConfig(String ccuHost, String callbackHost, int callbackPort, Optional<Integer> binRpcPort,
                       List<CcuInterface> interfaces, Duration pingTimeout, Duration rpcTimeout,
                       Set<String> actuatorDatapoints) {

    static final Duration DEFAULT_PING_TIMEOUT = Duration.ofSeconds(60);
    static final Duration DEFAULT_RPC_TIMEOUT = Duration.ofSeconds(10);

    static HomematicConfig fromEnvironment(Environment env) {
        String ccuHost = env.required("CCU_DNS_NAME", "the DNS name or IP address of the CCU").trim();
        String callbackHost = env.required("CALLBACK_DNS_NAME",
                "the DNS name or IP address under which the CCU reaches this connector").trim();
        int callbackPort = port(env, "CALLBACK_XMLRPC_PORT",
                env.requiredInteger("CALLBACK_XMLRPC_PORT", "the port the CCU calls back on (XML-RPC)"));
        Optional<Integer> binRpcPort = env.optional("CALLBACK_BINRPC_PORT")
                .map(ignored -> port(env, "CALLBACK_BINRPC_PORT", env.integer("CALLBACK_BINRPC_PORT", 0)));
        List<CcuInterface> interfaces = CcuInterface.parseList(env.string(CcuInterface.VARIABLE, CcuInterface.DEFAULT));
        Duration pingTimeout = seconds(env, "CCU_PING_TIMEOUT_SECONDS", DEFAULT_PING_TIMEOUT);
        Duration rpcTimeout = seconds(env, "CCU_RPC_TIMEOUT_SECONDS", DEFAULT_RPC_TIMEOUT);
        Set<String> actuators = new LinkedHashSet<>();
        Arrays.stream(env.string("CCU_ACTUATOR_DATAPOINTS", "SET_TEMPERATURE").split(","))
                .map(String::trim).filter(name -> !name.isEmpty()).forEach(actuators::add);
        return new HomematicConfig(ccuHost, callbackHost, callbackPort, binRpcPort, interfaces, pingTimeout,
                rpcTimeout, Set.copyOf(actuators));
    }

    /** The URL the CCU calls back: {@code http://<CALLBACK_DNS_NAME>:<CALLBACK_XMLRPC_PORT>}. */
    URI callbackUrl() {
        return URI.create("http://" + hostInUri(callbackHost) + ":" + callbackPort);
    }

    /** A host for a URI: an IPv6 address in brackets. */
    static String hostInUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static int port(Environment env, String name, int port) {
        if (port < 1 || port > 65535) {
            throw new ConfigurationException(name + " must be a TCP port (1-65535), got '"
                    + env.optional(name).orElse("") + "'.");
        }
        return port;
    }

    private static Duration seconds(Environment env, String name, Duration defaultValue) {
        double seconds = env.decimal(name, defaultValue.toMillis() / 1000.0);
        if (seconds <= 0) {
            throw new ConfigurationException(name + " must be a number of seconds above 0, got '"
                    + env.optional(name).orElse("") + "'.");
        }
        return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }
}
