package io.bemcom.rawmessages;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The raw message DB: see README.md. {@code LOGLEVEL} (or the original's
 * {@code MQTT_INTEGRATION_LOG_LEVEL}), the log format and the one-line report of a failed start
 * come from message-protocol's {@code io.bemcom.protocol.spring}.
 */
@SpringBootApplication
public class RawMessageDbApplication {

    public static void main(String[] args) {
        SpringApplication.run(RawMessageDbApplication.class, args);
    }
}
