package io.bemcom.connector.homematic.xmlrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.bemcom.protocol.JsonValues;

/**
 * An independent check of the codec: CPython's standard {@code xmlrpc.client} writes documents
 * our reader reads, and reads the documents our writer writes. Skipped (with the reason) where
 * no {@code python3} is installed.
 */
class PythonXmlRpcCrossCheckTest {

    /** The same values in Python and (below) in Java. */
    private static final String PYTHON_VALUES = """
            import datetime
            values = (42, -2147483648, 21.5, 1e-05, 1e+20, True, False, 'W\\u00e4rme <&> "quoted"\\tand\\nlines', '',
                      None, [1, 'two', [3.0]], {'z': 1, 'a': {'b': None}}, {},
                      datetime.datetime(2024, 5, 1, 12, 30, 15), b'\\x00\\x01binary\\xff')
            """;

    private static List<Object> javaValues() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("b", null);
        Map<String, Object> struct = new LinkedHashMap<>();
        struct.put("z", 1);
        struct.put("a", inner);
        return Arrays.asList(42, -2147483648, 21.5, 1e-5, 1e20, true, false, "Wärme <&> \"quoted\"\tand\nlines", "",
                null, List.of(1, "two", List.of(3.0)), struct, Map.of(), LocalDateTime.of(2024, 5, 1, 12, 30, 15),
                "\0\1binary\u00ff".getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Prints what Python's loads made of stdin as JSON (bytes and datetimes tagged). */
    private static final String PYTHON_LOADS = """
            import sys, json, base64, datetime, xmlrpc.client
            def plain(v):
                if isinstance(v, bytes): return {'base64': base64.b64encode(v).decode()}
                if isinstance(v, datetime.datetime): return {'datetime': v.isoformat()}
                if isinstance(v, list): return [plain(x) for x in v]
                if isinstance(v, dict): return {k: plain(x) for k, x in v.items()}
                return v
            try:
                params, method = xmlrpc.client.loads(sys.stdin.buffer.read(), use_builtin_types=True)
                print(json.dumps({'method': method, 'params': plain(list(params))}))
            except xmlrpc.client.Fault as fault:
                print(json.dumps({'faultCode': fault.faultCode, 'faultString': fault.faultString}))
            """;

    @BeforeAll
    static void pythonIsThere() {
        String reason;
        try {
            Result result = python("import xmlrpc.client; print('ok')", new byte[0]);
            reason = result.exitCode() == 0 ? null : "python3 cannot import xmlrpc.client: " + result.text();
        } catch (IOException e) {
            reason = "python3 is not installed on this machine (" + e.getMessage() + ")";
        }
        assumeTrue(reason == null, reason);
    }

    private record Result(int exitCode, byte[] stdout) {
        String text() {
            return new String(stdout, StandardCharsets.UTF_8).trim();
        }
    }

    private static Result python(String script, byte[] stdin) throws IOException {
        Process process = new ProcessBuilder("python3", "-c", script).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        }
        byte[] out = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("python3 did not finish in 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new Result(process.exitValue(), out);
    }

    private static byte[] pythonWrites(String expression) throws IOException {
        Result result = python(PYTHON_VALUES + "import sys, xmlrpc.client\nsys.stdout.buffer.write(" + expression
                + ".encode('utf-8'))\n", new byte[0]);
        assertThat(result.exitCode()).as(result.text()).isZero();
        return result.stdout();
    }

    @Test
    void readsACallThatPythonWrote() throws Exception {
        byte[] document = pythonWrites("xmlrpc.client.dumps(values, methodname='event', allow_none=True)");

        MethodCall call = XmlRpcReader.readCall(document);

        assertThat(call.methodName()).isEqualTo("event");
        XmlRpcCodecTest.assertSameParams(call.params(), javaValues());
    }

    @Test
    void readsAResponseAndAFaultThatPythonWrote() throws Exception {
        byte[] response = pythonWrites("xmlrpc.client.dumps(([1, {'x': 2.5}],), methodresponse=True)");
        byte[] fault = pythonWrites("xmlrpc.client.dumps(xmlrpc.client.Fault(-5, 'Unknown Parameter value'),"
                + " methodresponse=True)");

        assertThat(XmlRpcReader.readResponse(response)).isEqualTo(List.of(1, Map.of("x", 2.5)));
        assertThatThrownBy(() -> XmlRpcReader.readResponse(fault)).isInstanceOfSatisfying(XmlRpcFault.class,
                f -> assertThat(f.code()).isEqualTo(-5));
    }

    @Test
    void writesACallThatPythonReads() throws Exception {
        Result result = python(PYTHON_LOADS, XmlRpcWriter.call("event", javaValues()));

        assertThat(result.exitCode()).as(result.text()).isZero();
        assertThat(JsonValues.parse(result.text())).isEqualTo(JsonValues.parse("""
                {"method": "event", "params": [42, -2147483648, 21.5, 1e-05, 1e+20, true, false,
                 "Wärme <&> \\"quoted\\"\\tand\\nlines", "", null, [1, "two", [3.0]], {"z": 1, "a": {"b": null}}, {},
                 {"datetime": "2024-05-01T12:30:15"}, {"base64": "AAFiaW5hcnn/"}]}"""));
    }

    @Test
    void writesResponsesAndFaultsThatPythonReads() throws Exception {
        Result response = python(PYTHON_LOADS, XmlRpcWriter.response(List.of(List.of(""), Map.of("x", 2.5))));
        Result fault = python(PYTHON_LOADS, XmlRpcWriter.fault(XmlRpcFault.METHOD_NOT_FOUND, "no method <getLinks>"));

        assertThat(JsonValues.parse(response.text())).isEqualTo(JsonValues.parse(
                "{\"method\": null, \"params\": [[[\"\"], {\"x\": 2.5}]]}"));
        assertThat(JsonValues.parse(fault.text())).isEqualTo(JsonValues.parse(
                "{\"faultCode\": -32601, \"faultString\": \"no method <getLinks>\"}"));
    }
}
