package io.bemcom.api.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The original's {@code bemcom_djangoapi_log_messages_received_total{function, levelname, loggername}}. */
@Component
public class LogCountingAppender extends AppenderBase<ILoggingEvent> {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public LogCountingAppender(MeterRegistry registry) {
        this.registry = registry;
        setName("bemcom-log-counter");
    }

    @EventListener(ApplicationReadyEvent.class)
    public void attach() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        setContext(context);
        start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(getName()) == null) {
            root.addAppender(this);
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        StackTraceElement[] caller = event.getCallerData();
        String function = caller != null && caller.length > 0 ? caller[0].getMethodName() : "";
        String level = pythonLevel(event.getLevel());
        String key = function + '|' + level + '|' + event.getLoggerName();
        counters.computeIfAbsent(key, k -> Counter.builder("bemcom_djangoapi_log_messages_received")
                .description("Log records emitted by the service").tag("function", function).tag("levelname", level)
                .tag("loggername", event.getLoggerName()).register(registry)).increment();
    }

    private static String pythonLevel(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> "ERROR";
            case Level.WARN_INT -> "WARNING";
            case Level.INFO_INT -> "INFO";
            default -> "DEBUG";
        };
    }
}
