package io.bemcom.protocol.spring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

import io.bemcom.protocol.config.StartupFailure;

/**
 * Reports a failed start of a BEMCom Spring Boot service in one ERROR line, naming what could not
 * be reached and the variables that set it ({@link StartupFailure}); the stack trace goes to
 * DEBUG ({@code LOGLEVEL=DEBUG}). Registered in {@code META-INF/spring.factories}, ahead of Spring
 * Boot's failure analyzers. A service names its variables with the properties
 * {@code bemcom.startup.database-prefix} and {@code bemcom.startup.port-variable}.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StartupFailureReporter implements SpringBootExceptionReporter {

    private static final Logger log = LoggerFactory.getLogger("io.bemcom.startup");

    private final ConfigurableApplicationContext context;

    public StartupFailureReporter(ConfigurableApplicationContext context) {
        this.context = context;
    }

    @Override
    public boolean reportException(Throwable failure) {
        Environment environment = context.getEnvironment();
        StartupFailure names = new StartupFailure(environment.getProperty("bemcom.startup.database-prefix"),
                environment.getProperty("bemcom.startup.port-variable"));
        log.error("{} (stack trace with LOGLEVEL=DEBUG)", names.describe(failure));
        log.debug("The start-up failure in full:", failure);
        return true;
    }
}
