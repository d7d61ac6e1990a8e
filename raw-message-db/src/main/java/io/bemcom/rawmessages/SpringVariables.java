package io.bemcom.rawmessages;

import java.util.HashMap;
import java.util.Map;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

import io.bemcom.protocol.config.Environment;

/**
 * The variables the service is configured with: the process environment, plus anything Spring
 * knows under the same names (command-line {@code --MQTT_BROKER_HOST=...}, test properties).
 * Values are taken literally, without placeholder resolution, like environment variables.
 */
final class SpringVariables {

    private SpringVariables() {
    }

    static Environment of(ConfigurableEnvironment spring) {
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
