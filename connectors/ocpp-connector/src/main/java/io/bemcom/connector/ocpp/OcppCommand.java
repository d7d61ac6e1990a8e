package io.bemcom.connector.ocpp;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The original's commands (OCPP_CONFIG's {@code execute_*} entries): each becomes, per connected
 * charge point, the actuator {@code <identity>__<execute_name>__} (the original's id
 * {@code <execute_name>__} under the charge point's identity) with the example value "0", and, unless
 * OCPP_ORIGINAL_IDS is FALSE, also the original's id itself, which addresses the charge point that
 * connected last. A value is checked before anything is sent; the charge point's answer is checked too.
 */
enum OcppCommand {

    /** SetChargingProfile: a constant TxDefaultProfile limit in W on connector 1, as the original sent it. */
    SEND_CHARGING_PROFILE("execute_send_charging_profile", "SetChargingProfile", List.of("Accepted")) {
        @Override
        ObjectNode request(JsonNode value, Clock clock) {
            BigDecimal limit = number(value, "a charging limit in W (a number of at least 0)");
            if (limit.signum() < 0) {
                throw refused(value, "a charging limit in W (a number of at least 0)");
            }
            ObjectNode request = JsonNodeFactory.instance.objectNode().put("connectorId", 1);
            ObjectNode profile = request.putObject("csChargingProfiles")
                    .put("chargingProfileId", (int) (clock.millis() / 1000)).put("stackLevel", 0)
                    .put("chargingProfilePurpose", "TxDefaultProfile").put("chargingProfileKind", "Relative");
            ObjectNode schedule = profile.putObject("chargingSchedule").put("chargingRateUnit", "W");
            schedule.putArray("chargingSchedulePeriod").addObject().put("startPeriod", 0)
                    .put("limit", limit.doubleValue());
            return request;
        }
    },
    /** TriggerMessage: the value 0-5 picks the message, as in the original's README. */
    TRIGGER_MESSAGE("execute_trigger_message", "TriggerMessage", List.of("Accepted")) {
        @Override
        ObjectNode request(JsonNode value, Clock clock) {
            String expected = "0 (BootNotification), 1 (DiagnosticsStatusNotification), 2 (FirmwareStatusNotification),"
                    + " 3 (Heartbeat), 4 (MeterValues) or 5 (StatusNotification)";
            BigDecimal number = number(value, expected);
            int index;
            try {
                index = number.intValueExact();
            } catch (ArithmeticException e) {
                throw refused(value, expected);
            }
            if (index < 0 || index >= TRIGGERED.size()) {
                throw refused(value, expected);
            }
            return JsonNodeFactory.instance.objectNode().put("requestedMessage", TRIGGERED.get(index))
                    .put("connectorId", 1);
        }
    },
    /** UnlockConnector on connector 1; any value triggers it. */
    UNLOCK_CONNECTOR("execute_unlock_connector", "UnlockConnector", List.of("Unlocked")) {
        @Override
        ObjectNode request(JsonNode value, Clock clock) {
            return JsonNodeFactory.instance.objectNode().put("connectorId", 1);
        }
    },
    /** GetCompositeSchedule for 5 s in W on connector 1; any value triggers it; the answer is published. */
    GET_COMPOSITE_SCHEDULE("execute_get_composite_schedule", "GetCompositeSchedule", List.of("Accepted")) {
        @Override
        ObjectNode request(JsonNode value, Clock clock) {
            return JsonNodeFactory.instance.objectNode().put("connectorId", 1).put("duration", 5)
                    .put("chargingRateUnit", "W");
        }
    };

    private static final List<String> TRIGGERED = List.of("BootNotification", "DiagnosticsStatusNotification",
            "FirmwareStatusNotification", "Heartbeat", "MeterValues", "StatusNotification");

    private final String configName;
    private final String action;
    private final List<String> success;

    OcppCommand(String configName, String action, List<String> success) {
        this.configName = configName;
        this.action = action;
        this.success = success;
    }

    /** The name in OCPP_CONFIG, e.g. {@code execute_send_charging_profile}. */
    String configName() {
        return configName;
    }

    /** The OCPP action sent to the charge point. */
    String action() {
        return action;
    }

    /** The actuator id of this command for the charge point {@code identity}. */
    String datapointId(String identity) {
        return identity + "__" + originalId();
    }

    /** The original's actuator id, e.g. {@code execute_trigger_message__}. */
    String originalId() {
        return configName + "__";
    }

    /** The request payload for {@code value}; throws {@link IllegalArgumentException} for a value it cannot send. */
    abstract ObjectNode request(JsonNode value, Clock clock);

    /** Whether the charge point's CALLRESULT means it did what was asked ({@code "status"} per OCPP 1.6 chapter 6). */
    boolean succeeded(JsonNode answer) {
        return success.contains(answer.path("status").asString(""));
    }

    static OcppCommand byConfigName(String name) {
        for (OcppCommand command : values()) {
            if (command.configName.equals(name)) {
                return command;
            }
        }
        return null;
    }

    /**
     * The command an actuator id names and the charge point it addresses ({@code identity} is
     * {@code null} for the original's id, which means the charge point that connected last).
     */
    record Target(String identity, OcppCommand command) {
    }

    /**
     * The target of an actuator id among the {@code commands} configured, or {@code null} when it
     * names none (the original's ids only with {@code originalIds}).
     */
    static Target parse(String datapointId, List<OcppCommand> commands, boolean originalIds) {
        for (OcppCommand command : commands) {
            String suffix = "__" + command.originalId();
            if (datapointId.endsWith(suffix) && datapointId.length() > suffix.length()) {
                return new Target(datapointId.substring(0, datapointId.length() - suffix.length()), command);
            }
            if (originalIds && datapointId.equals(command.originalId())) {
                return new Target(null, command);
            }
        }
        return null;
    }

    private static BigDecimal number(JsonNode value, String expected) {
        if (value != null && value.isNumber() && Double.isFinite(value.doubleValue())) {
            return value.decimalValue();
        }
        if (value != null && value.isString()) {
            try {
                return new BigDecimal(value.stringValue().trim());
            } catch (NumberFormatException e) {
                // refused below
            }
        }
        throw refused(value, expected);
    }

    private static IllegalArgumentException refused(JsonNode value, String expected) {
        String quoted = String.valueOf(value);
        return new IllegalArgumentException("expected " + expected + ", got "
                + (quoted.length() > 60 ? quoted.substring(0, 60) + "..." : quoted) + "; nothing was sent");
    }
}
