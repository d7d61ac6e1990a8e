package io.bemcom.api.rest;

import java.io.IOException;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Swagger UI at the API root (assets from the bundled swagger-ui webjar, no CDN) and the OpenAPI
 * schema at {@code /schema/}: YAML by default, JSON with {@code ?format=json} or
 * {@code Accept: application/json}, as the original.
 */
@RestController
@Hidden
public class RootController {

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

    @GetMapping("/")
    public ResponseEntity<String> swaggerUi() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(PAGE);
    }

    @GetMapping("/schema/")
    public void schema(@RequestParam(value = "format", required = false) String format,
                       @RequestHeader(value = "Accept", required = false) String accept,
                       HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        boolean json = "json".equals(format) || (format == null && accept != null && accept.contains("application/json"));
        request.getRequestDispatcher(json ? "/api-docs" : "/api-docs.yaml").forward(request, response);
    }
}
