package io.bemcom.protocol.spring;

import java.util.Map;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

import io.bemcom.protocol.config.LogLevels;

/**
 * What every BEMCom Spring Boot service configures the same way, before its context starts
 * (registered in {@code META-INF/spring.factories}, so a service needs no code for it):
 * {@code LOGLEVEL} (or the original raw message DB's {@code MQTT_INTEGRATION_LOG_LEVEL}) as the
 * level of BEMCom's loggers, with a warning when it is not a level, and the shared console format
 * ({@code io/bemcom/protocol/logging/spring-service.xml}, {@code LOG_FORMAT}). A module's
 * {@code logback-test.xml} keeps its tests' logging. Explicit Spring properties still win.
 */
public class ServiceEnvironment implements EnvironmentPostProcessor {

    static final String LOGGING_CONFIG = "classpath:io/bemcom/protocol/logging/spring-service.xml";

    private final Log log;

    public ServiceEnvironment(DeferredLogFactory logs) {
        this.log = logs.getLog(ServiceEnvironment.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String variable = "LOGLEVEL";
        String level = environment.getProperty(variable);
        if (level == null || level.isBlank()) {
            variable = "MQTT_INTEGRATION_LOG_LEVEL";
            level = environment.getProperty(variable);
        }
        Optional<String> warning = LogLevels.warning(variable, level);
        warning.ifPresent(log::warn);
        Map<String, Object> properties = new java.util.HashMap<>(LogLevels.springProperties(level));
        if (ClassUtils.getDefaultClassLoader().getResource("logback-test.xml") == null) {
            properties.put("logging.config", LOGGING_CONFIG);
        }
        environment.getPropertySources().addLast(new MapPropertySource("bemcomServiceDefaults", properties));
    }
}
