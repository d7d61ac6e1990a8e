package io.bemcom.connector.dachs;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bemcom.connector.ConnectorContext;
import io.bemcom.connector.PollingDevice;
import io.bemcom.connector.http.DeviceHttpClient;
import io.bemcom.connector.http.NodeRedValues;
import io.bemcom.protocol.JsonValues;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Senertec Dachs CHP over its GLT HTTP interface ("Beschreibung der GLT-Schnittstelle - Dachs
 * Ethernet"), as the original's Node-RED flows use it:
 * <ul>
 *   <li>every {@code POLL_SECONDS}: {@code GET /getKey?k=<key>&k=<key>&...&} for the original's 67 keys
 *       (HTTP Basic user {@code glt}); the answer's {@code key=value} lines are the raw message; the
 *       reading has the key names as ids, {@code true}/{@code false} as 1/0 and the other values as
 *       the Node-RED template's JSON.parse makes them (numbers where they are numbers);</li>
 *   <li>the actuator {@value #ACTUATOR}: {@code POST /setKeys} with
 *       {@code Stromf_Ew.Anforderung_GLT.bAktiv=<1 if n > 0 else 0>&Stromf_Ew.Anforderung_GLT.bAnzahlModule=<n>},
 *       sent again every {@code DACHS_RESEND_SECONDS} (5 minutes) to keep the request alive, until the
 *       next command or the connector's stop.</li>
 * </ul>
 */
public final class DachsDevice implements PollingDevice {

    private static final Logger log = LoggerFactory.getLogger(DachsDevice.class);

    /** The actuator's id; the key it writes ends in {@code Module} (sic, as the original). */
    public static final String ACTUATOR = "Stromf_Ew.Anforderung_GLT.bAnzahlModul";
    static final int MAX_MODULES = 10;

    /** The keys the original reads, in its order. */
    public static final List<String> KEYS = List.of(
            "Hka_Bd.Anforderung.ModulAnzahl", "Hka_Bd.UStromF_Frei.bFreigabe", "Hka_Bd.bStoerung",
            "Hka_Bd.bWarnung", "Hka_Bd.UHka_Anf.Anforderung.fStrom", "Hka_Bd.UHka_Anf.usAnforderung",
            "Hka_Bd.UHka_Frei.usFreigabe", "Hka_Bd.ulArbeitElektr", "Hka_Bd.ulArbeitThermHka",
            "Hka_Bd.ulArbeitThermKon", "Hka_Bd.ulBetriebssekunden", "Hka_Bd.ulAnzahlStarts",
            "Hka_Bd_Stat.uchTeilenummer", "Hka_Bd_Stat.ulInbetriebnahmedatum", "BD3112.Hka_Bd.ulBetriebssekunden",
            "BD3112.Hka_Bd.ulAnzahlStarts", "BD3112.Hka_Bd.ulArbeitThermHka", "BD3112.Hka_Bd.ulArbeitThermKon",
            "BD3112.Ww_Bd.ulWwMengepA", "Brenner_Bd.bIstStatus", "Brenner_Bd.bWarnung",
            "Brenner_Bd.UBrenner_Anf.usAnforderung", "Brenner_Bd.UBrenner_Frei.bFreigabe", "Brenner_Bd.ulAnzahlStarts",
            "Brenner_Bd.ulBetriebssekunden", "Hka_Ew.HydraulikNr.bSpeicherArt", "Hka_Ew.HydraulikNr.bWW_Art",
            "Hka_Ew.HydraulikNr.b2_Waermeerzeuger", "Hka_Ew.HydraulikNr.bMehrmodul", "Hka_Mw1.Temp.sAbgasHKA",
            "Hka_Mw1.Temp.sAbgasMotor", "Hka_Mw1.Temp.sKapsel", "Hka_Mw1.Temp.sbAussen",
            "Hka_Mw1.Temp.sbFreigabeModul", "Hka_Mw1.Temp.sbFuehler1", "Hka_Mw1.Temp.sbFuehler2",
            "Hka_Mw1.Temp.sbGen", "Hka_Mw1.Temp.sbMotor", "Hka_Mw1.Temp.sbRegler",
            "Hka_Mw1.Temp.sbRuecklauf", "Hka_Mw1.Temp.sbVorlauf", "Hka_Mw1.Temp.sbZS_Fuehler3",
            "Hka_Mw1.Temp.sbZS_Fuehler4", "Hka_Mw1.Temp.sbZS_Vorlauf1", "Hka_Mw1.Temp.sbZS_Vorlauf2",
            "Hka_Mw1.Temp.sbZS_Warmwasser", "Hka_Mw1.Solltemp.sbRuecklauf", "Hka_Mw1.Solltemp.sbVorlauf",
            "Hka_Mw1.Aktor.bWwPumpe", "Hka_Mw1.Aktor.fFreiAltWaerm", "Hka_Mw1.Aktor.fMischer1Auf",
            "Hka_Mw1.Aktor.fMischer1Zu", "Hka_Mw1.Aktor.fMischer2Auf", "Hka_Mw1.Aktor.fMischer2Zu",
            "Hka_Mw1.Aktor.fProgAus1", "Hka_Mw1.Aktor.fProgAus2", "Hka_Mw1.Aktor.fProgAus3",
            "Hka_Mw1.Aktor.fStoerung", "Hka_Mw1.Aktor.fUPHeizkreis1", "Hka_Mw1.Aktor.fUPHeizkreis2",
            "Hka_Mw1.Aktor.fUPKuehlung", "Hka_Mw1.Aktor.fUPVordruck", "Hka_Mw1.Aktor.fUPZirkulation",
            "Hka_Mw1.Aktor.fWartung", "Hka_Mw1.sWirkleistung", "Hka_Mw1.ulMotorlaufsekunden",
            "Hka_Mw1.usDrehzahl");

    private final DachsConfig config;
    private final ConnectorContext context;
    private final DeviceHttpClient http;
    private final URI readUri;
    private final URI writeUri;
    private final String authorization;
    private final ReentrantLock sending = new ReentrantLock();
    private volatile ModuleRequest current;
    private Future<?> resending;

    public DachsDevice(DachsConfig config, ConnectorContext context) {
        this.config = config;
        this.context = context;
        this.http = new DeviceHttpClient(config.timeout());
        // One k= per key, a trailing '&', no encoding (the keys need none): exactly the original's request.
        StringBuilder query = new StringBuilder("/getKey?");
        KEYS.forEach(key -> query.append("k=").append(key).append('&'));
        this.readUri = config.uri(query.toString());
        this.writeUri = config.uri("/setKeys");
        this.authorization = DeviceHttpClient.basicAuthorization(DachsConfig.USER, config.password());
    }

    /** The factory {@code main} uses; throws a configuration error naming the variable. */
    public static DachsDevice create(ConnectorContext context) {
        return new DachsDevice(DachsConfig.fromEnvironment(context.environment()), context);
    }

    @Override
    public void start(ConnectorContext context) {
        log.info("Reading {} keys of the Dachs at {}:{} as GLT user '{}' (password {}); module requests are sent"
                + " again every {} s.", KEYS.size(), config.host(), config.port(), DachsConfig.USER,
                config.password().isEmpty() ? "empty" : "set", config.resendInterval().toMillis() / 1000.0);
    }

    @Override
    public JsonNode read() throws IOException, InterruptedException {
        DeviceHttpClient.Answer answer = http.send(HttpRequest.newBuilder(readUri).GET()
                .header("Authorization", authorization));
        if (!answer.isOk()) {
            throw new IOException("Could not read data from Dachs. HTTP status code is: " + answer.status());
        }
        return JsonNodeFactory.instance.stringNode(answer.text(StandardCharsets.UTF_8));
    }

    /**
     * One id per {@code key=value} line; the value is everything after the first {@code =} (the
     * original cut it at a second one). Lines without {@code =} are skipped, as the original dropped them.
     */
    @Override
    public JsonNode parse(JsonNode rawMessage) {
        if (!rawMessage.isString()) {
            throw new IllegalArgumentException("The raw message is no text of key=value lines: " + rawMessage);
        }
        ObjectNode reading = JsonNodeFactory.instance.objectNode();
        for (String line : rawMessage.stringValue().split("\n")) {
            String trimmed = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String value = trimmed.substring(equals + 1);
            value = value.equals("true") ? "1" : value.equals("false") ? "0" : value;
            reading.set(trimmed.substring(0, equals), NodeRedValues.leaf(value));
        }
        if (reading.isEmpty()) {
            String text = rawMessage.stringValue();
            throw new IllegalArgumentException("The Dachs answered no key=value line: '"
                    + (text.length() > 80 ? text.substring(0, 80) + "..." : text) + "'");
        }
        return reading;
    }

    @Override
    public Map<String, JsonNode> actuators() {
        return Map.of(ACTUATOR, JsonValues.of(1));
    }

    /**
     * Requests {@code value} modules (0 switches the request off); refuses anything but a whole
     * number from 0 to 10 without sending. From now on this request is sent again every
     * {@code DACHS_RESEND_SECONDS}, also when this first attempt failed (the Dachs gets it once it is
     * back), until the next command.
     */
    @Override
    public void write(String datapointId, JsonNode value, long timestamp) throws IOException, InterruptedException {
        if (!ACTUATOR.equals(datapointId)) {
            throw new IllegalArgumentException("'" + datapointId + "' is no actuator of the Dachs (it has " + ACTUATOR + ").");
        }
        ModuleRequest request = new ModuleRequest(modules(value));
        synchronized (this) {
            if (resending != null) {
                resending.cancel(false);
            }
            current = request;
            resending = context.every(config.resendInterval(), "re-sending the request for " + request.modules()
                    + " module(s) to the Dachs", () -> send(request, true));
        }
        try {
            send(request, false);
        } catch (IOException e) {
            throw new IOException(e.getMessage() + "; the request is sent again every "
                    + config.resendInterval().toMillis() / 1000.0 + " s", e);
        }
        log.info("Requested {} module(s) of the Dachs; the request is sent again every {} s until the next command.",
                request.modules(), config.resendInterval().toMillis() / 1000.0);
    }

    /** Sends {@code request} unless a newer one replaced it meanwhile. */
    private void send(ModuleRequest request, boolean again) throws IOException, InterruptedException {
        sending.lockInterruptibly();
        try {
            if (current != request) {
                return;
            }
            DeviceHttpClient.Answer answer = http.send(HttpRequest.newBuilder(writeUri)
                    .header("Authorization", authorization)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(request.form(), StandardCharsets.UTF_8)));
            if (!answer.isOk()) {
                throw new IOException("Could not write data to Dachs. HTTP status code is: " + answer.status());
            }
            if (again) {
                log.debug("Sent the request for {} module(s) to the Dachs again.", request.modules());
            }
        } finally {
            sending.unlock();
        }
    }

    /** A whole number from 0 to 10, also as text ("2", "2.0"); anything else is refused. */
    static int modules(JsonNode value) {
        BigDecimal number = null;
        if (value.isNumber()) {
            number = value.decimalValue();
        } else if (value.isString()) {
            try {
                number = new BigDecimal(value.stringValue().trim());
            } catch (NumberFormatException e) {
                number = null;
            }
        }
        if (number == null || number.signum() < 0 || number.compareTo(BigDecimal.valueOf(MAX_MODULES)) > 0
                || number.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException(ACTUATOR + " takes a whole number of modules from 0 to " + MAX_MODULES
                    + ", got " + JsonValues.toJson(value) + "; nothing was sent to the Dachs.");
        }
        return number.intValueExact();
    }

    /** One module request; its identity tells the re-sending task whether it is still the current one. */
    private static final class ModuleRequest {
        private final int modules;

        ModuleRequest(int modules) {
            this.modules = modules;
        }

        int modules() {
            return modules;
        }

        /** The form the GLT interface takes (the key ends in "Module", the actuator id in "Modul"). */
        String form() {
            return "Stromf_Ew.Anforderung_GLT.bAktiv=" + (modules > 0 ? 1 : 0)
                    + "&Stromf_Ew.Anforderung_GLT.bAnzahlModule=" + modules;
        }
    }
}
