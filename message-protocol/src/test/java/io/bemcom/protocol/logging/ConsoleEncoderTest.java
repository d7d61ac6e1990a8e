package io.bemcom.protocol.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ConsoleEncoderTest {

    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("io.bemcom.protocol.mqtt.BrokerClient");

    private String encode(String format, LoggingEvent event) {
        ConsoleEncoder encoder = new ConsoleEncoder();
        encoder.setContext(context);
        encoder.setFormat(format);
        encoder.setService("api-service");
        encoder.start();
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    private LoggingEvent event(String message, Throwable error) {
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, message, error, null);
        event.setThreadName("main");
        event.setTimeStamp(1_767_225_600_123L);
        event.setMDCPropertyMap(Map.of("connector", "c1"));
        return event;
    }

    @Test
    void textIsOneLineWithTimeLevelThreadAndLogger() {
        assertThat(encode("text", event("Connected to \"x\"", null)))
                .isEqualTo("2026-01-01T00:00:00.123Z WARN  [main] i.bemcom.protocol.mqtt.BrokerClient: Connected to \"x\"\n");
    }

    @Test
    void jsonIsOneObjectPerLineWithEcsFieldsAndTheStackTraceInAField() {
        String line = encode("JSON", event("two\nlines \"quoted\"", new IllegalStateException("boom")));
        assertThat(line).endsWith("}\n").doesNotContain("\n\t");
        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        JsonNode json = JsonMapper.builder().build().readTree(line);
        assertThat(json.get("@timestamp").asString()).isEqualTo("2026-01-01T00:00:00.123Z");
        assertThat(json.get("log.level").asString()).isEqualTo("WARN");
        assertThat(json.get("log.logger").asString()).isEqualTo("io.bemcom.protocol.mqtt.BrokerClient");
        assertThat(json.get("process.thread.name").asString()).isEqualTo("main");
        assertThat(json.get("service.name").asString()).isEqualTo("api-service");
        assertThat(json.get("message").asString()).isEqualTo("two\nlines \"quoted\"");
        assertThat(json.get("connector").asString()).isEqualTo("c1");
        assertThat(json.get("error.type").asString()).isEqualTo("java.lang.IllegalStateException");
        assertThat(json.get("error.message").asString()).isEqualTo("boom");
        assertThat(json.get("error.stack_trace").asString()).contains("ConsoleEncoderTest");
    }

    @Test
    void anUnknownFormatIsText() {
        assertThat(encode("xml", event("hello", null))).endsWith("BrokerClient: hello\n");
    }
}
