package io.bemcom.tools.localrunner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What can be checked of the deployment files without Docker: the compose file is YAML of the
 * expected shape, every service's variables are the ones its README documents, and every image
 * runs the jar its module builds.
 */
class DeploymentFilesTest {

    private static final Pattern NAME = Pattern.compile("`([A-Z_][A-Z0-9_]*)`");
    private static final Pattern COPY_JAR = Pattern.compile(
            "^COPY --from=build /src/(\\S+)/target/(\\S+\\.jar) (/app/\\S+\\.jar)$", Pattern.MULTILINE);
    private static final Pattern ENTRYPOINT = Pattern.compile("^ENTRYPOINT \\[\"java\", \"-jar\", \"(/app/[^\"]+)\"",
            Pattern.MULTILINE);

    private static final Pattern README_LINK = Pattern.compile("\\]\\((\\.\\./[^)#]*README\\.md)");
    private static final String CONNECTOR_DOCKERFILE = "tools/docker/connector/Dockerfile";

    /** The compose services built from this repository with a Dockerfile of their own: service → (module folder, jar it runs). */
    private static final Map<String, String[]> BUILT = Map.of(
            "api-service", new String[] {"api-service", ServiceJars.API_SERVICE.fileName()},
            "controller-service", new String[] {"controller-service", ServiceJars.CONTROLLER_SERVICE.fileName()},
            "raw-message-db", new String[] {"raw-message-db", ServiceJars.RAW_MESSAGE_DB.fileName()},
            "demo-device", new String[] {"demo-device", ServiceJars.DEMO_DEVICE.fileName()},
            "demo-setup", new String[] {"tools/local-runner", "local-runner.jar"});

