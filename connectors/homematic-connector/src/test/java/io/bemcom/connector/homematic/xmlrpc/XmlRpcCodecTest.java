package io.bemcom.connector.homematic.xmlrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.bemcom.connector.homematic.ccu.Fixtures;

/** The XML-RPC codec against the golden CCU documents, every type, and documents it must refuse. */
class XmlRpcCodecTest {

    private static final String ID = "homematic-connector_BidCos-RF";

    private static String normalised(byte[] document) {
        return new String(document, StandardCharsets.UTF_8).replaceAll(">\\s+<", "><").trim();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Object readValue(String valueXml) throws Exception {
        return XmlRpcReader.readCall(utf8("<methodCall><methodName>m</methodName><params><param>" + valueXml
                + "</param></params></methodCall>")).params().get(0);
    }

    @Test
    void readsTheCcusMulticallOfEventsWithUntypedStringsAndPrintfDoubles() throws Exception {
        MethodCall call = XmlRpcReader.readCall(Fixtures.bytes("golden/thermostat-multicall.xml"));

        assertThat(call.methodName()).isEqualTo("system.multicall");
        List<?> calls = (List<?>) call.params().get(0);
        assertThat(calls).hasSize(5).allSatisfy(item -> assertThat(((Map<?, ?>) item).get("methodName")).isEqualTo("event"));
        assertThat(calls.stream().map(item -> (Object) ((Map<?, ?>) item).get("params")).toList()).containsExactly(
                List.of(ID, "OEQ1573206:2", "ACTUAL_TEMPERATURE", 21.1),
                List.of(ID, "OEQ1573206:2", "SET_TEMPERATURE", 20.5),
                List.of(ID, "OEQ1572982:1", "HUMIDITY", 52),
                List.of(ID, "NEQ0875312:1", "STATE", 2),
                List.of(ID, "NEQ0875312:0", "LOWBAT", false));
    }

    @Test
    void readsAParamsetDescriptionInTheEncodingItsDeclarationNames() throws Exception {
        Map<?, ?> description = (Map<?, ?>) XmlRpcReader.readResponse(
                Fixtures.bytes("golden/thermostat-paramset-description.xml"));

        Map<?, ?> setTemperature = (Map<?, ?>) description.get("SET_TEMPERATURE");
        assertThat(setTemperature.get("TYPE")).isEqualTo("FLOAT");
        assertThat(setTemperature.get("MIN")).isEqualTo(4.5);
        assertThat(setTemperature.get("MAX")).isEqualTo(30.5);
        assertThat(setTemperature.get("OPERATIONS")).isEqualTo(7);
        assertThat(setTemperature.get("UNIT")).isEqualTo("°C");
        assertThat(((Map<?, ?>) description.get("CONTROL_MODE")).get("VALUE_LIST"))
                .isEqualTo(List.of("AUTO-MODE", "MANU-MODE", "PARTY-MODE", "BOOST-MODE"));
        assertThat(((Map<?, ?>) description.get("PARTY_MODE_SUBMIT")).get("DEFAULT")).isEqualTo("");
        assertThat(description.keySet()).first().isEqualTo("ACTUAL_TEMPERATURE");
    }

    @Test
    void readsAFaultAsAnException() {
        assertThatThrownBy(() -> XmlRpcReader.readResponse(Fixtures.bytes("golden/fault-response.xml")))
                .isInstanceOfSatisfying(XmlRpcFault.class, fault -> {
                    assertThat(fault.code()).isEqualTo(-5);
                    assertThat(fault.faultString()).isEqualTo("Unknown Parameter value for value key: SET_TEMPERATUR");
                });
    }

    @Test
    void writesInitSetValueAndAFaultExactlyAsTheGoldenDocuments() {
        assertThat(normalised(XmlRpcWriter.call("init", List.of("http://bemcom-host:2070", ID))))
                .isEqualTo(normalised(Fixtures.bytes("golden/init-call.xml")));
        assertThat(normalised(XmlRpcWriter.call("setValue", List.of("OEQ1573206:2", "SET_TEMPERATURE", 21.5))))
                .isEqualTo(normalised(Fixtures.bytes("golden/setValue-call.xml")));
        assertThat(normalised(XmlRpcWriter.fault(-5, "Unknown Parameter value for value key: SET_TEMPERATUR")))
                .isEqualTo(normalised(Fixtures.bytes("golden/fault-response.xml")));
    }

    @Test
    void writesAMulticallAnswerOfAResultAndAFaultAsTheGoldenDocument() {
        byte[] written = XmlRpcWriter.response(List.of(List.of(""),
                new XmlRpcFault(XmlRpcFault.METHOD_NOT_FOUND, "no method getLinks").struct()));

        assertThat(normalised(written)).isEqualTo(normalised(Fixtures.bytes("golden/multicall-response.xml")));
    }

    @Test
    void readsBackEveryTypeItWrites() throws Exception {
        Map<String, Object> struct = new LinkedHashMap<>();
        struct.put("z", 1);
        struct.put("a", Arrays.asList("x", null, List.of()));
        List<Object> params = Arrays.asList(42, -2147483648, 21.5, -0.001, 1e20, true, false,
                "Wärme <&> \"quoted\" 'single'\ttab\nline\rreturn", "", null, List.of(1, List.of(2.5, "three")), struct,
                Map.of(), LocalDateTime.of(2024, 5, 1, 12, 30, 15), new byte[] {0, 1, (byte) 0xFF});

        MethodCall read = XmlRpcReader.readCall(XmlRpcWriter.call("everything", params));

        assertThat(read.methodName()).isEqualTo("everything");
        assertSameParams(read.params(), params);
        assertThat(List.copyOf(((Map<?, ?>) read.params().get(11)).keySet())).isEqualTo(List.of("z", "a"));
    }

    /** Equal parameters, byte arrays by content. */
    static void assertSameParams(List<Object> actual, List<Object> expected) {
        assertThat(actual).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            if (expected.get(i) instanceof byte[] bytes) {
                assertThat((byte[]) actual.get(i)).as("parameter %d", i).containsExactly(bytes);
            } else {
                assertThat(actual.get(i)).as("parameter %d", i).isEqualTo(expected.get(i));
            }
        }
    }

