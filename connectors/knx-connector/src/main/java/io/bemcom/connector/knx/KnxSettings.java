package io.bemcom.connector.knx;

import java.util.Locale;

import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;

/**
 * The KNX connector's configuration, read once at start.
 *
 * @param host       {@code KNX_GATEWAY_HOST}: host name or IP address of the KNXnet/IP gateway (required)
 * @param port       {@code KNX_GATEWAY_PORT}, default 3671
 * @param protocol   {@code KNX_TUNNEL_PROTOCOL} (our addition): {@code TCP} (default, tunnelling v2 as the
 *                   original) or {@code UDP} (tunnelling v1, which every KNXnet/IP interface offers)
 * @param nat        {@code KNX_UDP_NAT=TRUE} (our addition): UDP tunnelling in NAT mode, the gateway
 *                   answering to the address it receives from (e.g. from inside a Docker network)
 * @param datapoints {@code KNX_DATAPOINTS}
 */
record KnxSettings(String host, int port, Protocol protocol, boolean nat, KnxDatapoints datapoints) {

    static final int DEFAULT_PORT = 3671;

    /** How the tunnel to the gateway is carried. */
    enum Protocol { TCP, UDP }

    KnxSettings {
        if (port < 1 || port > 65_535) {
            throw new ConfigurationException("KNX_GATEWAY_PORT must be a port (1-65535), got " + port + ".");
        }
    }

    static KnxSettings fromEnvironment(Environment env) {
        return new KnxSettings(
                env.required("KNX_GATEWAY_HOST", "the host name or IP address of the KNXnet/IP gateway"),
                env.integer("KNX_GATEWAY_PORT", DEFAULT_PORT),
                protocol(env.string("KNX_TUNNEL_PROTOCOL", "TCP")),
                env.exactTrue("KNX_UDP_NAT"),
                KnxDatapoints.parse(env.string(KnxDatapoints.VARIABLE, KnxDatapoints.DEFAULT)));
    }

    private static Protocol protocol(String value) {
        try {
            return Protocol.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("KNX_TUNNEL_PROTOCOL must be TCP or UDP, got '" + value + "'.");
        }
    }

    /** {@code host:port over TCP}, for log lines. */
    String gateway() {
        return host + ":" + port + " over " + protocol + (protocol == Protocol.UDP && nat ? " (NAT)" : "");
    }
}
