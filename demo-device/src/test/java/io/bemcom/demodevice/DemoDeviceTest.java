package io.bemcom.demodevice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.util.BitVector;

import io.bemcom.testsupport.Ports;

/** The device over a real Modbus/TCP connection, read and written by a j2mod master. */
class DemoDeviceTest {

    private DemoDevice device;
    private ModbusTCPMaster master;

    @AfterEach
    void stop() {
        if (master != null) {
            master.disconnect();
        }
        if (device != null) {
            device.close();
        }
    }

    private void start(Duration stepInterval) throws Exception {
        device = DemoDevice.start(Ports.free(), false, stepInterval);
        master = new ModbusTCPMaster("127.0.0.1", device.port(), 3_000, false);
        master.connect();
    }

    @Test
    void servesTheRoomTemperatureInInputRegisterOne() throws Exception {
        start(null);

        assertThat(master.readInputRegisters(1, 1, 1)[0].toUnsignedShort()).isEqualTo(0x404D);
        device.step();
        assertThat(decode(master.readInputRegisters(1, 1, 1)[0].toUnsignedShort())).isEqualTo(21.296875);
    }

    @Test
    void servesTheSetpointInHoldingRegisterOne() throws Exception {
        start(null);

        assertThat(master.readMultipleRegisters(1, 1, 1)[0].toUnsignedShort()).isEqualTo(0x004E);
    }

    @Test
    void takesANewSetpointWrittenWithFunctionCode6() throws Exception {
        start(null);

        master.writeSingleRegister(1, 1, new SimpleRegister(TemperatureEncoding.toRegister(17.0)));

        assertThat(device.room().setpoint()).isEqualTo(17.0);
        assertThat(decode(master.readMultipleRegisters(1, 1, 1)[0].toUnsignedShort())).isEqualTo(17.0);
        device.step();
        assertThat(device.room().temperature()).isLessThan(21.0);
    }

    @Test
    void takesANewSetpointWrittenWithFunctionCode16() throws Exception {
        start(null);

        master.writeMultipleRegisters(1, 1, new Register[] {new SimpleRegister(TemperatureEncoding.toRegister(26.5))});

        assertThat(device.room().setpoint()).isEqualTo(26.5);
    }

    @Test
    void clipsSetpointsOutside15To30Degrees() throws Exception {
        start(null);

        master.writeSingleRegister(1, 1, new SimpleRegister(TemperatureEncoding.toRegister(35.0)));
        assertThat(device.room().setpoint()).isEqualTo(30.0);
        master.writeSingleRegister(1, 1, new SimpleRegister(TemperatureEncoding.toRegister(5.0)));
        assertThat(device.room().setpoint()).isEqualTo(15.0);
    }

    @Test
    void answersANotANumberSetpointWithAnExceptionAndKeepsTheSetpoint() throws Exception {
        start(null);

        assertThatThrownBy(() -> master.writeSingleRegister(1, 1, new SimpleRegister(0x007E)))
                .isInstanceOfSatisfying(ModbusSlaveException.class, e -> assertThat(e.getType()).isEqualTo(2));

        assertThat(device.room().setpoint()).isEqualTo(24.0);
        assertThat(master.readInputRegisters(1, 1, 1)[0].toUnsignedShort()).as("still serving").isEqualTo(0x404D);
    }

    @Test
    void answersOtherRegisterAddressesWithIllegalDataAddress() throws Exception {
        start(null);

        assertThatThrownBy(() -> master.readInputRegisters(1, 0, 1))
                .isInstanceOfSatisfying(ModbusSlaveException.class, e -> assertThat(e.getType()).isEqualTo(2));
        assertThatThrownBy(() -> master.readMultipleRegisters(1, 1, 2))
                .isInstanceOfSatisfying(ModbusSlaveException.class, e -> assertThat(e.getType()).isEqualTo(2));
        assertThatThrownBy(() -> master.writeSingleRegister(1, 2, new SimpleRegister(0)))
                .isInstanceOfSatisfying(ModbusSlaveException.class, e -> assertThat(e.getType()).isEqualTo(2));
    }

    @Test
    void answersEveryUnitIdWithTheSameRoom() throws Exception {
        start(null);

        assertThat(master.readInputRegisters(0, 1, 1)[0].toUnsignedShort()).isEqualTo(0x404D);
        assertThat(master.readInputRegisters(247, 1, 1)[0].toUnsignedShort()).isEqualTo(0x404D);
    }

    @Test
    void servesZeroCoilsAndDiscreteInputsAndKeepsWrittenCoils() throws Exception {
        start(null);

        BitVector coils = master.readCoils(1, 0, 8);
        assertThat(coils.size()).isEqualTo(8);
        for (int i = 0; i < 8; i++) {
            assertThat(coils.getBit(i)).isFalse();
        }
        assertThat(master.readInputDiscretes(1, 100, 3).getBit(2)).isFalse();
        master.writeCoil(1, 5, true);
        assertThat(master.readCoils(1, 5, 1).getBit(0)).isTrue();
    }

    @Test
    void stepsByItselfWhenGivenAnInterval() throws Exception {
        start(Duration.ofMillis(20));

        await().atMost(Duration.ofSeconds(5)).until(() -> device.room().temperature() > 23.0);
    }

    @Test
    void refusesToStartOnAPortInUse() throws Exception {
        start(null);

        assertThatThrownBy(() -> DemoDevice.start(device.port(), false, null).close())
                .hasMessageContaining("port " + device.port());
        assertThat(master.readInputRegisters(1, 1, 1)[0].toUnsignedShort()).as("the first one still serves")
                .isEqualTo(0x404D);
    }

    private static double decode(int register) {
        return TemperatureEncoding.fromRegister(register);
    }
}