    private static Path root;
    private static Map<String, Object> compose;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        root = RunnerSettings.findRepositoryRoot(Path.of(""));
        compose = new Yaml().load(Files.readString(root.resolve("docker-compose.yml")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void composeFileHasTheApplicationsServicesWithHealthChecksAndVolumes() {
        assertThat(services()).containsKeys("mosquitto", "timescaledb", "api-service", "demo-device",
                "modbus-tcp-connector", "controller-service", "raw-message-db");
        assertThat(services().get("mosquitto").get("image").toString()).startsWith("eclipse-mosquitto:2");
        assertThat(services().get("timescaledb").get("image").toString()).startsWith("timescale/timescaledb:");
        for (String name : List.of("mosquitto", "timescaledb", "api-service", "raw-message-db", "demo-device")) {
            assertThat(services().get(name)).as(name).containsKey("healthcheck");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> volumes = (Map<String, Object>) compose.get("volumes");
        assertThat(volumes).containsKeys("mosquitto-data", "timescaledb-data");
        assertThat(services().get("mosquitto").get("volumes").toString())
                .contains("./tools/mosquitto/mosquitto.conf:/mosquitto/config/mosquitto.conf")
                .contains("mosquitto-data:/mosquitto/data");
        assertThat(services().get("timescaledb").get("volumes").toString()).contains("timescaledb-data:");
        // Every relative path the compose file mounts exists.
        for (Map<String, Object> service : services().values()) {
            Object mounts = service.get("volumes");
            if (mounts instanceof List<?> list) {
                for (Object mount : list) {
                    String source = mount.toString().split(":")[0];
                    if (source.startsWith("./")) {
                        assertThat(root.resolve(source)).as(source).exists();
                    }
                }
            }
        }
        assertThat(root.resolve("tools/mosquitto/mosquitto.conf")).content().contains("persistence true");
    }

    @Test
    void theConnectorReadsTheDemoDeviceWithTheWalkthroughsModbusConfig() {
        Map<String, Object> env = environment("modbus-tcp-connector");
        assertThat(ApiClient.JSON.readTree(env.get("MODBUS_CONFIG").toString()))
                .isEqualTo(ApiClient.JSON.readTree(LocalApplication.DEMO_MODBUS_CONFIG));
        assertThat(env.get("MODBUS_MASTER_PORT")).isEqualTo(environment("demo-device").get("MODBUS_PORT"));
        assertThat(env.get("CONNECTOR_NAME")).isEqualTo(environment("demo-setup").get("CONNECTOR_NAME"));
        assertThat(environment("controller-service").get("MQTT_TOPIC_CONTROLLED_DATAPOINTS"))
                .isEqualTo(environment("demo-setup").get("MQTT_TOPIC_CONTROLLED_DATAPOINTS"));
    }

    @Test
    void everyServicesVariablesAreDocumentedInItsReadmeOrAReadmeItLinksTo() throws IOException {
        Map<String, String> modules = new HashMap<>();
        BUILT.forEach((service, built) -> modules.put(service, built[0]));
        connectorServices().forEach((service, connector) -> modules.put(service, "connectors/" + connector));
        for (Map.Entry<String, String> module : modules.entrySet()) {
            Path readme = root.resolve(module.getValue()).resolve("README.md");
            Set<String> documented = documentedVariables(readme);
            for (Path linked : linkedReadmes(readme)) {
                documented.addAll(documentedVariables(linked));
            }
            assertThat(documented).as("variables in the README of " + module.getValue() + " and the READMEs it links")
                    .containsAll(environment(module.getKey()).keySet());
        }
    }

    @Test
    void everyConnectorIsBuiltFromTheOneConnectorDockerfileWithAModuleThatBuildsItsExecJar() throws IOException {
        Map<String, String> connectors = connectorServices();
        assertThat(connectors).containsEntry("modbus-tcp-connector", "modbus-tcp-connector")
                .containsEntry("fronius-modbus-connector", "fronius-modbus-connector");
        assertThat(root.resolve("tools/docker")).isDirectoryNotContaining(
                path -> path.getFileName().toString().endsWith("-connector"));
        String dockerfile = Files.readString(root.resolve(CONNECTOR_DOCKERFILE));
        assertThat(dockerfile)
                .containsPattern("(?m)^FROM maven:\\S+ AS build$")
                .containsPattern("(?m)^ARG CONNECTOR$")
                .contains("mvn -B -q -pl connectors/${CONNECTOR} -am package -DskipTests")
                .contains("cp connectors/${CONNECTOR}/target/${CONNECTOR}-*-exec.jar /connector.jar")
                .containsPattern("(?m)^FROM eclipse-temurin:17-jre$")
                .containsPattern("(?m)^COPY --from=build /connector.jar /app/connector.jar$")
                .containsPattern("(?m)^USER 10001:10001$")
                .containsPattern("(?m)^ENTRYPOINT \\[\"java\", \"-jar\", \"/app/connector.jar\"\\]$");
        assertThat(root.resolve(CONNECTOR_DOCKERFILE).resolveSibling("Dockerfile.dockerignore")).exists();
        for (Map.Entry<String, String> connector : connectors.entrySet()) {
            Path target = root.resolve("connectors").resolve(connector.getValue()).resolve("target");
            assertThat(target.resolve(connector.getValue() + "-" + ServiceJars.VERSION + "-exec.jar"))
                    .as("the exec jar of " + connector.getValue() + " for service " + connector.getKey())
                    .isRegularFile();
        }
    }

    /** Compose services built from the connector Dockerfile: service → its CONNECTOR build argument. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> connectorServices() {
        Map<String, String> connectors = new HashMap<>();
        services().forEach((service, definition) -> {
            if (definition.get("build") instanceof Map<?, ?> build
                    && CONNECTOR_DOCKERFILE.equals(build.get("dockerfile"))) {
                Map<String, Object> args = (Map<String, Object>) build.get("args");
                assertThat(build.get("context")).as(service).isEqualTo(".");
                assertThat(args).as(service + ": build args").containsKey("CONNECTOR");
                connectors.put(service, args.get("CONNECTOR").toString());
            }
        });
        return connectors;
    }

    /** READMEs of this repository that {@code readme} links to with a relative path. */
    private static List<Path> linkedReadmes(Path readme) throws IOException {
        List<Path> linked = new java.util.ArrayList<>();
        Matcher matcher = README_LINK.matcher(Files.readString(readme));
        while (matcher.find()) {
            Path target = readme.resolveSibling(matcher.group(1)).normalize();
            if (Files.isRegularFile(target)) {
                linked.add(target);
            }
        }
        return linked;
    }

    @Test
    void everyImageRunsTheJarItsModuleBuilds() throws IOException {
        for (Map.Entry<String, String[]> built : BUILT.entrySet()) {
            String service = built.getKey();
            String module = built.getValue()[0];
            String jar = built.getValue()[1];
            @SuppressWarnings("unchecked")
            Map<String, Object> build = (Map<String, Object>) services().get(service).get("build");
            assertThat(build.get("context")).as(service).isEqualTo(".");
            Path dockerfile = root.resolve(build.get("dockerfile").toString());
            String text = Files.readString(dockerfile);

            assertThat(text).as(dockerfile.toString())
                    .containsPattern("(?m)^FROM maven:\\S+ AS build$")
                    .containsPattern("(?m)^FROM eclipse-temurin:17-jre$")
                    .contains("mvn -B -q -pl " + module + " -am package -DskipTests")
                    .containsPattern("(?m)^USER 10001:10001$");
            Matcher copy = COPY_JAR.matcher(text);
            assertThat(copy.find()).as(dockerfile + ": COPY of the jar").isTrue();
            assertThat(copy.group(1)).as(dockerfile.toString()).isEqualTo(module);
            assertThat(copy.group(2)).as(dockerfile.toString()).isEqualTo(jar);
            if (!module.equals("tools/local-runner")) {
                // This module's own jar is packaged after its tests run; its name is the pom's finalName.
                assertThat(root.resolve(module).resolve("target").resolve(jar)).as("built by " + module).isRegularFile();
            } else {
                assertThat(Files.readString(root.resolve(module).resolve("pom.xml")))
                        .contains("<finalName>" + jar.replace(".jar", "") + "</finalName>");
            }
            Matcher entry = ENTRYPOINT.matcher(text);
            assertThat(entry.find()).as(dockerfile + ": ENTRYPOINT").isTrue();
            assertThat(entry.group(1)).as(dockerfile.toString()).isEqualTo(copy.group(3));
            assertThat(dockerfile.resolveSibling("Dockerfile.dockerignore")).exists();
        }
    }

    @Test
    void theLocalRunnerRunsTheJarsTheDockerfilesCopy() {
        for (ServiceJars jar : ServiceJars.values()) {
            assertThat(jar.jar(root)).as(jar.module()).isRegularFile();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(String service) {
        Object env = services().get(service).get("environment");
        Map<String, Object> result = new HashMap<>();
        if (env instanceof Map<?, ?> map) {
            map.forEach((k, v) -> result.put(k.toString(), v));
        }
        return result;
    }

    /**
     * Names in the first cell of the README's table rows. {@code `DJANGO_SUPERUSER_USERNAME`, `_PASSWORD`}
     * and {@code `DJANGOAPIDB_PORT` / `_USER`} name siblings: a name starting with {@code _} takes the
     * first name's prefix.
     */
    static Set<String> documentedVariables(Path readme) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        for (String line : Files.readAllLines(readme)) {
            if (!line.startsWith("|")) {
                continue;
            }
            String[] cells = line.split("\\|");
            if (cells.length < 2) {
                continue;
            }
            Matcher matcher = NAME.matcher(cells[1]);
            String first = null;
            while (matcher.find()) {
                String name = matcher.group(1);
                if (name.startsWith("_") && first != null) {
                    name = first.substring(0, first.lastIndexOf('_')) + name;
                } else if (first == null) {
                    first = name;
                }
                names.add(name);
            }
        }
        return names;
    }
}
