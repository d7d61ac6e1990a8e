package io.bemcom.protocol.config;

import java.util.HashMap;
import java.util.Map;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The variables the service is configured with: the process environment, plus anything Spring
 * knows under the same names (command-line {@code --MQTT_BROKER_HOST=...}, test properties).
 * Values are taken literally, without placeholder resolution, like environment variables.
 * For the Spring Boot services; needs spring-core, an optional dependency of this module.
 */
public final class SpringVariables {

    private SpringVariables() {
    }

    public static Environment of(ConfigurableEnvironment spring) {
        Map<String, String> variables = new HashMap<>();
        // Property sources come in order of precedence: the first one that has a name wins.
        for (PropertySource<?> source : spring.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    Object value = enumerable.getProperty(name);
                    if (value != null) {
                        variables.putIfAbsent(name, value.toString());
                    }
                }
            }
        }
        return new Environment(variables);
    }
}
