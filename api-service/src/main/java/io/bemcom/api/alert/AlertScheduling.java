package io.bemcom.api.alert;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs {@link AlertMonitor}'s checks, except in a maintenance command (migrate, createsuperuser). */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "bemcom.command", havingValue = "false", matchIfMissing = true)
class AlertScheduling {
}
