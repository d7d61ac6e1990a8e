package io.bemcom.connector.homematic.ccu;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.bemcom.testsupport.Ports;

/**
 * A Homematic CCU's BidCos-RF interface process (the "Schnittstellenprozess" of the Homematic
 * XML-RPC specification) on a loopback port, for the connector's tests. It is written from the
 * specification and the fixture documents in {@code src/test/resources/ccu} — DOM to read calls,
 * the literal fixtures to answer and to call back — and uses nothing of the connector's codec.
 *
 * <ul>
 *   <li>{@code init(url, interface_id)} registers a logic layer (an empty id unregisters); before
 *       answering it calls back {@code system.listMethods} and {@code listDevices}, after it
 *       {@code newDevices} with its devices;</li>
 *   <li>{@code getParamsetDescription(address, "VALUES")} describes the wall thermostats' channel 2
 *       (fixture {@code golden/thermostat-paramset-description.xml}); other addresses get fault -2;</li>
 *   <li>{@code setValue(address, value_key, value)} records the write and reports the new value to
 *       every registered logic layer with an {@code event};</li>
 *   <li>{@code ping(callerId)} answers true and sends the event {@code CENTRAL:0 PONG callerId}.</li>
 * </ul>
 * A test sends values with {@link #sendEvents} ({@code system.multicall}) or {@link #sendEvent},
 * restarts it ({@link #restart}: the registrations are gone), makes it forget the registrations
 * while it keeps answering ({@link #forgetRegistrations}), or makes it answer garbage.
 */
public final class SimulatedCcu implements AutoCloseable {

    /** An event to report: a channel address, a datapoint and its value as an XML-RPC value's content. */
    public record Event(String address, String valueKey, String xmlValue) {

        public static Event ofDouble(String address, String valueKey, double value) {
            return new Event(address, valueKey, "<double>" + String.format(java.util.Locale.ROOT, "%.6f", value)
                    + "</double>");
        }

        public static Event ofInt(String address, String valueKey, int value) {
            return new Event(address, valueKey, "<i4>" + value + "</i4>");
        }

        public static Event ofBoolean(String address, String valueKey, boolean value) {
            return new Event(address, valueKey, "<boolean>" + (value ? 1 : 0) + "</boolean>");
        }
    }

    /** A {@code setValue} as it arrived: the value's XML-RPC type (element name) and text. */
    public record Write(String address, String valueKey, String type, String value) {
    }

