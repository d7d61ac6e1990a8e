package io.bemcom.connector.ambus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.bemcom.protocol.JsonValues;

/** The safe parser, SOAP faults, and xml2js's structure (its defaults, as the Node-RED XML node uses them). */
class SoapXmlTest {

    private static String xml2js(String xml) {
        return JsonValues.toJson(SoapXml.xml2js(SoapXml.parse(xml).getDocumentElement()));
    }

    @Test
    void makesArraysOfChildrenTextOfTextOnlyElementsAndKeepsWhiteSpaceInText() {
        assertThat(xml2js("<r><a>1</a><b> x </b><a>2</a><c><d>3</d></c></r>"))
                .isEqualTo("{\"a\":[\"1\",\"2\"],\"b\":[\" x \"],\"c\":[{\"d\":[\"3\"]}]}");
    }

    @Test
    void putsAttributesUnderDollarAndMixedTextUnderUnderscore() {
        assertThat(xml2js("<r xmlns=\"http://tempuri.org/\" id=\"7\"><v unit=\"h\">12</v>text<e/></r>"))
                .isEqualTo("{\"_\":\"text\",\"$\":{\"id\":\"7\",\"xmlns\":\"http://tempuri.org/\"},"
                        + "\"v\":[{\"_\":\"12\",\"$\":{\"unit\":\"h\"}}],\"e\":[\"\"]}");
    }

    @Test
    void dropsWhiteSpaceBetweenElementsAndKeepsItInAnOtherwiseEmptyElement() {
        assertThat(xml2js("<r>\n  <a>1</a>\n  <b>  </b>\n  <c><![CDATA[<x>]]></c>\n</r>"))
                .isEqualTo("{\"a\":[\"1\"],\"b\":[\"  \"],\"c\":[\"<x>\"]}");
    }

    @Test
    void findsTheFaultOfASoapEnvelope() {
        assertThat(SoapXml.fault(SoapXml.parse(SimulatedAmbusNet.fault("Server was unable ---&gt; no meter"))))
                .hasValue("soap:Server: Server was unable ---> no meter");
        assertThat(SoapXml.fault(SoapXml.parse(SimulatedAmbusNet.CALEC_ST.formatted("2", "0")))).isEmpty();
        assertThat(SoapXml.fault(SoapXml.parse("<Fault/>"))).isEmpty();
    }

    @Test
    void refusesDocumentTypesExternalEntitiesAndEntityExpansion() {
        String external = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>";
        String parameter = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/p.dtd\"> %p;]><r/>";
        String expansion = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;\">]><r>&c;&c;&c;</r>";
        String externalDtd = "<?xml version=\"1.0\"?><!DOCTYPE r SYSTEM \"http://127.0.0.1:9/r.dtd\"><r/>";
        for (String xml : new String[] {external, parameter, expansion, externalDtd}) {
            assertThatThrownBy(() -> SoapXml.parse(xml)).as(xml).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("DOCTYPE is disallowed");
        }
    }

    @Test
    void refusesTextThatIsNoXmlAndAcceptsWhiteSpaceBeforeTheDeclaration() {
        assertThatThrownBy(() -> SoapXml.parse("not xml")).hasMessageStartingWith("no well-formed XML");
        assertThatThrownBy(() -> SoapXml.parse("<a><b></a>")).hasMessageStartingWith("no well-formed XML");
        assertThat(SoapXml.parse("\n  <?xml version='1.0'?><r/>").getDocumentElement().getNodeName()).isEqualTo("r");
    }
}
