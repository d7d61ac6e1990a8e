package io.bemcom.connector.ocpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.bemcom.protocol.JsonValues;

/** Golden vectors: the frame examples of OCPP-J 1.6, section 4 (RPC framework). */
class OcppFrameTest {

    @Test
    void readsTheSpecificationsCall() throws Exception {
        OcppFrame frame = OcppFrame.parse("[2,\n \"19223201\",\n \"BootNotification\",\n"
                + " {\"chargePointVendor\": \"VendorX\", \"chargePointModel\": \"SingleSocketCharger\"}\n]");

        assertThat(frame).isEqualTo(new OcppFrame.Call("19223201", "BootNotification",
                (tools.jackson.databind.node.ObjectNode) JsonValues.parse(
                        "{\"chargePointVendor\": \"VendorX\", \"chargePointModel\": \"SingleSocketCharger\"}")));
    }

    @Test
    void readsTheSpecificationsCallResultAndCallError() throws Exception {
        OcppFrame result = OcppFrame.parse("[3,\n \"19223201\",\n {\"status\":\"Accepted\",\n"
                + " \"currentTime\":\"2013-02-01T20:53:32.486Z\",\n \"heartbeatInterval\":300}\n]");
        assertThat(result).isInstanceOfSatisfying(OcppFrame.CallResult.class, r -> {
            assertThat(r.uniqueId()).isEqualTo("19223201");
            assertThat(r.payload().get("heartbeatInterval").intValue()).isEqualTo(300);
        });

        OcppFrame error = OcppFrame.parse("[4, \"162376037\", \"NotSupported\", \"SetDisplayMessageRequest not implemented\", {}]");
        assertThat(error).isEqualTo(new OcppFrame.CallError("162376037", "NotSupported",
                "SetDisplayMessageRequest not implemented", JsonValues.parse("{}")));
    }

    @Test
    void writesFramesAsTheSpecificationShowsThem() {
        assertThat(OcppFrame.call("19223201", "BootNotification", JsonValues.parse(
                "{\"chargePointVendor\": \"VendorX\", \"chargePointModel\": \"SingleSocketCharger\"}")))
                .isEqualTo("[2,\"19223201\",\"BootNotification\",{\"chargePointVendor\":\"VendorX\","
                        + "\"chargePointModel\":\"SingleSocketCharger\"}]");
        assertThat(OcppFrame.result("19223201", JsonValues.parse("{\"status\":\"Accepted\",\"interval\":300}")))
                .isEqualTo("[3,\"19223201\",{\"status\":\"Accepted\",\"interval\":300}]");
        assertThat(OcppFrame.error("162376037", "NotImplemented", "Requested Action is not known by receiver"))
                .isEqualTo("[4,\"162376037\",\"NotImplemented\",\"Requested Action is not known by receiver\",{}]");
    }

    @Test
    void refusesWhatIsNoFrameSayingWhetherItCanBeAnswered() {
        assertThatThrownBy(() -> OcppFrame.parse("not json")).isInstanceOfSatisfying(OcppFrame.Malformed.class, e -> {
            assertThat(e.uniqueId()).isEqualTo("-1");
            assertThat(e.answerable()).isTrue();
        });
        assertThatThrownBy(() -> OcppFrame.parse("{\"a\": 1}")).isInstanceOf(OcppFrame.Malformed.class);
        assertThatThrownBy(() -> OcppFrame.parse("[5, \"1\", \"x\", {}]"))
                .isInstanceOfSatisfying(OcppFrame.Malformed.class, e -> assertThat(e.uniqueId()).isEqualTo("1"));
        assertThatThrownBy(() -> OcppFrame.parse("[2, 17, \"Heartbeat\", {}]"))
                .isInstanceOfSatisfying(OcppFrame.Malformed.class, e -> assertThat(e.uniqueId()).isEqualTo("-1"));
        assertThatThrownBy(() -> OcppFrame.parse("[2, \"1\", \"Heartbeat\", \"{}\"]"))
                .isInstanceOfSatisfying(OcppFrame.Malformed.class, e -> assertThat(e.uniqueId()).isEqualTo("1"));
        assertThatThrownBy(() -> OcppFrame.parse("[3, \"1\", []]"))
                .isInstanceOfSatisfying(OcppFrame.Malformed.class, e -> assertThat(e.answerable()).isFalse());
        assertThatThrownBy(() -> OcppFrame.parse("[2, \"" + "x".repeat(37) + "\", \"Heartbeat\", {}]"))
                .isInstanceOf(OcppFrame.Malformed.class);
    }

    @Test
    void readsTimestampsWithAndWithoutAZone() {
        assertThat(OcppTime.parse("2013-02-01T20:53:32.486Z")).isEqualTo(1359752012486L);
        assertThat(OcppTime.parse("2013-02-01T21:53:32.486+01:00")).isEqualTo(1359752012486L);
        assertThat(OcppTime.parse("2013-02-01T20:53:32.486")).as("no zone: UTC").isEqualTo(1359752012486L);
        assertThat(OcppTime.parse("2013-02-01T20:53:32")).isEqualTo(1359752012000L);
        assertThat(OcppTime.parse("yesterday")).isNull();
    }
}
