package io.bemcom.api.rest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.bemcom.api.config.ApiSettings;
import io.bemcom.api.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.node.ObjectNode;

/**
 * Swagger UI at the API root (assets from the bundled swagger-ui webjar under
 * {@code /swagger-ui/}, no CDN) and the OpenAPI schema at {@code /schema/} ({@link OpenApiDocument}):
 * YAML by default, JSON with {@code ?format=json} or {@code Accept: application/json}, as chosen by
 * the gate's content negotiation ({@link ContentNegotiation#OPENAPI}).
 */
@RestController
public class RootEndpoint {

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="UTF-8">
              <title>BEMCom API</title>
              <link rel="stylesheet" href="swagger-ui/swagger-ui.css">
            </head>
            <body>
              <div id="swagger-ui"></div>
              <script src="swagger-ui/swagger-ui-bundle.js"></script>
              <script src="swagger-ui/swagger-ui-standalone-preset.js"></script>
              <script>
                window.ui = SwaggerUIBundle({url: "schema/?format=json", dom_id: "#swagger-ui",
                  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: "StandaloneLayout"});
              </script>
            </body>
            </html>
            """;

    private final String yaml;
    private final String json;

    public RootEndpoint(ApiSettings settings) {
        ObjectNode document = OpenApiDocument.served(new Routes(settings), settings.contextPath());
        this.yaml = OpenApiDocument.yaml(document);
        this.json = Json.write(document);
    }

    @GetMapping("/")
    public ResponseEntity<String> swaggerUi() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(PAGE);
    }

    @GetMapping("/schema/")
    public ResponseEntity<String> schema(HttpServletRequest request) {
        ContentNegotiation.Renderer chosen = (ContentNegotiation.Renderer) request.getAttribute(ContentNegotiation.CHOSEN);
        boolean asJson = chosen != null && chosen.format().equals("json");
        MediaType type = MediaType.parseMediaType((chosen == null ? "application/vnd.oai.openapi" : chosen.mediaType())
                + ";charset=UTF-8");
        return ResponseEntity.ok().contentType(type).body(asJson ? json : yaml);
    }
}