    @Test
    void readsUntypedValuesAsStringsAndIgnoresWhitespaceAroundTypedOnes() throws Exception {
        assertThat(readValue("<value>  two words  </value>")).isEqualTo("  two words  ");
        assertThat(readValue("<value></value>")).isEqualTo("");
        assertThat(readValue("<value>\n  <i4> 5 </i4>\n</value>")).isEqualTo(5);
        assertThat(readValue("<value><int>-3</int></value>")).isEqualTo(-3);
        assertThat(readValue("<value><i8>8589934592</i8></value>")).isEqualTo(8589934592L);
        assertThat(readValue("<value><string> kept </string></value>")).isEqualTo(" kept ");
        assertThat(readValue("<value><![CDATA[a<b]]></value>")).isEqualTo("a<b");
        assertThat(readValue("<value><double>1e-05</double></value>")).isEqualTo(1e-5);
        assertThat(readValue("<value><dateTime.iso8601>2024-05-01T12:30:15</dateTime.iso8601></value>"))
                .isEqualTo(LocalDateTime.of(2024, 5, 1, 12, 30, 15));
        assertThat((byte[]) readValue("<value><base64>AAH/\n</base64></value>")).containsExactly(0, 1, 0xFF);
        assertThat(readValue("<value><ex:nil xmlns:ex=\"http://ws.apache.org/xmlrpc/namespaces/extensions\"/></value>"))
                .isNull();
    }

    @Test
    void writesDoublesWithoutAnExponentAsTheSpecificationAsks() {
        assertThat(new String(XmlRpcWriter.response(1e-5), StandardCharsets.UTF_8)).contains("<double>0.00001</double>");
        assertThat(new String(XmlRpcWriter.response(1e20), StandardCharsets.UTF_8))
                .contains("<double>100000000000000000000.0</double>");
        assertThat(new String(XmlRpcWriter.response(20.0), StandardCharsets.UTF_8)).contains("<double>20.0</double>");
    }

