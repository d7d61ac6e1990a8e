package io.bemcom.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

class LoopbackServerTest {

    @Test
    void handsEveryConnectionOverAndComesBackOnTheSamePortAfterDisappearing() throws IOException {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (LoopbackServer server = LoopbackServer.start("test-device", accepted::add);
             Socket first = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> accepted.size() == 1);
            assertThat(server.connections()).hasSize(1);

            server.disappear();

            assertThat(first.getInputStream().read()).as("the connection was closed").isEqualTo(-1);
            assertThat(server.connections()).isEmpty();
            // Refused, unless another process on the machine happened to bind the freed port meanwhile
            // (builds run modules in parallel): either way, this server accepts nothing while it is away.
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                assertThat(accepted).hasSize(1);
            } catch (ConnectException refused) {
                // what happens when nobody took the port
            }
            assertThat(accepted).hasSize(1);

            server.comeBack();
            try (Socket second = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                await().atMost(Duration.ofSeconds(10)).until(() -> accepted.size() == 2);
                assertThat(server.connections()).hasSize(1);
            }
        }
    }
}
