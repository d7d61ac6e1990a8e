package io.bemcom.connector.ocpp;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bemcom.connector.ConnectorContext;
import io.bemcom.connector.Device;
import io.bemcom.protocol.JsonValues;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OCPP 1.6J central system as a connector's device. Charge points call it back on the server's
 * threads (a push device of the callback shape): each valid request is answered as the original
 * answered it and handed to the sensor flow as a raw message; a request that is no valid OCPP is
 * answered with a CALLERROR, logged and counted. When a charge point connects, its commands are
 * offered as actuators (with the original's ids too, which address the charge point that connected
 * last); a command is sent to it and its answer checked.
 */
final class OcppDevice implements Device, CentralSystem.Listener {

    private static final Logger log = LoggerFactory.getLogger(OcppDevice.class);
    private static final Duration START_LIMIT = Duration.ofSeconds(10);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(2);

    private final OcppSettings settings;
    private final ConnectorContext context;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Duration answerLimit;
    private final AtomicInteger transactionIds;
    private volatile CentralSystem server;

    OcppDevice(ConnectorContext context, OcppSettings settings) {
        this.context = context;
        this.settings = settings;
        this.clock = context.clock();
        this.registry = context.meterRegistry();
        // The charge point's answer is awaited for less than the SDK's command timeout, so a missing
        // answer is reported as such rather than as a timed-out write.
        Duration commandTimeout = context.settings().commandTimeout();
        this.answerLimit = commandTimeout.compareTo(Duration.ofSeconds(4)) > 0
                ? commandTimeout.minusSeconds(2) : commandTimeout.dividedBy(2);
        // Transaction ids from the clock, so they keep increasing across restarts (the original always answered 1).
        this.transactionIds = new AtomicInteger((int) (clock.millis() / 1000 - 1_700_000_000L));
    }

    static OcppDevice create(ConnectorContext context) {
        return new OcppDevice(context, OcppSettings.fromEnvironment(context.environment()));
    }

    @Override
    public void start(ConnectorContext context) throws Exception {
        CentralSystem system = new CentralSystem(settings.port(), settings.passwords(), this);
        system.startAndWait(START_LIMIT);
        server = system;
        log.info("OCPP 1.6J central system listening on port {} (ws://<host>:{}/<charge point identity>,"
                        + " subprotocol {}); commands {}; ids {}; {}.", settings.port(), settings.port(),
                CentralSystem.SUBPROTOCOL, settings.commands().stream().map(OcppCommand::configName).toList(),
                settings.originalIds() ? "under the charge point's identity and the original's without it"
                        : "only under the charge point's identity (OCPP_ORIGINAL_IDS=FALSE)",
                settings.authenticates() ? "HTTP Basic authentication for " + settings.passwords().keySet()
                        : "no authentication");
    }

    // ------------------------------------------------------------------ charge point → central system

    @Override
    public void connected(String identity) {
        Map<String, JsonNode> actuators = new LinkedHashMap<>();
        settings.commands().forEach(command -> actuators.put(command.datapointId(identity), JsonValues.of("0")));
        if (settings.originalIds()) {
            settings.commands().forEach(command -> actuators.put(command.originalId(), JsonValues.of("0")));
        }
        context.offerActuators(actuators);
    }

    @Override
    public void disconnected(String identity) {
        // Its ids stay: the actuators remain available, and a command finds it connected again or says it is not.
    }

    @Override
    public ObjectNode call(String identity, OcppFrame.Call call) throws CentralSystem.CallRefused {
        OcppSchema.Type schema = ChargePointMessages.schema(call.action());
        if (schema == null) {
            refuse(identity, call, "NotImplemented", "Requested Action is not known by receiver");
        }
        OcppSchema.Violation violation = OcppSchema.check(call.payload(), schema);
        if (violation != null) {
            refuse(identity, call, violation.errorCode(), violation.description());
        }
        for (ChargePointMessages.Raw raw : ChargePointMessages.rawMessages(identity, call.action(), call.payload())) {
            if (raw.timestamp() == null) {
                context.push(raw.rawMessage());
            } else {
                context.push(raw.rawMessage(), raw.timestamp());
            }
        }
        return ChargePointMessages.answer(call.action(), clock, transactionIds::incrementAndGet);
    }

    private void refuse(String identity, OcppFrame.Call call, String errorCode, String description)
            throws CentralSystem.CallRefused {
        count(errorCode);
        log.warn("Charge point '{}' sent {} (id {}) that is not valid OCPP 1.6; answered with the CALLERROR {}: {}.",
                identity, call.action(), call.uniqueId(), errorCode, description);
        throw new CentralSystem.CallRefused(errorCode, description);
    }

    @Override
    public void malformed(String identity, String errorCode, String description) {
        count(errorCode);
        log.warn("Charge point '{}' sent a message that is no OCPP-J frame ({}): {}", identity, errorCode, description);
    }

    private void count(String errorCode) {
        registry.counter("bemcom.connector.ocpp.refused", "error", errorCode).increment();
    }

    @Override
    public JsonNode parse(JsonNode rawMessage) {
        return ChargePointMessages.reading(rawMessage, settings.originalIds());
    }

    // ------------------------------------------------------------------ central system → charge point

    /**
     * Sends the command {@code <identity>__<execute_name>__} to that charge point, or the original's
     * {@code <execute_name>__} to the charge point that connected last (among those connected now):
     * the value is checked first, then the charge point must be connected, answer in time and report
     * success.
     */
    @Override
    public void write(String datapointId, JsonNode value, long timestamp) throws Exception {
        OcppCommand.Target target = OcppCommand.parse(datapointId, settings.commands(), settings.originalIds());
        if (target == null) {
            throw new IllegalArgumentException("'" + datapointId + "' is no command of this connector (commands: "
                    + settings.commands().stream().map(c -> "<charge point>__" + c.originalId()).toList()
                    + (settings.originalIds() ? " and " + settings.commands().stream().map(OcppCommand::originalId)
                    .toList() : "") + ")");
        }
        OcppCommand command = target.command();
        ObjectNode request = command.request(value, clock);
        CentralSystem system = server;
        if (system == null) {
            throw new IllegalStateException("the central system is not running");
        }
        String identity = target.identity() != null ? target.identity() : system.latest();
        if (identity == null) {
            throw new IllegalStateException("no charge point is connected; " + command.action() + " was not sent ("
                    + datapointId + " goes to the charge point that connected last)");
        }
        JsonNode answer = system.send(identity, command.action(), request, answerLimit);
        if (!command.succeeded(answer)) {
            throw new IllegalStateException("charge point '" + identity + "' did not carry out " + command.action()
                    + ": it answered " + answer);
        }
        log.info("Charge point '{}' answered {} {} with {}.", identity, command.action(), request, answer);
        if (command == OcppCommand.GET_COMPOSITE_SCHEDULE) {
            context.push(ChargePointMessages.raw(identity, ChargePointMessages.COMPOSITE_SCHEDULE, answer));
        }
    }

    @Override
    public void close() {
        CentralSystem system = server;
        if (system != null) {
            system.stop(STOP_LIMIT);
        }
    }
}
