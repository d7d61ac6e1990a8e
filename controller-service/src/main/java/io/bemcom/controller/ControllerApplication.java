package io.bemcom.controller;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The controller service: see README.md. */
@SpringBootApplication
public class ControllerApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(ControllerApplication.class);
        application.setDefaultProperties(LogLevels.springProperties(System.getenv("LOGLEVEL")));
        application.run(args);
    }
}
