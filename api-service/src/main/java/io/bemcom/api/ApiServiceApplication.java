package io.bemcom.api;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

import io.bemcom.api.config.ApiSettings;
import io.bemcom.api.security.UserService;

/**
 * The api-service. Without arguments it serves REST and runs the MQTT ingestion; with
 * {@code migrate} or {@code createsuperuser} it runs that {@link MaintenanceCommands maintenance command}.
 */
@SpringBootApplication
public class ApiServiceApplication {

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("migrate") || args[0].equals("createsuperuser"))) {
            System.exit(MaintenanceCommands.run(args));
        }
        SpringApplication.run(ApiServiceApplication.class, args);
    }

    /**
     * Creates the superuser of DJANGO_SUPERUSER_* at start when all three are set and the user does
     * not exist. Not in command mode: {@code createsuperuser} reports on that user itself.
     */
    @Bean
    @ConditionalOnProperty(name = "bemcom.command", havingValue = "false", matchIfMissing = true)
    ApplicationRunner superuserAtStart(ApiSettings settings, UserService users) {
        return arguments -> users.ensureSuperuser(settings);
    }
}
