package io.bemcom.connector.keba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.bemcom.protocol.JsonValues;
import tools.jackson.databind.JsonNode;

/** Golden vectors: the replies captured from a real P30 in the original's tests, and status datagrams (guide 3.4). */
class KebaReportsTest {

    private static final String REPORT_1 = "{\"ID\": \"1\",\"Product\": \"KC-P30-ES240022-E0R\",\"Serial\": \"17643683\","
            + "\"Firmware\":\"P30 v 3.9.10 (171113-103030)\",\"COM-module\": 0,\"Backend\": 0,\"timeQ\": 2,\"Sec\": 67399365}";
    private static final String REPORT_3 = "{\"ID\": \"3\",\"U1\": 0,\"U2\": 0,\"U3\": 0,\"I1\": 0,\"I2\": 0,\"I3\": 0,"
            + "\"P\": 0,\"PF\": 0,\"E pres\": 330130,\"E total\": 4781461,\"Serial\": \"17643683\",\"Sec\": 67399365}";

    @Test
    void parsesTheOriginalsRawMessageIntoTypedValues() {
        JsonNode raw = JsonValues.of(Map.of("p30_garage", Map.of("report 1", REPORT_1,
                "report 3", REPORT_3.replace(",", ",\n"))));

        JsonNode reading = KebaReports.parse(raw);

        assertThat(reading.at("/p30_garage/report 1/ID")).isEqualTo(JsonValues.of("1"));
        assertThat(reading.at("/p30_garage/report 1/Firmware")).isEqualTo(JsonValues.of("P30 v 3.9.10 (171113-103030)"));
        assertThat(reading.at("/p30_garage/report 1/Sec")).isEqualTo(JsonValues.of(67399365));
        assertThat(reading.at("/p30_garage/report 3/E pres")).isEqualTo(JsonValues.of(330130));
        assertThat(reading.at("/p30_garage/report 3/E total")).isEqualTo(JsonValues.of(4781461));
        assertThat(reading.at("/p30_garage/report 3/Serial")).isEqualTo(JsonValues.of("17643683"));
    }

    @Test
    void putsTheFieldsOfAStatusDatagramUnderTheReportThatHoldsThem() {
        JsonNode reading = KebaReports.parse(JsonValues.of(Map.of("p30_garage",
                Map.of("status", "{\"State\": 3, \"E pres\": 1200, \"Something\": 1}"))));

        assertThat(reading.at("/p30_garage/report 2/State")).isEqualTo(JsonValues.of(3));
        assertThat(reading.at("/p30_garage/report 3/E pres")).isEqualTo(JsonValues.of(1200));
        assertThat(reading.at("/p30_garage/status/Something")).isEqualTo(JsonValues.of(1));
    }

    @Test
    void refusesARawMessageWhoseReportIsNoJsonObject() {
        assertThatThrownBy(() -> KebaReports.parse(JsonValues.of(Map.of("p30_garage", Map.of("report 1", "[1, 2]")))))
                .hasMessageContaining("'report 1' of station p30_garage is no JSON object");
    }
}
