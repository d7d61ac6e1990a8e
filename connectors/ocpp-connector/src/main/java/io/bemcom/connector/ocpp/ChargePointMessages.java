package io.bemcom.connector.ocpp;

import static io.bemcom.connector.ocpp.OcppSchema.DATE_TIME;
import static io.bemcom.connector.ocpp.OcppSchema.INTEGER;
import static io.bemcom.connector.ocpp.OcppSchema.TEXT;
import static io.bemcom.connector.ocpp.OcppSchema.listOf;
import static io.bemcom.connector.ocpp.OcppSchema.object;
import static io.bemcom.connector.ocpp.OcppSchema.oneOf;
import static io.bemcom.connector.ocpp.OcppSchema.optional;
import static io.bemcom.connector.ocpp.OcppSchema.required;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a charge point sends the central system (OCPP 1.6, chapter 4 "Operations initiated by Charge
 * Point"): the schema of each action's request, the answer, and the raw messages and readings
 * made from it, with the original's datapoint ids under the charge point's identity and, unless
 * OCPP_ORIGINAL_IDS is FALSE, also without it.
 *
 * <p>A raw message is {@code {"charge_point": "<identity>", "action": "<Action>", "payload": {...}}}
 * — the request as the charge point sent it (a MeterValues request: one raw message per
 * {@code meterValue} element, each with its own time), so {@link #reading} can parse it again later.
 */
final class ChargePointMessages {

    static final String CHARGE_POINT = "charge_point";
    static final String ACTION = "action";
    static final String PAYLOAD = "payload";
    /** The raw message action of a GetCompositeSchedule answer (a CALLRESULT, no request). */
    static final String COMPOSITE_SCHEDULE = "GetCompositeSchedule";
    /** The original's answer to BootNotification: a heartbeat every 10 s. */
    static final int HEARTBEAT_INTERVAL = 10;

    private static final Map<String, OcppSchema.Type> SCHEMAS = Map.of(
            "BootNotification", object(required("chargePointVendor", TEXT), required("chargePointModel", TEXT),
                    optional("chargePointSerialNumber", TEXT), optional("chargeBoxSerialNumber", TEXT),
                    optional("firmwareVersion", TEXT), optional("iccid", TEXT), optional("imsi", TEXT),
                    optional("meterType", TEXT), optional("meterSerialNumber", TEXT)),
            "Heartbeat", object(),
            "Authorize", object(required("idTag", TEXT)),
            "StartTransaction", object(required("connectorId", INTEGER), required("idTag", TEXT),
                    required("meterStart", INTEGER), optional("reservationId", INTEGER),
                    required("timestamp", DATE_TIME)),
            "StopTransaction", object(optional("idTag", TEXT), required("meterStop", INTEGER),
                    required("timestamp", DATE_TIME), required("transactionId", INTEGER),
                    optional("reason", oneOf("EmergencyStop", "EVDisconnected", "HardReset", "Local", "Other",
                            "PowerLoss", "Reboot", "Remote", "SoftReset", "UnlockCommand", "DeAuthorized")),
                    optional("transactionData", listOf(object(required("timestamp", DATE_TIME))))),
            "MeterValues", object(required("connectorId", INTEGER), optional("transactionId", INTEGER),
                    required("meterValue", listOf(object(required("timestamp", DATE_TIME),
                            required("sampledValue", listOf(object(required("value", TEXT), optional("context", TEXT),
                                    optional("format", TEXT), optional("measurand", TEXT), optional("phase", TEXT),
                                    optional("location", TEXT), optional("unit", TEXT)))))))),
            "StatusNotification", object(required("connectorId", INTEGER),
                    required("errorCode", oneOf("ConnectorLockFailure", "EVCommunicationError", "GroundFailure",
                            "HighTemperature", "InternalError", "LocalListConflict", "NoError", "OtherError",
                            "OverCurrentFailure", "PowerMeterFailure", "PowerSwitchFailure", "ReaderFailure",
                            "ResetFailure", "UnderVoltage", "OverVoltage", "WeakSignal")),
                    optional("info", TEXT),
                    required("status", oneOf("Available", "Preparing", "Charging", "SuspendedEVSE", "SuspendedEV",
                            "Finishing", "Reserved", "Unavailable", "Faulted")),
                    optional("timestamp", DATE_TIME), optional("vendorId", TEXT), optional("vendorErrorCode", TEXT)),
            "DataTransfer", object(required("vendorId", TEXT), optional("messageId", TEXT)),
            "DiagnosticsStatusNotification", object(required("status",
                    oneOf("Idle", "Uploaded", "UploadFailed", "Uploading"))),
            "FirmwareStatusNotification", object(required("status", oneOf("Downloaded", "DownloadFailed",
                    "Downloading", "Idle", "InstallationFailed", "Installing", "Installed"))));

    /** A raw message and the time of its reading ({@code null}: when it arrived). */
    record Raw(JsonNode rawMessage, Long timestamp) {
    }

    private ChargePointMessages() {
    }

    /** The request schema of {@code action}, or {@code null} for an action a central system does not receive. */
    static OcppSchema.Type schema(String action) {
        return SCHEMAS.get(action);
    }

    /** The CALLRESULT payload for a valid request, as the original answered. */
    static ObjectNode answer(String action, Clock clock, IntSupplier transactionIds) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        switch (action) {
            case "BootNotification":
                answer.put("currentTime", OcppTime.now(clock)).put("interval", HEARTBEAT_INTERVAL)
                        .put("status", "Accepted");
                break;
            case "Heartbeat":
                answer.put("currentTime", OcppTime.now(clock));
                break;
            case "Authorize":
                answer.putObject("idTagInfo").put("status", "Accepted");
                break;
            case "StartTransaction":
                answer.putObject("idTagInfo").put("status", "Accepted");
                answer.put("transactionId", transactionIds.getAsInt());
                break;
            case "DataTransfer":
                // OCPP 1.6 4.3: a central system without vendor-specific extensions.
                answer.put("status", "UnknownVendorId");
                break;
            default:
                break; // MeterValues, StatusNotification, StopTransaction, *StatusNotification: {}
        }
        return answer;
    }

    /** The raw messages of a valid request, each with the time of its reading. */
    static List<Raw> rawMessages(String identity, String action, ObjectNode payload) {
        List<Raw> raws = new ArrayList<>();
        if (action.equals("MeterValues")) {
            for (JsonNode meterValue : payload.get("meterValue")) {
                ObjectNode single = payload.deepCopy();
                single.putArray("meterValue").add(meterValue.deepCopy());
                raws.add(new Raw(raw(identity, action, single),
                        OcppTime.parse(meterValue.get("timestamp").stringValue())));
            }
        } else {
            JsonNode timestamp = action.equals("StatusNotification") ? payload.get("timestamp") : null;
            raws.add(new Raw(raw(identity, action, payload),
                    timestamp == null || timestamp.isNull() ? null : OcppTime.parse(timestamp.stringValue())));
        }
        return raws;
    }

    static ObjectNode raw(String identity, String action, JsonNode payload) {
        ObjectNode raw = JsonNodeFactory.instance.objectNode().put(CHARGE_POINT, identity).put(ACTION, action);
        raw.set(PAYLOAD, payload.deepCopy());
        return raw;
    }

    /**
     * The reading of a raw message with the original's keys, each under the charge point's identity
     * ({@code {"CP_1__BootNotification": {"charge_point_vendor": "KEBA", ...}}}, flattened to
     * {@code CP_1__BootNotification__charge_point_vendor}) and, with {@code originalIds}, also
     * without it, as the original published them ({@code BootNotification__charge_point_vendor}).
     * {@code null} for messages the original made no datapoints of (Authorize, Start/StopTransaction,
     * DataTransfer). The identity is joined to each top-level key rather than nesting the reading
     * under it, so that no identity (not even {@code Heartbeat}) can collide with the original's ids.
     */
    static JsonNode reading(JsonNode raw, boolean originalIds) {
        String identity = raw.path(CHARGE_POINT).asString();
        String action = raw.path(ACTION).asString();
        JsonNode payload = raw.path(PAYLOAD);
        if (identity.isEmpty() || !payload.isObject()) {
            throw new IllegalArgumentException("a raw message must hold charge_point, action and payload, got "
                    + abbreviated(raw));
        }
        ObjectNode original = originalReading(action, payload);
        if (original == null) {
            return null;
        }
        ObjectNode reading = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> entry : original.properties()) {
            reading.set(identity + "__" + entry.getKey(), entry.getValue());
        }
        if (originalIds) {
            reading.setAll(original.deepCopy());
        }
        return reading;
    }

    /** The reading as the original made it, without the charge point ({@code {"Heartbeat": "alive"}}). */
    private static ObjectNode originalReading(String action, JsonNode payload) {
        ObjectNode reading = JsonNodeFactory.instance.objectNode();
        switch (action) {
            case "BootNotification":
                reading.set("BootNotification", snakeCase(payload));
                break;
            case "Heartbeat":
                reading.put("Heartbeat", "alive");
                break;
            case "StatusNotification":
                ObjectNode status = reading.putObject("StatusNotification");
                status.set("connector_id", payload.get("connectorId"));
                status.set("error_code", payload.get("errorCode"));
                status.set("status", payload.get("status"));
                break;
            case "MeterValues":
                meterValues(payload, reading);
                break;
            case "DiagnosticsStatusNotification":
            case "FirmwareStatusNotification":
                reading.putObject(action).set("status", payload.get("status"));
                break;
            case COMPOSITE_SCHEDULE:
                reading.set("CompositeSchedule", snakeCase(payload));
                break;
            default:
                return null;
        }
        return reading;
    }

    /**
     * {@code {<measurand>: {<phase>: {<unit>: <value>}}}} (or without the phase level) for each
     * sampled value, as the original; measurand and unit take OCPP's defaults when absent
     * (Energy.Active.Import.Register, Wh), which the original refused.
     */
    private static void meterValues(JsonNode payload, ObjectNode reading) {
        for (JsonNode meterValue : payload.path("meterValue")) {
            for (JsonNode sampled : meterValue.path("sampledValue")) {
                ObjectNode node = child(reading,
                        sampled.path("measurand").asString("Energy.Active.Import.Register"));
                if (sampled.hasNonNull("phase")) {
                    node = child(node, sampled.get("phase").asString());
                }
                node.set(sampled.path("unit").asString("Wh"), sampled.get("value"));
            }
        }
    }

    private static ObjectNode child(ObjectNode parent, String key) {
        JsonNode existing = parent.get(key);
        return existing instanceof ObjectNode object ? object : parent.putObject(key);
    }

    /** Keys in snake_case at every level, as the original's OCPP library handed payloads to it. */
    static JsonNode snakeCase(JsonNode value) {
        if (!value.isObject()) {
            return value;
        }
        ObjectNode converted = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            converted.set(snakeCase(field.getKey()), snakeCase(field.getValue()));
        }
        return converted;
    }

    static String snakeCase(String camelCase) {
        StringBuilder snake = new StringBuilder();
        for (char c : camelCase.toCharArray()) {
            if (Character.isUpperCase(c)) {
                if (snake.length() > 0) {
                    snake.append('_');
                }
                snake.append(Character.toLowerCase(c));
            } else {
                snake.append(c);
            }
        }
        return snake.toString();
    }

    private static String abbreviated(JsonNode value) {
        String text = value.toString();
        return text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }
}