    /** A logic layer that called {@code init}. */
    public record Registration(String url, String interfaceId) {
    }

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CALL_TIMEOUT).build();
    private final List<Registration> registrations = new CopyOnWriteArrayList<>();
    private final List<Write> writes = new CopyOnWriteArrayList<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final AtomicInteger inits = new AtomicInteger();
    private final AtomicReference<String> garbage = new AtomicReference<>();
    private volatile Duration stall = Duration.ZERO;
    private HttpServer server;
    private ExecutorService executor;

    private SimulatedCcu(int port) {
        this.port = port;
    }

    /** A CCU on a free loopback port. */
    public static SimulatedCcu start() {
        SimulatedCcu ccu = new SimulatedCcu(Ports.free());
        ccu.listen();
        return ccu;
    }

    public int port() {
        return port;
    }

    private synchronized void listen() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A reboot: the interface is away for a moment and comes back knowing no logic layer. */
    public synchronized void restart() {
        stopListening();
        registrations.clear();
        listen();
    }

    /** Stops answering (connection refused) until {@link #comeBack}. */
    public synchronized void disappear() {
        stopListening();
        registrations.clear();
    }

    public synchronized void comeBack() {
        if (server == null) {
            listen();
        }
    }

    /** Forgets every registration but keeps answering: pings succeed, but no PONG and no event follows. */
    public void forgetRegistrations() {
        registrations.clear();
    }

    /** Answers every call only after {@code delay} (zero: at once again), as a CCU busy with itself. */
    public void stall(Duration delay) {
        stall = delay;
    }

    /** Answers every call with {@code document} (null: normally again). */
    public void answerWith(String document) {
        garbage.set(document);
    }

    public List<Registration> registrations() {
        return List.copyOf(registrations);
    }

    public boolean registered() {
        return !registrations.isEmpty();
    }

    /** How often {@code init} registered a logic layer. */
    public int inits() {
        return inits.get();
    }

    public List<Write> writes() {
        return List.copyOf(writes);
    }

    /** The names of the methods called on it, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** What went wrong when it called the logic layer back (faults, malformed answers). */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    // ------------------------------------------------------------------ callbacks to the logic layer

    /** Reports the events to every registered logic layer in one {@code system.multicall}. */
    public void sendEvents(Event... events) {
        for (Registration registration : registrations) {
            StringBuilder calls = new StringBuilder();
            for (Event event : events) {
                calls.append(Fixtures.fill("multicall-event.xml", eventFields(registration, event)));
            }
            callBack(registration, Fixtures.fill("multicall-call.xml", Map.of("CALLS", calls.toString())));
        }
    }

    /** Reports one event with a plain {@code event} call to every registered logic layer. */
    public void sendEvent(Event event) {
        for (Registration registration : registrations) {
            callBack(registration, Fixtures.fill("event-call.xml", eventFields(registration, event)));
        }
    }

    /** Posts any document to every registered logic layer; returns the answers' bodies. */
    public List<String> post(String document) {
        List<String> answers = new ArrayList<>();
        for (Registration registration : registrations) {
            answers.add(callBack(registration, document));
        }
        return answers;
    }

    private static Map<String, String> eventFields(Registration registration, Event event) {
        return Map.of("INTERFACE_ID", registration.interfaceId(), "ADDRESS", event.address(),
                "VALUE_KEY", event.valueKey(), "VALUE", event.xmlValue());
    }

    private String callBack(Registration registration, String document) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(registration.url()))
                    .timeout(CALL_TIMEOUT).header("Content-Type", "text/xml")
                    .POST(HttpRequest.BodyPublishers.ofString(document)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || response.body().contains("<fault>")
                    || !response.body().contains("<methodResponse>")) {
                problems.add(response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            problems.add("call back failed: " + e);
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    // ------------------------------------------------------------------ methods of the interface process

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (!stall.isZero()) {
                try {
                    Thread.sleep(stall.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] answer = answer(body);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    private byte[] answer(byte[] body) {
        String override = garbage.get();
        if (override != null) {
            return override.getBytes(StandardCharsets.UTF_8);
        }
        Element call;
        try {
            call = parse(body);
        } catch (Exception e) {
            return fault(-1, "malformed request: " + e.getMessage());
        }
        String method = text(child(call, "methodName"));
        List<Element> params = params(call);
        calls.add(method);
        return switch (method) {
            case "init" -> init(stringParam(params, 0), stringParam(params, 1));
            case "ping" -> ping(stringParam(params, 0));
            case "getParamsetDescription" -> paramsetDescription(stringParam(params, 0), stringParam(params, 1));
            case "setValue" -> setValue(params);
            case "listDevices" -> utf8(Fixtures.fill("empty-response.xml", Map.of()));
            default -> fault(-1, "unknown method: " + method);
        };
    }

    private byte[] init(String url, String interfaceId) {
        registrations.removeIf(registration -> registration.url().equals(url));
        if (interfaceId.isEmpty()) {
            return utf8(Fixtures.fill("empty-response.xml", Map.of()));
        }
        Registration registration = new Registration(url, interfaceId);
        // As the interface does: it asks the new logic layer what it offers and what it knows...
        Map<String, String> id = Map.of("INTERFACE_ID", interfaceId);
        String methods = callBack(registration, Fixtures.fill("listMethods-call.xml", id));
        if (!methods.contains("system.multicall") || !methods.contains("event")) {
            problems.add("system.listMethods did not name system.multicall and event: " + methods);
        }
        String known = callBack(registration, Fixtures.fill("listDevices-call.xml", id));
        if (!known.contains("<array>")) {
            problems.add("listDevices did not answer an array: " + known);
        }
        registrations.add(registration);
        inits.incrementAndGet();
        // ...and announces its devices once it has answered.
        executor.execute(() -> callBack(registration, Fixtures.fill("newDevices-call.xml", id)));
        return utf8(Fixtures.fill("empty-response.xml", Map.of()));
    }

    private byte[] ping(String callerId) {
        executor.execute(() -> sendEvent(new Event("CENTRAL:0", "PONG", "<string>" + callerId + "</string>")));
        return utf8(Fixtures.fill("true-response.xml", Map.of()));
    }

    private byte[] paramsetDescription(String address, String paramsetType) {
        if (!"VALUES".equals(paramsetType)) {
            return fault(-3, "Unknown paramset");
        }
        if (!address.equals("OEQ1573206:2") && !address.equals("OEQ1572982:2")) {
            return fault(-2, "Unknown instance");
        }
        return Fixtures.bytes("golden/thermostat-paramset-description.xml");
    }

    private byte[] setValue(List<Element> params) {
        String address = stringParam(params, 0);
        String valueKey = stringParam(params, 1);
        Element typed = params.size() > 2 ? firstElement(params.get(2)) : null;
        if (typed == null) {
            return fault(-1, "setValue needs a typed value");
        }
        if (!valueKey.equals("SET_TEMPERATURE") && !valueKey.equals("CONTROL_MODE") && !valueKey.equals("BOOST_MODE")
                && !valueKey.equals("PARTY_MODE_SUBMIT")) {
            return fault(-5, "Unknown Parameter value for value key: " + valueKey);
        }
        writes.add(new Write(address, valueKey, typed.getTagName(), text(typed)));
        // The device confirms the new value; the interface reports it as an event.
        executor.execute(() -> sendEvents(new Event(address, valueKey, "<" + typed.getTagName() + ">" + text(typed)
                + "</" + typed.getTagName() + ">")));
        return utf8(Fixtures.fill("empty-response.xml", Map.of()));
    }

    private static byte[] fault(int code, String text) {
        return utf8(Fixtures.fill("fault-response.xml", Map.of("CODE", Integer.toString(code), "TEXT",
                text.replace("&", "&amp;").replace("<", "&lt;"))));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ reading calls (DOM)

    private static Element parse(byte[] body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        Element root = document.getDocumentElement();
        if (!"methodCall".equals(root.getTagName())) {
            throw new IllegalArgumentException("not a methodCall: " + root.getTagName());
        }
        return root;
    }

    /** The {@code <value>} elements of the call's parameters. */
    private static List<Element> params(Element call) {
        List<Element> values = new ArrayList<>();
        Element params = child(call, "params");
        if (params != null) {
            for (Node param = params.getFirstChild(); param != null; param = param.getNextSibling()) {
                if (param instanceof Element element && element.getTagName().equals("param")) {
                    values.add(child(element, "value"));
                }
            }
        }
        return values;
    }

    /** A string parameter: {@code <value>text</value>} or {@code <value><string>text</string></value>}. */
    private static String stringParam(List<Element> params, int index) {
        if (params.size() <= index) {
            return "";
        }
        Element typed = firstElement(params.get(index));
        return typed == null ? params.get(index).getTextContent() : text(typed);
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    private static Element firstElement(Element parent) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                return element;
            }
        }
        return null;
    }

    private static String text(Element element) {
        return element == null ? "" : element.getTextContent().trim();
    }

    // ------------------------------------------------------------------ lifecycle

    private synchronized void stopListening() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    @Override
    public void close() {
        stopListening();
    }
}
