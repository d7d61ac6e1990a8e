package io.bemcom.connector.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority of the test's own and a server certificate it signed for 127.0.0.1,
 * made with the JDK's keytool (the JDK has no API to sign certificates), as PEM files Mosquitto
 * and the connector read.
 *
 * @param caPem      the CA's certificate
 * @param serverPem  the server's certificate (subject alternative names 127.0.0.1 and localhost)
 * @param serverKey  the server's private key (PKCS#8)
 * @param strangerPem a self-signed certificate that signed nothing: a CA the server does not belong to
 */
record TestCertificates(Path caPem, Path serverPem, Path serverKey, Path strangerPem) {

    private static final String PASSWORD = "changeit";

    /** A CA and a server certificate it signed, in {@code dir}. */
    static TestCertificates create(Path dir) {
        Path ca = dir.resolve("ca.p12");
        Path server = dir.resolve("server.p12");
        Path request = dir.resolve("server.csr");
        Path serverPem = dir.resolve("server.pem");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", ca.toString());
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=127.0.0.1", "-validity", "2", "-keystore", server.toString());
        keytool("-certreq", "-alias", "server", "-keystore", server.toString(), "-file", request.toString());
        keytool("-gencert", "-alias", "ca", "-keystore", ca.toString(), "-infile", request.toString(), "-outfile",
                serverPem.toString(), "-rfc", "-validity", "2", "-ext", "san=ip:127.0.0.1,dns:localhost");
        KeyStore caStore = load(ca);
        KeyStore serverStore = load(server);
        try {
            // The server's key store still holds its self-signed certificate: trusted, it vouches for nothing.
            return new TestCertificates(
                    Files.writeString(dir.resolve("ca.pem"), pem("CERTIFICATE", caStore.getCertificate("ca").getEncoded())),
                    serverPem,
                    Files.writeString(dir.resolve("server.key"),
                            pem("PRIVATE KEY", serverStore.getKey("server", PASSWORD.toCharArray()).getEncoded())),
                    Files.writeString(dir.resolve("stranger.pem"),
                            pem("CERTIFICATE", serverStore.getCertificate("server").getEncoded())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not read the generated keys: " + e, e);
        }
    }

    private static KeyStore load(Path keystore) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not read " + keystore + ": " + e, e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void keytool(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC")); // a short-lived JVM: start fast
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String caText() {
        try {
            return Files.readString(caPem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
