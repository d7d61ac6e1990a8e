package io.bemcom.connector.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.bemcom.connector.Flattener;
import io.bemcom.protocol.JsonValues;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The original's readings and answers, message by message (connector notes 4.7.3). */
class ChargePointMessagesTest {

    private static ObjectNode payload(String json) {
        return (ObjectNode) JsonValues.parse(json);
    }

    private static JsonNode reading(String action, String payload) {
        return ChargePointMessages.reading(ChargePointMessages.raw("CP_1", action, payload(payload)), false);
    }

    @Test
    void makesTheOriginalsReadingsUnderTheChargePointsIdentity() {
        assertThat(reading("BootNotification", "{\"chargePointVendor\": \"KEBA\", \"chargePointModel\": \"P30\"}"))
                .isEqualTo(JsonValues.parse("{\"CP_1__BootNotification\": {\"charge_point_vendor\": \"KEBA\","
                        + " \"charge_point_model\": \"P30\"}}"));
        assertThat(reading("Heartbeat", "{}")).isEqualTo(JsonValues.parse("{\"CP_1__Heartbeat\": \"alive\"}"));
        assertThat(reading("StatusNotification", "{\"connectorId\": 1, \"errorCode\": \"NoError\", \"status\": \"Available\","
                + " \"info\": \"x\"}")).isEqualTo(JsonValues.parse("{\"CP_1__StatusNotification\": {\"connector_id\": 1,"
                + " \"error_code\": \"NoError\", \"status\": \"Available\"}}"));
        assertThat(reading("MeterValues", "{\"connectorId\": 1, \"meterValue\": [{\"timestamp\": \"2024-05-01T12:00:00Z\","
                + " \"sampledValue\": [{\"value\": \"1234.5\"}, {\"value\": \"16.0\", \"measurand\": \"Current.Import\","
                + " \"phase\": \"L1\", \"unit\": \"A\"}]}]}")).isEqualTo(JsonValues.parse("{"
                + "\"CP_1__Energy.Active.Import.Register\": {\"Wh\": \"1234.5\"},"
                + " \"CP_1__Current.Import\": {\"L1\": {\"A\": \"16.0\"}}}"));
        assertThat(reading("Authorize", "{\"idTag\": \"A\"}")).as("no datapoints, as the original").isNull();
        assertThat(reading("GetCompositeSchedule", "{\"status\": \"Accepted\", \"scheduleStart\": \"2024-05-01T12:00:00Z\"}"))
                .isEqualTo(JsonValues.parse("{\"CP_1__CompositeSchedule\": {\"status\": \"Accepted\","
                        + " \"schedule_start\": \"2024-05-01T12:00:00Z\"}}"));
    }

    @Test
    void makesTheOriginalsIdsWithoutTheIdentityTooWhenAsked() {
        JsonNode raw = ChargePointMessages.raw("CP_1", "MeterValues", payload("{\"connectorId\": 1, \"meterValue\": ["
                + "{\"timestamp\": \"2024-05-01T12:00:00Z\", \"sampledValue\": [{\"value\": \"1234.5\"},"
                + " {\"value\": \"16.0\", \"measurand\": \"Current.Import\", \"phase\": \"L1\", \"unit\": \"A\"}]}]}"));

        assertThat(Flattener.flatten(ChargePointMessages.reading(raw, true))).containsOnlyKeys(
                "CP_1__Energy.Active.Import.Register__Wh", "CP_1__Current.Import__L1__A",
                "Energy.Active.Import.Register__Wh", "Current.Import__L1__A");
        assertThat(Flattener.flatten(ChargePointMessages.reading(
                ChargePointMessages.raw("Heartbeat", "Heartbeat", payload("{}")), true)))
                .as("an identity named like an original key collides with nothing")
                .containsExactlyInAnyOrderEntriesOf(Map.of("Heartbeat__Heartbeat", JsonValues.of("alive"),
                        "Heartbeat", JsonValues.of("alive")));
    }

    @Test
    void splitsMeterValuesIntoOneRawMessagePerSampleTime() {
        List<ChargePointMessages.Raw> raws = ChargePointMessages.rawMessages("CP_1", "MeterValues", payload(
                "{\"connectorId\": 1, \"transactionId\": 5, \"meterValue\": ["
                        + "{\"timestamp\": \"2024-05-01T12:00:00Z\", \"sampledValue\": [{\"value\": \"1\"}]},"
                        + "{\"timestamp\": \"2024-05-01T12:01:00\", \"sampledValue\": [{\"value\": \"2\"}]}]}"));

        assertThat(raws).extracting(ChargePointMessages.Raw::timestamp).containsExactly(
                Instant.parse("2024-05-01T12:00:00Z").toEpochMilli(), Instant.parse("2024-05-01T12:01:00Z").toEpochMilli());
        assertThat(raws.get(1).rawMessage()).isEqualTo(JsonValues.parse("{\"charge_point\": \"CP_1\", \"action\":"
                + " \"MeterValues\", \"payload\": {\"connectorId\": 1, \"transactionId\": 5, \"meterValue\": ["
                + "{\"timestamp\": \"2024-05-01T12:01:00\", \"sampledValue\": [{\"value\": \"2\"}]}]}}"));
    }

    @Test
    void answersAsTheOriginal() {
        Clock clock = Clock.fixed(Instant.parse("2024-05-01T12:00:00.123Z"), ZoneOffset.UTC);
        assertThat(ChargePointMessages.answer("BootNotification", clock, () -> 1)).isEqualTo(JsonValues.parse(
                "{\"currentTime\": \"2024-05-01T12:00:00Z\", \"interval\": 10, \"status\": \"Accepted\"}"));
        assertThat(ChargePointMessages.answer("Heartbeat", clock, () -> 1))
                .isEqualTo(JsonValues.parse("{\"currentTime\": \"2024-05-01T12:00:00Z\"}"));
        assertThat(ChargePointMessages.answer("StartTransaction", clock, () -> 77)).isEqualTo(JsonValues.parse(
                "{\"idTagInfo\": {\"status\": \"Accepted\"}, \"transactionId\": 77}"));
        assertThat(ChargePointMessages.answer("MeterValues", clock, () -> 1)).isEmpty();
    }

    @Test
    void checksRequestsAgainstTheOcpp16Schemas() {
        assertThat(OcppSchema.check(payload("{\"connectorId\": 1, \"errorCode\": \"NoError\", \"status\": \"Charging\","
                + " \"timestamp\": \"2024-05-01T12:00:00\", \"vendorSpecific\": 1}"), ChargePointMessages.schema("StatusNotification")))
                .as("valid; a timestamp without a zone and unknown fields are accepted").isNull();
        assertThat(OcppSchema.check(payload("{\"connectorId\": 1, \"meterValue\": [{\"timestamp\": \"2024-05-01T12:00:00Z\","
                + " \"sampledValue\": [{\"value\": 12}]}]}"), ChargePointMessages.schema("MeterValues")))
                .isEqualTo(new OcppSchema.Violation("TypeConstraintViolation",
                        "meterValue[0].sampledValue[0].value must be a string, got 12"));
        assertThat(OcppSchema.check(payload("{\"idTag\": null}"), ChargePointMessages.schema("Authorize")))
                .isEqualTo(new OcppSchema.Violation("OccurenceConstraintViolation", "the required field idTag is missing"));
    }
}
