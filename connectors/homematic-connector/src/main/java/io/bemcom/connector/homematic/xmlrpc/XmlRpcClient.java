package io.bemcom.connector.homematic.xmlrpc;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/**
 * Calls the methods of one XML-RPC server over HTTP with the JDK's {@link HttpClient}: every call
 * has the client's connect timeout and its own request timeout.
 */
public final class XmlRpcClient {

    /** Longest answer accepted; a CCU's device list is a few hundred kilobytes. */
    static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

    private final HttpClient http;
    private final URI uri;
    private final Duration timeout;

    /** A client for the server at {@code uri}, sharing {@code http} (and its threads) with others. */
    public XmlRpcClient(HttpClient http, URI uri, Duration timeout) {
        this.http = http;
        this.uri = uri;
        this.timeout = timeout;
    }

    public URI uri() {
        return uri;
    }

    /** The same server with another request timeout. */
    public XmlRpcClient withTimeout(Duration requestTimeout) {
        return new XmlRpcClient(http, uri, requestTimeout);
    }

    /**
     * Calls {@code method} and returns its result.
     *
     * @throws IOException              the server cannot be reached, does not answer in time or answers
     *                                  with an HTTP error
     * @throws XmlRpcFault              the server answered with a fault
     * @throws MalformedXmlRpcException the answer is not an XML-RPC response
     */
    public Object call(String method, Object... params) throws IOException, XmlRpcFault, MalformedXmlRpcException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(XmlRpcWriter.call(method, Arrays.asList(params))))
                .build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + method, e);
        }
        byte[] body;
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException(method + " was answered with HTTP status " + response.statusCode());
            }
            body = in.readNBytes(MAX_RESPONSE_BYTES + 1);
        }
        if (body.length > MAX_RESPONSE_BYTES) {
            throw new MalformedXmlRpcException("the answer to " + method + " is larger than " + MAX_RESPONSE_BYTES
                    + " bytes");
        }
        return XmlRpcReader.readResponse(body);
    }
}
