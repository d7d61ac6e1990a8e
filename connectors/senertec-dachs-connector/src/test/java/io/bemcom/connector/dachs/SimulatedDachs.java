package io.bemcom.connector.dachs;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import io.bemcom.connector.testkit.http.Answer;
import io.bemcom.connector.testkit.http.HttpDeviceSimulator;
import io.bemcom.connector.testkit.http.HttpRequestRecord;

/**
 * The GLT interface of a Senertec Dachs 5.5 on a loopback port, as the original's notes describe
 * it (sections 4.11 and 6 of spec/original/connectors.md) and the GLT description documents it:
 * HTTP Basic user {@code glt}; {@code GET /getKey?k=...} answers one {@code key=value} line per
 * requested key ({@code *<key>=Access denied} for a key it does not know); {@code POST /setKeys}
 * takes a form body and answers {@code <key> ok} per key. A module request is reflected in
 * {@code Hka_Bd.Anforderung.ModulAnzahl}. Written from those documents, not from the connector.
 */
final class SimulatedDachs implements AutoCloseable {

    static final String PASSWORD = "Glt-5ecr3t";

    /** What a running Dachs 5.5 answers for the original's 67 keys. */
    static final Map<String, String> VALUES = values(
            "Hka_Bd.Anforderung.ModulAnzahl", "1", "Hka_Bd.UStromF_Frei.bFreigabe", "1", "Hka_Bd.bStoerung", "0",
            "Hka_Bd.bWarnung", "0", "Hka_Bd.UHka_Anf.Anforderung.fStrom", "true", "Hka_Bd.UHka_Anf.usAnforderung", "4",
            "Hka_Bd.UHka_Frei.usFreigabe", "65535", "Hka_Bd.ulArbeitElektr", "162530", "Hka_Bd.ulArbeitThermHka", "318210",
            "Hka_Bd.ulArbeitThermKon", "12040", "Hka_Bd.ulBetriebssekunden", "127043340", "Hka_Bd.ulAnzahlStarts", "4231",
            "Hka_Bd_Stat.uchTeilenummer", "4700046004", "Hka_Bd_Stat.ulInbetriebnahmedatum", "1355322300",
            "BD3112.Hka_Bd.ulBetriebssekunden", "119890800", "BD3112.Hka_Bd.ulAnzahlStarts", "4102",
            "BD3112.Hka_Bd.ulArbeitThermHka", "300114", "BD3112.Hka_Bd.ulArbeitThermKon", "11890",
            "BD3112.Ww_Bd.ulWwMengepA", "61250", "Brenner_Bd.bIstStatus", "0", "Brenner_Bd.bWarnung", "0",
            "Brenner_Bd.UBrenner_Anf.usAnforderung", "0", "Brenner_Bd.UBrenner_Frei.bFreigabe", "0",
            "Brenner_Bd.ulAnzahlStarts", "512", "Brenner_Bd.ulBetriebssekunden", "2916000",
            "Hka_Ew.HydraulikNr.bSpeicherArt", "2", "Hka_Ew.HydraulikNr.bWW_Art", "1",
            "Hka_Ew.HydraulikNr.b2_Waermeerzeuger", "1", "Hka_Ew.HydraulikNr.bMehrmodul", "0",
            "Hka_Mw1.Temp.sAbgasHKA", "36.8", "Hka_Mw1.Temp.sAbgasMotor", "331.5", "Hka_Mw1.Temp.sKapsel", "48.2",
            "Hka_Mw1.Temp.sbAussen", "-2.5", "Hka_Mw1.Temp.sbFreigabeModul", "45", "Hka_Mw1.Temp.sbFuehler1", "61.3",
            "Hka_Mw1.Temp.sbFuehler2", "44.7", "Hka_Mw1.Temp.sbGen", "52.1", "Hka_Mw1.Temp.sbMotor", "84.9",
            "Hka_Mw1.Temp.sbRegler", "41.0", "Hka_Mw1.Temp.sbRuecklauf", "47.3", "Hka_Mw1.Temp.sbVorlauf", "72.6",
            "Hka_Mw1.Temp.sbZS_Fuehler3", "120", "Hka_Mw1.Temp.sbZS_Fuehler4", "120", "Hka_Mw1.Temp.sbZS_Vorlauf1", "58.4",
            "Hka_Mw1.Temp.sbZS_Vorlauf2", "120", "Hka_Mw1.Temp.sbZS_Warmwasser", "55.9",
            "Hka_Mw1.Solltemp.sbRuecklauf", "50", "Hka_Mw1.Solltemp.sbVorlauf", "75",
            "Hka_Mw1.Aktor.bWwPumpe", "100", "Hka_Mw1.Aktor.fFreiAltWaerm", "false", "Hka_Mw1.Aktor.fMischer1Auf", "true",
            "Hka_Mw1.Aktor.fMischer1Zu", "false", "Hka_Mw1.Aktor.fMischer2Auf", "false",
            "Hka_Mw1.Aktor.fMischer2Zu", "false", "Hka_Mw1.Aktor.fProgAus1", "false", "Hka_Mw1.Aktor.fProgAus2", "false",
            "Hka_Mw1.Aktor.fProgAus3", "false", "Hka_Mw1.Aktor.fStoerung", "false", "Hka_Mw1.Aktor.fUPHeizkreis1", "true",
            "Hka_Mw1.Aktor.fUPHeizkreis2", "false", "Hka_Mw1.Aktor.fUPKuehlung", "true", "Hka_Mw1.Aktor.fUPVordruck", "false",
            "Hka_Mw1.Aktor.fUPZirkulation", "true", "Hka_Mw1.Aktor.fWartung", "false", "Hka_Mw1.sWirkleistung", "5.3",
            "Hka_Mw1.ulMotorlaufsekunden", "7245", "Hka_Mw1.usDrehzahl", "2404");

