package io.bemcom.connector.dachs;

import java.net.URI;
import java.time.Duration;

import io.bemcom.connector.ConnectorSettings;
import io.bemcom.connector.http.DeviceHttpClient;
import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;

/**
 * The connector's own variables.
 *
 * @param host           {@code DACHS_IP}: host name or IP address of the Dachs
 * @param port           {@code DACHS_PORT} (our addition, default 8080): the port of its GLT interface
 * @param password       {@code DACHS_GLT_PASSWORD} (our addition, default empty, as the original sent):
 *                       the password of the GLT user {@code glt}; never logged
 * @param resendInterval {@code DACHS_RESEND_SECONDS} (our addition, default 300): how often the last
 *                       module request is sent again to keep it alive
 * @param timeout        {@code HTTP_TIMEOUT_SECONDS} (our addition, default 10)
 */
public record DachsConfig(String host, int port, String password, Duration resendInterval, Duration timeout) {

    public static final String HOST_VARIABLE = "DACHS_IP";
    public static final String PORT_VARIABLE = "DACHS_PORT";
    public static final String PASSWORD_VARIABLE = "DACHS_GLT_PASSWORD";
    public static final String RESEND_VARIABLE = "DACHS_RESEND_SECONDS";
    public static final String USER = "glt";

    public static DachsConfig fromEnvironment(Environment env) {
        String host = env.required(HOST_VARIABLE, "the host name or IP address of the Dachs, e.g. dachs.example.com").trim();
        int port = env.integer(PORT_VARIABLE, 8080);
        if (port < 1 || port > 65535) {
            throw new ConfigurationException(PORT_VARIABLE + " must be a port from 1 to 65535, got " + port + ".");
        }
        URI uri;
        try {
            uri = URI.create("http://" + host + ":" + port + "/");
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || uri.getPort() != port) {
            throw new ConfigurationException(HOST_VARIABLE + " must be a host name or IP address (no scheme, no port),"
                    + " got '" + host + "'.");
        }
        double resend = env.decimal(RESEND_VARIABLE, 300);
        if (resend <= 0) {
            throw new ConfigurationException(RESEND_VARIABLE + " must be positive, got '"
                    + env.optional(RESEND_VARIABLE).orElse("") + "'.");
        }
        return new DachsConfig(host, port, env.string(PASSWORD_VARIABLE, ""), ConnectorSettings.seconds(resend),
                DeviceHttpClient.timeoutFromEnvironment(env));
    }

    /** {@code http://<host>:<port><path>}. */
    URI uri(String pathAndQuery) {
        return URI.create("http://" + host + ":" + port + pathAndQuery);
    }

    /** Without the password. */
    @Override
    public String toString() {
        return "DachsConfig[host=" + host + ", port=" + port + ", password=" + (password.isEmpty() ? "(empty)" : "***")
                + ", resendInterval=" + resendInterval + ", timeout=" + timeout + "]";
    }
}
