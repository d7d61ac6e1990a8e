package io.bemcom.connector.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.bemcom.connector.ConnectorSettings;
import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;

/**
 * How an HTTP connector talks to its device: the JDK's {@link HttpClient} over HTTP/1.1 (embedded
 * web servers of devices do not expect an HTTP/2 upgrade), no redirects, and one time limit for the
 * whole exchange — connecting, the answer's head and its body. A device that does not answer in
 * time is a failed reading, never a hang.
 *
 * <p>Failures are {@link IOException}s whose message names the device's address without query or
 * user information (a query may be long, user information may hold a password), e.g.
 * {@code no answer from http://192.0.2.10:8080/getKey within 10.0 s}.
 */
public final class DeviceHttpClient {

    /** Our addition: the longest an exchange with the device may take, in seconds. */
    public static final String TIMEOUT_VARIABLE = "HTTP_TIMEOUT_SECONDS";
    public static final double DEFAULT_TIMEOUT_SECONDS = 10;

    private final HttpClient client;
    private final Duration timeout;

    public DeviceHttpClient(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
    }

    /** {@code HTTP_TIMEOUT_SECONDS} (default 10, fractions allowed, positive). */
    public static Duration timeoutFromEnvironment(Environment env) {
        double seconds = env.decimal(TIMEOUT_VARIABLE, DEFAULT_TIMEOUT_SECONDS);
        if (seconds <= 0) {
            throw new ConfigurationException(TIMEOUT_VARIABLE + " must be positive, got '"
                    + env.optional(TIMEOUT_VARIABLE).orElse("") + "'.");
        }
        return ConnectorSettings.seconds(seconds);
    }

    /**
     * The http:// or https:// URL with a host in variable {@code name}; a URL with user information is
     * refused without echoing it (it may hold a password).
     *
     * @param meaning what the URL is, for the error message
     * @param example an example URL, for the error message
     */
    public static URI requiredUrl(Environment env, String name, String meaning, String example) {
        String text = env.required(name, meaning + ", e.g. " + example).trim();
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (text.contains("@")) {
            throw new ConfigurationException(name + " must not contain user information.");
        }
        if (uri == null || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new ConfigurationException(name + " must be an http:// or https:// URL with a host, e.g. " + example
                    + ", got '" + text + "'.");
        }
        return uri;
    }

    /** The value of an {@code Authorization} header for HTTP Basic authentication (sent without a challenge). */
    public static String basicAuthorization(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends {@code request} and waits for the whole answer, whatever its status.
     *
     * @throws IOException          the device cannot be reached, did not answer within the time limit,
     *                              or broke off the answer
     * @throws InterruptedException the connector stops
     */
    public Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest built = request.timeout(timeout).build();
        String where = describe(built.uri());
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(built, HttpResponse.BodyHandlers.ofByteArray());
        try {
            HttpResponse<byte[]> response = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return new Answer(where, response.statusCode(), response.body());
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw noAnswer(where);
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw noAnswer(where);
            }
            if (cause instanceof ConnectException) {
                throw new IOException("cannot connect to " + where + " (" + reason(cause, "connection refused") + ")", cause);
            }
            throw new IOException("the exchange with " + where + " failed: " + reason(cause, cause.getClass().getSimpleName()),
                    cause);
        }
    }

    private IOException noAnswer(String where) {
        return new HttpTimeoutException("no answer from " + where + " within " + timeout.toMillis() / 1000.0 + " s");
    }

    private static String reason(Throwable cause, String fallback) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? fallback : message;
    }

    /** {@code scheme://host:port/path}: without user information and query. */
    public static String describe(URI uri) {
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() + "://" + uri.getHost() + port + path;
    }

    /**
     * A device's answer.
     *
     * @param from   where it came from, as {@link #describe} writes it
     * @param status the HTTP status code
     * @param body   the body's bytes
     */
    public record Answer(String from, int status, byte[] body) {

        public boolean isOk() {
            return status >= 200 && status < 300;
        }

        public String text(Charset charset) {
            return new String(body, charset);
        }
    }
}