    private final HttpDeviceSimulator http;
    private final Map<String, String> values = new ConcurrentHashMap<>(VALUES);
    private final List<Map<String, String>> writes = new CopyOnWriteArrayList<>();

    SimulatedDachs() {
        this(HttpDeviceSimulator.start());
    }

    private SimulatedDachs(HttpDeviceSimulator http) {
        this.http = http;
        http.requireBasicAuth("glt", PASSWORD);
        http.serve("/getKey", this::getKey);
        http.serve("/setKeys", this::setKeys);
    }

    /** To try the connector by hand: serves on the port given (default 8080) until killed; password {@value #PASSWORD}. */
    public static void main(String[] args) {
        SimulatedDachs dachs = new SimulatedDachs(HttpDeviceSimulator.start(args.length > 0 ? Integer.parseInt(args[0]) : 8080));
        System.out.println("Simulated Dachs at 127.0.0.1:" + dachs.port() + ", GLT user glt, password " + PASSWORD);
    }

    private static Map<String, String> values(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private Answer getKey(HttpRequestRecord request) {
        if (!request.method().equals("GET")) {
            return Answer.status(405, "Method Not Allowed");
        }
        return Answer.text(request.queryValues("k").stream()
                .map(key -> values.containsKey(key) ? key + "=" + values.get(key) : "*" + key + "=Access denied")
                .collect(Collectors.joining("\n", "", "\n")));
    }

    private Answer setKeys(HttpRequestRecord request) {
        if (!request.method().equals("POST")) {
            return Answer.status(405, "Method Not Allowed");
        }
        if (!"application/x-www-form-urlencoded".equals(request.header("Content-Type"))) {
            return Answer.status(415, "Unsupported Media Type");
        }
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : request.bodyText().split("&")) {
            int equals = pair.indexOf('=');
            form.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
        }
        writes.add(form);
        String modules = form.get("Stromf_Ew.Anforderung_GLT.bAnzahlModule");
        if (modules != null) {
            values.put("Hka_Bd.Anforderung.ModulAnzahl", modules);
        }
        return Answer.text(form.keySet().stream().map(key -> key + " ok").collect(Collectors.joining("\n", "", "\n")));
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    void set(String key, String value) {
        values.put(key, value);
    }

    /** The forms of every {@code POST /setKeys}, in arrival order. */
    List<Map<String, String>> writes() {
        return List.copyOf(writes);
    }

    int port() {
        return http.port();
    }

    HttpDeviceSimulator http() {
        return http;
    }

    @Override
    public void close() {
        http.close();
    }
}
