package io.bemcom.protocol.logging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;

/**
 * The console format of every BEMCom service ({@code io/bemcom/protocol/logging/console.xml}):
 * one line per event, {@code 2026-01-31T12:00:00.000Z INFO  [main] BrokerClient: text} ({@code
 * LOG_FORMAT=text}, the default), or one JSON object per line for log shippers ({@code
 * LOG_FORMAT=json}) with Elastic Common Schema field names: {@code @timestamp}, {@code log.level},
 * {@code log.logger}, {@code process.thread.name}, {@code service.name}, {@code message}, the MDC
 * entries, and {@code error.type}, {@code error.message}, {@code error.stack_trace}.
 */
public class ConsoleEncoder extends EncoderBase<ILoggingEvent> {

    /** The text format's pattern. */
    public static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX, UTC} %-5level [%thread] %logger{36}: %msg%n";

    private String format = "text";
    private String service = "";
    private boolean json;
    private PatternLayout text;

    /** {@code text} or {@code json} (case-insensitive); anything else is text, with a warning. */
    public void setFormat(String format) {
        this.format = format == null ? "" : format.trim();
    }

    /** The {@code service.name} of the JSON format; empty leaves it out. */
    public void setService(String service) {
        this.service = service == null ? "" : service.trim();
    }

    @Override
    public void start() {
        String chosen = format.toLowerCase(Locale.ROOT);
        json = chosen.equals("json");
        if (!json && !chosen.isEmpty() && !chosen.equals("text")) {
            addWarn("LOG_FORMAT='" + format + "' is neither text nor json; logging as text.");
            System.err.println("LOG_FORMAT='" + format + "' is neither text nor json; logging as text.");
        }
        text = new PatternLayout();
        text.setContext(getContext());
        text.setPattern(TEXT_PATTERN);
        text.start();
        super.start();
    }

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        // The text pattern has no exception converter: the layout appends the stack trace itself.
        String line = json ? json(event) : text.doLayout(event);
        return line.getBytes(StandardCharsets.UTF_8);
    }

    private String json(ILoggingEvent event) {
        StringBuilder out = new StringBuilder(256);
        out.append('{');
        field(out, "@timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        field(out, "log.level", event.getLevel().toString());
        field(out, "log.logger", event.getLoggerName());
        field(out, "process.thread.name", event.getThreadName());
        if (!service.isEmpty()) {
            field(out, "service.name", service);
        }
        field(out, "message", event.getFormattedMessage());
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null) {
            mdc.forEach((key, value) -> field(out, key, value));
        }
        IThrowableProxy proxy = event.getThrowableProxy();
        if (proxy != null) {
            field(out, "error.type", proxy.getClassName());
            field(out, "error.message", proxy.getMessage());
            field(out, "error.stack_trace", ThrowableProxyUtil.asString(proxy));
        }
        out.setLength(out.length() - 1); // the last comma
        return out.append('}').append('\n').toString();
    }

    private static void field(StringBuilder out, String name, String value) {
        quote(out, name);
        out.append(':');
        if (value == null) {
            out.append("null");
        } else {
            quote(out, value);
        }
        out.append(',');
    }

    private static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
