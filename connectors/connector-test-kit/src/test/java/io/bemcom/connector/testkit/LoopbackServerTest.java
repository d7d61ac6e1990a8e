package io.bemcom.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), server.port()).close())
                    .isInstanceOf(ConnectException.class);

            server.comeBack();
            try (Socket second = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                await().atMost(Duration.ofSeconds(10)).until(() -> accepted.size() == 2);
                assertThat(server.connections()).hasSize(1);
            }
        }
    }
}
