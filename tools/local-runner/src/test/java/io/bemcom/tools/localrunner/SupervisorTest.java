package io.bemcom.tools.localrunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bemcom.testsupport.Ports;

/** The runner's supervision, with the demo device (it starts in a second) as the service. */
class SupervisorTest {

    @TempDir
    Path data;

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> gaveUp = new CopyOnWriteArrayList<>();

    private ServiceProcess demoDevice(String port) {
        Path root = RunnerSettings.findRepositoryRoot(Path.of(""));
        ServiceSpec spec = new ServiceSpec("demo-device", ServiceJars.DEMO_DEVICE.jar(root), data.resolve("demo-device"),
                Map.of("MODBUS_PORT", port), List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), List.of());
        return ServiceProcess.start(spec, System.out);
    }

    @Test
    void aCrashedServiceIsRestartedAndAStopIsNot() {
        Supervisor.Policy policy = new Supervisor.Policy(3, Duration.ofSeconds(60), Duration.ofMillis(100),
                Duration.ofSeconds(1));
        try (Supervisor supervisor = new Supervisor(policy, lines::add, gaveUp::add)) {
            int port = Ports.free();
            ServiceProcess device = demoDevice(Integer.toString(port));
            supervisor.watch(device);
            Ports.awaitListening("127.0.0.1", port, Duration.ofSeconds(60));
            long first = device.pid();
            ProcessHandle.of(first).orElseThrow().destroyForcibly(); // a crash, not a stop
            await("restarted").atMost(Duration.ofSeconds(60)).until(() -> device.isAlive() && device.pid() != first);
            Ports.awaitListening("127.0.0.1", port, Duration.ofSeconds(60));
            assertThat(lines).anyMatch(line -> line.startsWith("demo-device exited with code 137 after ")
                    && line.contains("restarting it in 0.1 s"));
            assertThat(lines).anyMatch(line -> line.equals("demo-device is back (pid " + device.pid() + ")"));

            device.stop(Duration.ofSeconds(15));
            int seen = lines.size();
            assertThat(device.isAlive()).isFalse();
            assertThat(LocalApplication.stopped(device.exitCode())).isEqualTo("stopped");
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !device.isAlive());
            assertThat(lines).hasSize(seen);
            assertThat(gaveUp).isEmpty();
        }
    }

    @Test
    void aServiceThatKeepsCrashingRightAfterItsStartIsGivenUp() {
        Supervisor.Policy policy = new Supervisor.Policy(3, Duration.ofSeconds(60), Duration.ofMillis(100),
                Duration.ofSeconds(1));
        try (Supervisor supervisor = new Supervisor(policy, lines::add, gaveUp::add)) {
            ServiceProcess device = demoDevice("not-a-port"); // exits with 2 at once
            supervisor.watch(device);
            await("given up").atMost(Duration.ofSeconds(90)).until(() -> !gaveUp.isEmpty());
            assertThat(gaveUp).containsExactly("demo-device");
            assertThat(lines).filteredOn(line -> line.contains("restarting it in")).hasSize(2);
            assertThat(lines.get(lines.size() - 1)).isEqualTo("demo-device exited with code 2; it ended 3 times in a row "
                    + "within 60 s of its start: giving up on it (its log is above)");
            assertThat(device.isAlive()).isFalse();
        }
    }

    @Test
    void aStopOnRequestReadsAsAStop() {
        assertThat(LocalApplication.stopped(143)).isEqualTo("stopped");
        assertThat(LocalApplication.stopped(130)).isEqualTo("stopped");
        assertThat(LocalApplication.stopped(0)).isEqualTo("stopped");
        assertThat(LocalApplication.stopped(1)).isEqualTo("stopped with exit code 1");
    }
}
