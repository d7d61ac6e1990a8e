package io.bemcom.api.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;

/** Schema metadata as in the original (title, version, license). */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    public static final String API_VERSION = "0.8.6";

    @Bean
    public OpenAPI bemcomOpenApi() {
        return new OpenAPI().info(new Info().title("BEMCom API").version(API_VERSION)
                .license(new License().name("Licensed under MIT"))
                .description("REST API of BEMCom: datapoint metadata, values, schedules and setpoints. "
                        + "Values travel as JSON-encoded strings. See the BEMCom documentation."));
    }
}