    @Test
    void refusesToWriteWhatXmlRpcCannotCarry() {
        assertThatThrownBy(() -> XmlRpcWriter.response(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> XmlRpcWriter.response(1L << 40)).hasMessageContaining("32-bit");
        assertThatThrownBy(() -> XmlRpcWriter.response("bell\u0007")).hasMessageContaining("U+0007");
        assertThatThrownBy(() -> XmlRpcWriter.response(new Object())).hasMessageContaining("no type for Object");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not xml at all",
            "<methodCall><methodName>m</methodName>",
            "<methodResponse><params><param><value>1</value></param></params></methodResponse>",
            "<methodCall><params/></methodCall>",
            "<methodCall><methodName> </methodName></methodCall>",
            "<methodCall><methodName>m</methodName><params><param><value><i4>x</i4></value></param></params></methodCall>",
            "<methodCall><methodName>m</methodName><params><param><value><i4>2147483648</i4></value></param></params></methodCall>",
            "<methodCall><methodName>m</methodName><params><param><value><boolean>2</boolean></value></param></params></methodCall>",
            "<methodCall><methodName>m</methodName><params><param><value><double>NaN</double></value></param></params></methodCall>",
            "<methodCall><methodName>m</methodName><params><param><value><double>0x1p3</double></value></param></params></methodCall>",
            "<methodCall><methodName>m</methodName><params><param><value><float>1</float></value></param></params></methodCall>",
            "<methodCall><methodName>m</methodName><params><param><value><i4>1</i4>tail</value></param></params></methodCall>",
            "<methodCall><methodName>m</methodName><params><param><value>head<i4>1</i4></value></param></params></methodCall>",
            "<methodCall><methodName>m</methodName><params><param><value><i4>1</i4><i4>2</i4></value></param></params></methodCall>",
            "<methodCall><methodName>m</methodName><params><param><value><base64>!!</base64></value></param></params></methodCall>",
            "<methodCall><methodName>m</methodName><params><param><value><dateTime.iso8601>yesterday</dateTime.iso8601></value></param></params></methodCall>",
            "<methodCall><methodName>m</methodName><params><param><value><struct><member><value>1</value></member></struct></value></param></params></methodCall>",
            "<methodCall><methodName>m</methodName><params><param><value><array><value>1</value></array></value></param></params></methodCall>",
            "<methodCall><methodName>m</methodName></methodCall><methodCall/>",
            "<methodCall><methodName>m</methodName></methodCall>trailing"})
    void refusesDocumentsThatAreNotXmlRpc(String document) {
        assertThatThrownBy(() -> XmlRpcReader.readCall(utf8(document))).isInstanceOf(MalformedXmlRpcException.class);
    }

    @Test
    void refusesAResponseWithoutAValueAndAFaultWithoutACode() {
        assertThatThrownBy(() -> XmlRpcReader.readResponse(utf8("<methodResponse><params></params></methodResponse>")))
                .isInstanceOf(MalformedXmlRpcException.class);
        assertThatThrownBy(() -> XmlRpcReader.readResponse(utf8(
                "<methodResponse><fault><value><string>oops</string></value></fault></methodResponse>")))
                .isInstanceOf(MalformedXmlRpcException.class).hasMessageContaining("faultCode");
    }

    @Test
    void refusesValuesNestedDeeperThanTheLimit() {
        String deep = "<value><array><data>".repeat(XmlRpcReader.MAX_DEPTH + 2) + "<value>1</value>"
                + "</data></array></value>".repeat(XmlRpcReader.MAX_DEPTH + 2);

        assertThatThrownBy(() -> readValue(deep)).isInstanceOf(MalformedXmlRpcException.class)
                .hasMessageContaining("nested deeper");
    }
}
