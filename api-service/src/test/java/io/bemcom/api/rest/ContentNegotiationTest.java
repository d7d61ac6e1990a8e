package io.bemcom.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.bemcom.api.support.Http;
import io.bemcom.api.support.PostgresApiTest;

/**
 * DRF's content negotiation, before authentication: an {@code Accept} no renderer of the route
 * satisfies is 406, a {@code ?format=} the route has no renderer for is 404. The browsable API
 * ({@code text/html}, {@code ?format=api}) is not offered, so asking for it alone is answered so too.
 */
class ContentNegotiationTest extends PostgresApiTest {

    private static final String NOT_ACCEPTABLE = "{\"detail\":\"Could not satisfy the request Accept header.\"}";

    @Test
    void anAcceptHeaderWithoutJsonIs406EvenBeforeAuthentication() {
        Http.Response xml = admin().header("Accept", "application/xml").get("/datapoint/");
        assertThat(xml.status()).isEqualTo(406);
        assertThat(xml.text()).isEqualTo(NOT_ACCEPTABLE);
        assertThat(xml.header("Content-Type")).startsWith("application/json");
        assertThat(anonymous().header("Accept", "application/xml").get("/datapoint/").status()).isEqualTo(406);
        assertThat(admin().header("Accept", "text/html").get("/datapoint/last_value/").status()).isEqualTo(406);
        assertThat(admin().header("Accept", "application/xml").send("POST", "/datapoint/", "[]").status()).isEqualTo(406);
    }

    @Test
    void browsersAndJsonClientsGetJson() {
        String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
        Http.Response page = admin().header("Accept", browser).get("/datapoint/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("application/json");
        assertThat(admin().header("Accept", "application/json; indent=4").get("/datapoint/").status()).isEqualTo(200);
        assertThat(admin().header("Accept", "application/*").get("/datapoint/").status()).isEqualTo(200);
        assertThat(admin().get("/datapoint/?format=json").status()).isEqualTo(200);
    }

    @Test
    void theBrowsableApisFormatIsNotOfferedAndUnknownFormatsAre404() {
        assertThat(admin().get("/datapoint/?format=api").text()).isEqualTo("{\"detail\":\"Not found.\"}");
        assertThat(admin().get("/datapoint/?format=xml").status()).isEqualTo(404);
        assertThat(admin().get("/metrics/?format=json").status()).isEqualTo(404);
    }

    @Test
    void metricsSchemaAndSwaggerUiNegotiateTheirOwnTypes() {
        assertThat(admin().header("Accept", "application/json").get("/metrics/").status()).isEqualTo(406);
        Http.Response metrics = admin().header("Accept", "text/plain").get("/metrics/");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).startsWith("text/plain");
        Http.Response json = anonymous().header("Accept", "application/json").get("/schema/");
        assertThat(json.header("Content-Type")).startsWith("application/json");
        assertThat(json.text()).startsWith("{\"openapi\":\"3.0.3\"");
        Http.Response yaml = anonymous().get("/schema/");
        assertThat(yaml.header("Content-Type")).startsWith("application/vnd.oai.openapi");
        assertThat(yaml.text()).contains("openapi: \"3.0.3\"");
        assertThat(anonymous().get("/schema/?format=json").header("Content-Type"))
                .startsWith("application/vnd.oai.openapi+json");
        assertThat(anonymous().header("Accept", "application/xml").get("/schema/").status()).isEqualTo(406);
        assertThat(anonymous().header("Accept", "application/json").get("/").status()).isEqualTo(406);
        assertThat(anonymous().header("Accept", "text/html").get("/").status()).isEqualTo(200);
    }
}
