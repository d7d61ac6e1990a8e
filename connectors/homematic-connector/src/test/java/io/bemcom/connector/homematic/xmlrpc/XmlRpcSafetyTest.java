package io.bemcom.connector.homematic.xmlrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/** Documents from the network cannot make the reader read files, fetch URLs or expand entities. */
class XmlRpcSafetyTest {

    @TempDir
    Path dir;

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void refusesAnExternalEntityAndNeverReadsTheFile() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "the-secret-password");
        String document = "<?xml version=\"1.0\"?>\n<!DOCTYPE methodCall [<!ENTITY xxe SYSTEM \"" + secret.toUri()
                + "\">]>\n<methodCall><methodName>event</methodName><params><param><value>&xxe;</value></param>"
                + "</params></methodCall>";

        assertThatThrownBy(() -> XmlRpcReader.readCall(utf8(document)))
                .isInstanceOf(MalformedXmlRpcException.class)
                .hasMessageNotContaining("the-secret-password");
    }

    @Test
    void refusesAnExternalDtdWithoutFetchingIt() throws Exception {
        AtomicInteger fetched = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        server.createContext("/", exchange -> {
            fetched.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            String document = "<?xml version=\"1.0\"?>\n<!DOCTYPE methodCall SYSTEM \"http://127.0.0.1:"
                    + server.getAddress().getPort() + "/evil.dtd\">\n<methodCall><methodName>m</methodName></methodCall>";

            assertThatThrownBy(() -> XmlRpcReader.readCall(utf8(document))).isInstanceOf(MalformedXmlRpcException.class)
                    .hasMessageContaining("DOCTYPE");
            assertThatThrownBy(() -> XmlRpcReader.readResponse(utf8(document.replace("methodCall", "methodResponse"))))
                    .isInstanceOf(MalformedXmlRpcException.class);
        } finally {
            server.stop(0);
        }
        assertThat(fetched.get()).as("requests for the external DTD").isZero();
    }

    @Test
    void refusesInternalEntitiesSoNothingExpands() {
        String laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE methodCall [<!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;\">]>\n<methodCall><methodName>m</methodName><params><param>"
                + "<value>&c;</value></param></params></methodCall>";

        assertThatThrownBy(() -> XmlRpcReader.readCall(utf8(laughs))).isInstanceOf(MalformedXmlRpcException.class);
    }

    @Test
    void acceptsXmlsPredefinedAndCharacterReferences() throws Exception {
        MethodCall call = XmlRpcReader.readCall(utf8("<methodCall><methodName>m</methodName><params><param>"
                + "<value>&lt;&amp;&gt;&quot;&apos;&#176;&#xB0;</value></param></params></methodCall>"));

        assertThat(call.params()).containsExactly("<&>\"'°°");
    }
}
