package io.bemcom.controller;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The controller service: see README.md. {@code LOGLEVEL}, the log format and the one-line report
 * of a failed start come from message-protocol's {@code io.bemcom.protocol.spring}.
 */
@SpringBootApplication
public class ControllerApplication {

    public static void main(String[] args) {
        SpringApplication.run(ControllerApplication.class, args);
    }
}
