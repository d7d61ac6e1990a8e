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
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

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

    /** The meters live in memory: the original had no metrics endpoint and this service serves no HTTP. */
    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
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
