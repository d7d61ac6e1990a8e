package io.bemcom.connector.modbus;

import static io.bemcom.connector.modbus.FakeModbusClient.Failure.CONNECTION_LOST;
import static io.bemcom.connector.modbus.FakeModbusClient.Failure.REFUSED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.bemcom.connector.Retry;
import tools.jackson.databind.JsonNode;

class ModbusSessionTest {

    private static final ModbusConfig CONFIG = ModbusConfig.parse("""
            {"read_holding_registers": [{"address": 100, "count": 2, "unit": 1, "datatypes": ">HH"}],
             "read_coils": [{"address": 10, "count": 3, "unit": 2}],
             "read_input_registers": [{"address": 0, "count": 1, "unit": 1, "datatypes": ">h"},
                                      {"address": 5, "count": 1, "unit": 3, "datatypes": ">h"}]}""");

    private final FakeModbusClient client = new FakeModbusClient();

    private ModbusSession session(int attempts, boolean disconnectBetweenPolls) {
        return new ModbusSession(client, new Retry(attempts, Duration.ofMillis(1)), Duration.ZERO,
                disconnectBetweenPolls);
    }

    @Test
    void readsEveryRangeInConfigOrderWithItsFunctionUnitAndAddress() throws Exception {
        JsonNode raw = session(3, false).poll(CONFIG.readRanges()).toRawMessage();

        assertThat(client.calls).containsExactly("read_holding_registers 1 100 2", "read_coils 2 10 3",
                "read_input_registers 1 0 1", "read_input_registers 3 5 1");
        assertThat(raw.toString()).isEqualTo("{\"read_holding_registers\":{\"0\":[0,1]},"
                + "\"read_coils\":{\"0\":[true,false,true]},\"read_input_registers\":{\"0\":[0],\"1\":[0]}}");
    }

    @Test
    void keepsTheConnectionBetweenPollsByDefault() throws Exception {
        ModbusSession session = session(3, false);
        session.poll(CONFIG.readRanges());
        session.poll(CONFIG.readRanges());

        assertThat(client.connects).isEqualTo(1);
        assertThat(client.connected).isTrue();
    }

    @Test
    void disconnectsAfterEveryPollAndWriteWhenAsked() throws Exception {
        ModbusSession session = session(3, true);
        session.poll(CONFIG.readRanges());
        assertThat(client.connected).isFalse();
        session.write(List.of(WriteRequest.coil(1, 5, true)));
        assertThat(client.connected).isFalse();
        assertThat(client.connects).isEqualTo(2);
    }

    @Test
    void retriesARefusedRequestUpToTheTotalNumberOfAttempts() throws Exception {
        client.failNext(REFUSED, REFUSED);

        PollResult result = session(3, false).poll(CONFIG.readRanges().subList(0, 1));

        assertThat(client.calls).containsExactly("read_holding_registers 1 100 2 -> refused",
                "read_holding_registers 1 100 2 -> refused", "read_holding_registers 1 100 2");
        assertThat(result.isEmpty()).isFalse();
    }

    @Test
    void leavesOutARangeTheDeviceKeepsRefusingAndReadsTheOthers() throws Exception {
        client.failNext(REFUSED, REFUSED);

        JsonNode raw = session(2, false).poll(CONFIG.readRanges()).toRawMessage();

        assertThat(raw.has("read_holding_registers")).isFalse();
        assertThat(raw.get("read_coils")).isNotNull();
        assertThat(raw.get("read_input_registers").size()).isEqualTo(2);
    }

    @Test
    void failsThePollWhenTheDeviceRefusesEveryRange() {
        client.failNext(REFUSED, REFUSED, REFUSED, REFUSED);

        assertThatThrownBy(() -> session(1, false).poll(CONFIG.readRanges()))
                .isInstanceOf(ModbusExceptionResponse.class)
                .hasMessageContaining("refused every range")
                .hasMessageContaining("MODBUS_CONFIG.read_holding_registers[0]")
                .hasMessageContaining("MODBUS_CONFIG.read_input_registers[1]")
                .hasMessageContaining("illegal data address");
    }

    @Test
    void abandonsThePollWhenTheDeviceCannotBeReached() {
        client.refuseConnect = true;

        assertThatThrownBy(() -> session(3, false).poll(CONFIG.readRanges()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("failed 3 time(s)")
                .hasMessageContaining("connection refused");
        assertThat(client.calls).as("three attempts at the first range, none at the others")
                .containsExactly("connect refused", "connect refused", "connect refused");
    }

    @Test
    void reconnectsOnceAtOnceWhenAnOpenConnectionTurnsOutDead() throws Exception {
        ModbusSession session = session(1, false);
        session.poll(CONFIG.readRanges().subList(0, 1));
        client.failNext(CONNECTION_LOST);

        session.poll(CONFIG.readRanges().subList(0, 1));

        assertThat(client.calls).containsExactly("read_holding_registers 1 100 2",
                "read_holding_registers 1 100 2 -> lost", "read_holding_registers 1 100 2");
        assertThat(client.connects).isEqualTo(2);
    }

    @Test
    void reconnectsAtTheNextPollAfterTheDeviceCameBack() throws Exception {
        ModbusSession session = session(2, false);
        client.refuseConnect = true;
        assertThatThrownBy(() -> session.poll(CONFIG.readRanges())).isInstanceOf(IOException.class);

        client.refuseConnect = false;
        session.poll(CONFIG.readRanges());

        assertThat(client.calls).endsWith("read_input_registers 3 5 1");
    }

    @Test
    void writesASequenceInOrder() throws Exception {
        session(3, false).write(List.of(WriteRequest.register(1, 40242, 5000), WriteRequest.register(1, 40246, 1)));

        assertThat(client.calls).containsExactly("write_register 1 40242 5000", "write_register 1 40246 1");
    }

    @Test
    void retriesAFailedWriteAndReportsTheLastFailure() {
        client.failNext(CONNECTION_LOST, REFUSED);

        assertThatThrownBy(() -> session(2, false).write(List.of(WriteRequest.coil(1, 19, true))))
                .isInstanceOf(ModbusExceptionResponse.class);
        assertThat(client.calls).containsExactly("write_coil 1 19 true -> lost", "write_coil 1 19 true -> refused");
    }

    @Test
    void neverWritesWhileAPollIsRunning() throws Exception {
        ModbusSession session = session(1, false);
        client.requestMillis = 100;
        CompletableFuture<Void> poll = CompletableFuture.runAsync(() -> {
            try {
                session.poll(CONFIG.readRanges());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().until(() -> !client.calls.isEmpty());

        session.write(List.of(WriteRequest.coil(1, 19, true)));
        poll.get(5, TimeUnit.SECONDS);

        assertThat(client.calls).hasSize(5).last().isEqualTo("write_coil 1 19 true");
    }

    @Test
    void pausesAfterEveryRequest() throws Exception {
        ModbusSession session = new ModbusSession(client, new Retry(1, Duration.ZERO), Duration.ofMillis(50), false);
        long start = System.nanoTime();

        session.poll(CONFIG.readRanges());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }
}
