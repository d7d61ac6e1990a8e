package io.bemcom.api.config;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Maps the original's variables onto Spring Boot properties before the context starts:
 * {@code ROOT_PATH} → context path, {@code N_WORKER_PROCESSES} → request threads, {@code HTTPS_ONLY}
 * → secure cookies (the database choice is applied in {@link ApiConfiguration}). {@code LOGLEVEL} and
 * the log format are every service's: message-protocol's {@code io.bemcom.protocol.spring.ServiceEnvironment}.
 * Explicit Spring properties still win.
 */
public class ApiEnvironmentPostProcessor implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        ApiSettings settings;
        try {
            settings = ApiSettings.from(ApiSettings.environment(environment::getProperty));
        } catch (RuntimeException e) {
            // Reported properly when the settings bean is created.
            return;
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.servlet.context-path", settings.contextPath());
        // gunicorn workers x uvicorn's concurrency: 32 request threads per "worker process".
        properties.put("server.tomcat.threads.max", Math.min(400, Math.max(16, settings.workerProcesses() * 32)));
        properties.put("server.servlet.session.cookie.secure", settings.httpsOnly());
        environment.getPropertySources().addLast(new MapPropertySource("bemcomApiDefaults", properties));
    }
}
