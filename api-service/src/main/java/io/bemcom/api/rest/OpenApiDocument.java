package io.bemcom.api.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The OpenAPI document of {@code /schema/}: written by hand ({@code openapi/bemcom-api.yaml}, every
 * route of every flag combination, the original's operation ids and path parameter names), served
 * with the operations the route table offers for the current flags, as the original's schema lists
 * only the routes its flags mount, and with ROOT_PATH as the server URL.
 */
public final class OpenApiDocument {

    static final String RESOURCE = "/openapi/bemcom-api.yaml";
    private static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLWriteFeature.SPLIT_LINES).build();
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    private OpenApiDocument() {
    }

    /** The whole document, every route of every flag combination. */
    public static ObjectNode full() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document with only the operations {@code routes} serves, for a service under {@code contextPath}. */
    public static ObjectNode served(Routes routes, String contextPath) {
        ObjectNode document = full();
        ObjectNode paths = (ObjectNode) document.get("paths");
        for (String path : new ArrayList<>(paths.propertyNames())) {
            ObjectNode item = (ObjectNode) paths.get(path);
            var route = routes.match(samplePath(path));
            for (String method : METHODS) {
                if (item.has(method) && (route.isEmpty() || !route.get().methods().contains(method.toUpperCase(Locale.ROOT)))) {
                    item.remove(method);
                }
            }
            if (METHODS.stream().noneMatch(item::has)) {
                paths.remove(path);
            }
        }
        document.putArray("servers").addObject().put("url", contextPath.isEmpty() ? "/" : contextPath);
        return document;
    }

    /** A path of the template with every parameter filled in ({@code /datapoint/1/value/}). */
    public static String samplePath(String template) {
        return template.replaceAll("\\{[^}]+}", "1");
    }

    /** The document as YAML. */
    public static String yaml(JsonNode document) {
        return YAML.writeValueAsString(document);
    }

    /** Every operation of a document: path template → methods (upper case). */
    public static Map<String, List<String>> operations(JsonNode document) {
        Map<String, List<String>> operations = new java.util.TreeMap<>();
        document.get("paths").properties().forEach(path -> operations.put(path.getKey(), METHODS.stream()
                .filter(path.getValue()::has).map(m -> m.toUpperCase(Locale.ROOT)).toList()));
        return operations;
    }
}
