package io.bemcom.rawmessages;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The raw message DB: see README.md. */
@SpringBootApplication
public class RawMessageDbApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(RawMessageDbApplication.class);
        application.setDefaultProperties(LogLevels.springProperties(System.getenv("LOGLEVEL"),
                System.getenv("MQTT_INTEGRATION_LOG_LEVEL")));
        application.run(args);
    }
}
