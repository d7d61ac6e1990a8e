package io.bemcom.controller;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

import io.bemcom.controller.mqtt.ControllerService;
import io.bemcom.controller.mqtt.ScheduledWakeUps;
import io.bemcom.protocol.config.Environment;
import io.bemcom.protocol.config.SpringVariables;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Wires the controller; it starts with the application context and stops with it. */
@Configuration(proxyBeanMethods = false)
class ControllerBeans {

    @Bean
    ControllerSettings controllerSettings(ConfigurableEnvironment spring) {
        Environment variables = SpringVariables.of(spring);
        return ControllerSettings.fromEnvironment(variables);
    }

    /** The controller's time is UTC milliseconds, whatever the host's zone. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Whether the broker is connected: part of {@code /actuator/health} and of readiness (with METRICS_PORT). */
    @Bean
    HealthIndicator broker(ControllerService controller) {
        return () -> (controller.broker().isConnected() ? Health.up() : Health.down()).build();
    }

    @Bean(destroyMethod = "close")
    ScheduledWakeUps wakeUps(Clock clock) {
        return new ScheduledWakeUps(clock);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    ControllerService controllerService(ControllerSettings settings, Clock clock, ScheduledWakeUps wakeUps,
                                        MeterRegistry registry) {
        return new ControllerService(settings, clock, wakeUps, registry);
    }
}
