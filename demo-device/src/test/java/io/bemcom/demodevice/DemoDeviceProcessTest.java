package io.bemcom.demodevice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;

import io.bemcom.testsupport.Ports;

/**
 * The demo device as a process of its own ({@code java ... DemoDeviceApplication}, the main class the
 * executable jar runs), stopped the way a container runtime or the local runner stops it.
 */
class DemoDeviceProcessTest {

    @TempDir
    Path folder;

    private Process first;
    private Process second;

    @AfterEach
    void killLeftovers() {
        for (Process process : new Process[] {first, second}) {
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void stopsOnSigtermWhileModbusClientsAreConnectedAndARestartedDeviceGetsItsPort() throws Exception {
        int port = Ports.free();
        first = start(port, "first.log");
        ModbusTCPMaster poller = new ModbusTCPMaster("127.0.0.1", port, 3_000, false);
        poller.connect();
        assertThat(poller.readInputRegisters(1, 1, 1)).hasSize(1);
        AtomicInteger reads = new AtomicInteger();
        AtomicBoolean polling = new AtomicBoolean(true);
        Thread polls = new Thread(() -> {
            while (polling.get()) {
                try {
                    poller.readInputRegisters(1, 1, 1);
                    reads.incrementAndGet();
                } catch (Exception deviceGone) {
                    return;
                }
            }
        }, "modbus-poller");
        polls.start();
        try (Socket silent = new Socket("127.0.0.1", port)) { // a client that connects and says nothing
            awaitReads(reads, 20);

            first.destroy(); // SIGTERM

            assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("the device ended after SIGTERM; log:%n%s",
                    log("first.log")).isTrue();
            assertThat(first.exitValue()).as("exit code").isIn(0, 143);
            assertThat(log("first.log")).contains("Demo device on port " + port + " stopped.");
        } finally {
            polling.set(false);
            polls.join(10_000);
            poller.disconnect();
        }

        second = start(port, "second.log");
        ModbusTCPMaster reader = new ModbusTCPMaster("127.0.0.1", port, 3_000, false);
        reader.connect();
        try {
            assertThat(reader.readMultipleRegisters(1, 1, 1)[0].toUnsignedShort()).as("the setpoint of a fresh room, "
                    + "24.0 °C").isEqualTo(0x004E);
        } finally {
            reader.disconnect();
        }
        second.destroy();
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    private Process start(int port, String logName) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp",
                System.getProperty("java.class.path"), DemoDeviceApplication.class.getName()))
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve(logName).toFile());
        builder.environment().put("MODBUS_PORT", Integer.toString(port));
        builder.environment().put("LOG_VALUES", "FALSE");
        Process process = builder.start();
        Ports.awaitListening("127.0.0.1", port, Duration.ofSeconds(60));
        return process;
    }

    private static void awaitReads(AtomicInteger reads, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (reads.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(reads.get()).as("reads before SIGTERM").isGreaterThanOrEqualTo(count);
    }

    private String log(String name) throws IOException {
        File file = folder.resolve(name).toFile();
        return file.exists() ? Files.readString(file.toPath()) : "(no log)";
    }
}
