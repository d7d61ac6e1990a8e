package io.bemcom.protocol.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ServiceEnvironmentTest {

    private static StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", variables));
        new ServiceEnvironment(new DeferredLogs()).postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void loglevelSetsBemcomsLoggersAndTheOriginalRawMessageDbVariableIsTheFallback() {
        assertThat(environment(Map.of("LOGLEVEL", "WARNING")).getProperty("logging.level.io.bemcom")).isEqualTo("WARN");
        assertThat(environment(Map.of("MQTT_INTEGRATION_LOG_LEVEL", "DEBUG")).getProperty("logging.level.io.bemcom"))
                .isEqualTo("DEBUG");
        StandardEnvironment debug = environment(Map.of("LOGLEVEL", "DEBUG"));
        assertThat(debug.getProperty("logging.level.root")).isEqualTo("INFO");
        assertThat(environment(Map.of()).getProperty("logging.level.io.bemcom")).isEqualTo("INFO");
    }

    @Test
    void anExplicitSpringPropertyWins() {
        assertThat(environment(Map.of("LOGLEVEL", "ERROR", "logging.level.io.bemcom", "TRACE"))
                .getProperty("logging.level.io.bemcom")).isEqualTo("TRACE");
    }

    @Test
    void theSharedLogbackConfigurationExistsButAModulesLogbackTestXmlKeepsItsTestsLogging() {
        assertThat(getClass().getResource("/io/bemcom/protocol/logging/spring-service.xml")).isNotNull();
        assertThat(getClass().getResource("/io/bemcom/protocol/logging/console.xml")).isNotNull();
        // This module's tests have a logback-test.xml.
        assertThat(environment(Map.of()).getProperty("logging.config")).isNull();
    }
}
