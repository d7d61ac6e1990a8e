package io.bemcom.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.bemcom.api.support.Http;
import io.bemcom.api.support.PostgresApiTest;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import tools.jackson.databind.JsonNode;

/**
 * {@code /schema/}: a valid OpenAPI document (swagger-parser) that lists exactly the routes the
 * service serves, for every combination of the extension flags, with the original's operation ids
 * and path parameter names, typed bodies and the real status codes.
 */
class SchemaTest extends PostgresApiTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    @Test
    void theServedSchemaIsValidOpenApiInYamlAndJson() {
        for (String query : List.of("", "?format=json")) {
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            SwaggerParseResult result = new OpenAPIV3Parser().readContents(anonymous().get("/schema/" + query).text(),
                    null, options);
            assertThat(result.getMessages()).as(query).isEmpty();
            assertThat(result.getOpenAPI().getInfo().getVersion()).isEqualTo("0.8.6");
            assertThat(result.getOpenAPI().getComponents().getSecuritySchemes()).containsOnlyKeys("basicAuth", "tokenAuth");
            assertThat(result.getOpenAPI().getComponents().getSecuritySchemes().get("tokenAuth").getScheme())
                    .isEqualTo("bearer");
        }
    }

    @Test
    void operationIdsAndPathParametersAreTheOriginals() {
        JsonNode paths = schema().get("paths");
        Map<String, String> ids = new TreeMap<>();
        paths.properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (operation.getValue().has("operationId")) {
                ids.put(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                        operation.getValue().get("operationId").stringValue());
            }
        }));
        assertThat(ids).containsEntry("GET /datapoint/", "datapoint_list")
                .containsEntry("POST /datapoint/", "datapoint_create")
                .containsEntry("PUT /datapoint/", "datapoint_update")
                .containsEntry("GET /datapoint/last_value/", "datapoint_last_value_list")
                .containsEntry("GET /datapoint/{dp_id}/value/", "datapoint_value_list")
                .containsEntry("POST /datapoint/{dp_id}/schedule/", "datapoint_schedule_create")
                .containsEntry("PUT /datapoint/{dp_id}/setpoint/", "datapoint_setpoint_update")
                .containsEntry("DELETE /datapoint/{dp_id}/value/{timestamp}/", "datapoint_value_destroy")
                .containsEntry("GET /metrics/", "metrics_retrieve")
                .containsEntry("GET /schema/", "schema_retrieve");
        assertThat(new TreeSet<>(ids.values())).hasSameSizeAs(ids.values());
    }

    @Test
    void everyOperationHasTypedBodiesRealStatusCodesAndItsFiltersAsParameters() {
        JsonNode document = schema();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
            if (entry.getKey().equals("parameters")) {
                return;
            }
            String what = entry.getKey() + " " + path.getKey();
            JsonNode operation = entry.getValue();
            Set<String> codes = new TreeSet<>();
            operation.get("responses").propertyNames().forEach(codes::add);
            boolean isPublic = path.getKey().equals("/schema/") || path.getKey().equals("/health/");
            if (!isPublic) {
                assertThat(codes).as(what).contains("401", "403");
            }
            if (path.getKey().contains("{")) {
                assertThat(codes).as(what).contains("404");
            }
            switch (entry.getKey()) {
                case "post" -> assertThat(codes).as(what).contains("201", "400", "415");
                case "put" -> assertThat(codes).as(what).contains("200", "400", "415");
                case "delete" -> assertThat(codes).as(what).contains("204");
                // a WebSocket route switches protocols (or answers 426 without the upgrade)
                default -> assertThat(codes).as(what).contains(path.getKey().endsWith("/ws/") ? "101" : "200");
            }
            if (operation.has("requestBody")) {
                JsonNode body = resolve(document, operation.get("requestBody")).get("content");
                assertThat(body.propertyNames()).as(what).containsExactly("application/json",
                        "application/x-www-form-urlencoded", "multipart/form-data");
                assertThat(body.get("application/json").get("schema").toString()).as(what).contains("#/components/schemas/");
            }
            JsonNode success = operation.get("responses").get(entry.getKey().equals("post") ? "201" : "200");
            if (success != null && !path.getKey().equals("/metrics/") && !path.getKey().equals("/schema/")) {
                assertThat(resolve(document, success).toString()).as(what).contains("#/components/schemas/");
            }
        }));
        JsonNode history = document.get("paths").get("/datapoint/{dp_id}/value/").get("get").get("parameters");
        List<String> names = new ArrayList<>();
        history.forEach(parameter -> names.add(resolve(document, parameter).get("name").stringValue()));
        assertThat(names).containsExactly("timestamp__gte", "timestamp__gt", "timestamp__lte", "timestamp__lt", "interval");
        assertThat(document.get("paths").get("/datapoint/").get("get").get("parameters").size()).isEqualTo(14);
    }

    @Test
    void theSchemaListsExactlyTheRoutesOfEveryFlagCombination() {
        for (boolean control : List.of(false, true)) {
            for (boolean history : List.of(false, true)) {
                Routes routes = new Routes(control, history);
                Map<String, List<String>> documented = OpenApiDocument.operations(OpenApiDocument.served(routes, ""));
                Map<String, Set<String>> served = new TreeMap<>();
                for (Routes.Route route : routes.all()) {
                    if (route.path().pattern().equals("/")) {
                        continue; // Swagger UI itself, left out as the original leaves it out
                    }
                    List<String> templates = OpenApiDocument.operations(OpenApiDocument.full()).keySet().stream()
                            .filter(t -> route.path().matcher(OpenApiDocument.samplePath(t)).matches()).toList();
                    assertThat(templates).as("documented paths of " + route.path()).hasSize(1);
                    served.put(templates.get(0), new TreeSet<>(route.methods()));
                }
                Map<String, Set<String>> documentedSets = new TreeMap<>();
                documented.forEach((path, methods) -> documentedSets.put(path, new TreeSet<>(methods)));
                assertThat(documentedSets).as("control " + control + ", history " + history).isEqualTo(served);
            }
        }
        assertThat(OpenApiDocument.served(new Routes(true, true), "/bemcom").get("servers").get(0).get("url").stringValue())
                .isEqualTo("/bemcom");
    }

    @Test
    void everyDocumentedOperationIsHandledAndAnsweredOverHttp() {
        Map<String, List<String>> documented = OpenApiDocument.operations(schema());
        Map<RequestMappingInfo, ?> handlers = handlerMapping.getHandlerMethods();
        documented.forEach((template, methods) -> {
            String sample = OpenApiDocument.samplePath(template);
            for (String method : methods) {
                assertThat(handlers.keySet().stream().anyMatch(info -> handles(info, sample, method)))
                        .as("a controller for " + method + " " + template).isTrue();
            }
            Http.Response options = admin().send("OPTIONS", sample, (String) null);
            Set<String> allowed = new TreeSet<>(List.of(options.header("Allow").split(",\\s*")));
            allowed.removeAll(Set.of("HEAD", "OPTIONS"));
            assertThat(allowed).as("Allow of " + template).isEqualTo(new TreeSet<>(methods));
        });
        // And every handler of the REST API is documented (the admin UI, Swagger UI and the error page are not API).
        handlers.keySet().forEach(info -> info.getPathPatternsCondition().getPatternValues().forEach(pattern -> {
            if (pattern.startsWith("/admin") || pattern.equals("/") || pattern.equals("/error")) {
                return;
            }
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            assertThat(documented).as("documented, with the same parameter names: " + pattern).containsKey(pattern);
            assertThat(documented.get(pattern)).as(pattern)
                    .containsAll(methods.stream().map(RequestMethod::name).toList());
        }));
    }

    private static boolean handles(RequestMappingInfo info, String path, String method) {
        boolean pathMatches = info.getPathPatternsCondition().getPatterns().stream()
                .anyMatch(p -> p.matches(org.springframework.http.server.PathContainer.parsePath(path)));
        return pathMatches && info.getMethodsCondition().getMethods().stream().anyMatch(m -> m.name().equals(method));
    }

    private JsonNode schema() {
        return json(anonymous().get("/schema/?format=json").text());
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            JsonNode target = document;
            for (String part : current.get("$ref").stringValue().substring(2).split("/")) {
                target = target.get(part);
            }
            current = target;
        }
        return current;
    }
}
