package io.bemcom.connector.ambus;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.bemcom.connector.testkit.http.Answer;
import io.bemcom.connector.testkit.http.HttpDeviceSimulator;
import io.bemcom.connector.testkit.http.HttpRequestRecord;

/**
 * The SOAP 1.1 web service of an aquametro AMBUS Net gateway on a loopback port, as the original's
 * notes describe it (sections 4.9 and 6 of spec/original/connectors.md): {@code POST} with
 * {@code SOAPAction: "http://tempuri.org/getMeter"}, answered with an ISO-8859-1 envelope whose
 * {@code getMeterResult} echoes the requested {@code primAddr} (a CALEC ST heat meter, with the
 * children the captured answer names), or with an ASP.NET web service's SOAP fault. Written from
 * those, not from the connector.
 */
final class SimulatedAmbusNet implements AutoCloseable {

    static final String PATH = "/AmbusNetWS/Service1.asmx";
    private static final Pattern PRIM_ADDR = Pattern.compile("<primAddr>\\s*(\\S+?)\\s*</primAddr>");

    /** A CALEC ST's answer; {@code %1$s} is the meter, {@code %2$s} the heat power of channel 1. */
    static final String CALEC_ST = """
            <?xml version="1.0" encoding="ISO-8859-1"?>
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
              <soap:Body>
                <getMeterResponse xmlns="http://tempuri.org/">
                  <getMeterResult>
                    <primAddr>%1$s</primAddr>
                    <deviceName>CALEC ST</deviceName>
                    <desc>Wärmezähler Heizung Süd</desc>
                    <type>4</type>
                    <info>M-Bus</info>
                    <supplier>AQM</supplier>
                    <serial>05331543</serial>
                    <medium>Heat</medium>
                    <instPoint>Heizzentrale</instPoint>
                    <readout>09.01.20 17:33</readout>
                    <status>ok</status>
                    <opTime><value>   46753</value><unit>h</unit></opTime>
                    <errorTime><value>    0</value><unit>h</unit></errorTime>
                    <channel>
                      <Channel>
                        <P><value>%2$s</value><unit>kW</unit></P>
                        <E><value>  1234.567</value><unit>MWh</unit></E>
                        <Tf><value>  45.2</value><unit>°C</unit></Tf>
                      </Channel>
                      <Channel>
                        <P><value>    1.250</value><unit>kW</unit></P>
                      </Channel>
                    </channel>
                  </getMeterResult>
                </getMeterResponse>
              </soap:Body>
            </soap:Envelope>
            """;

    /** An ASP.NET web service's SOAP 1.1 fault (HTTP 500). */
    static String fault(String faultstring) {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" \
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">\
                <soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>%s</faultstring><detail />\
                </soap:Fault></soap:Body></soap:Envelope>""".formatted(faultstring);
    }

    private final HttpDeviceSimulator http;
    private final Map<String, String> power = new ConcurrentHashMap<>();
    private final Map<String, String> faults = new ConcurrentHashMap<>();

    SimulatedAmbusNet() {
        this(HttpDeviceSimulator.start());
    }

    private SimulatedAmbusNet(HttpDeviceSimulator http) {
        this.http = http;
        http.serve(PATH, this::getMeter);
    }

    /** To try the connector by hand: serves on the port given (default 8082) until killed. */
    public static void main(String[] args) {
        SimulatedAmbusNet gateway = new SimulatedAmbusNet(HttpDeviceSimulator.start(args.length > 0
                ? Integer.parseInt(args[0]) : 8082));
        System.out.println("Simulated AMBUS Net at " + gateway.url());
    }

    private Answer getMeter(HttpRequestRecord request) {
        if (!request.method().equals("POST")) {
            return Answer.status(405, "Method Not Allowed");
        }
        if (!"\"http://tempuri.org/getMeter\"".equals(request.header("SOAPAction"))) {
            return soapFault("Server did not recognize the value of HTTP Header SOAPAction: "
                    + request.header("SOAPAction") + ".");
        }
        Matcher matcher = PRIM_ADDR.matcher(request.bodyText());
        if (!matcher.find()) {
            return soapFault("Server was unable to read request. ---&gt; There is an error in XML document.");
        }
        String meter = matcher.group(1);
        String fault = faults.get(meter);
        if (fault != null) {
            return soapFault(fault);
        }
        return Answer.xml(CALEC_ST.formatted(meter, power.getOrDefault(meter, "    0.000")), StandardCharsets.ISO_8859_1);
    }

    private static Answer soapFault(String faultstring) {
        return new Answer(500, Map.of("Content-Type", "text/xml; charset=utf-8"),
                fault(faultstring).getBytes(StandardCharsets.UTF_8));
    }

    /** The heat power channel 1 of {@code meter} shows from now on, as the gateway writes it (e.g. "   12.500"). */
    void power(String meter, String value) {
        power.put(meter, value);
    }

    /** From now on {@code meter} is answered with a SOAP fault ({@code null}: answered again). */
    void fault(String meter, String faultstring) {
        if (faultstring == null) {
            faults.remove(meter);
        } else {
            faults.put(meter, faultstring);
        }
    }

    /** The meters requested so far, in order. */
    List<String> requestedMeters() {
        return http.requests(PATH).stream().map(request -> {
            Matcher matcher = PRIM_ADDR.matcher(request.bodyText());
            return matcher.find() ? matcher.group(1) : "?";
        }).toList();
    }

    String url() {
        return http.url(PATH);
    }

    HttpDeviceSimulator http() {
        return http;
    }

    @Override
    public void close() {
        http.close();
    }
}
