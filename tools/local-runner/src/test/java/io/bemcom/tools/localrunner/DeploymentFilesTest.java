package io.bemcom.tools.localrunner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What can be checked of the deployment files without Docker (the machines that run the tests have
 * no Docker daemon and no compose plugin): the compose file is YAML of the shape {@code docker compose
 * config} accepts and we expect, every service's variables are the ones its README documents, every
 * image comes from one build of the reactor, runs as a non-root user, has a health check, and every
 * image tag is pinned.
 */
class DeploymentFilesTest {

    private static final Pattern NAME = Pattern.compile("`([A-Z_][A-Z0-9_]*)`");
    private static final Pattern README_LINK = Pattern.compile("\\]\\((\\.\\./[^)#]*README\\.md)");
    private static final String DOCKERFILE = "tools/docker/Dockerfile";
    /** A pinned tag: a version with at least major.minor (not latest, not a bare major such as {@code 2} or {@code 17-jre}). */
    private static final Pattern PINNED = Pattern.compile("[^:@\\s]+:v?\\d+\\.\\d+[\\w.\\-]*");
    private static final Pattern EXTRACT = Pattern.compile("^extract (\\S+) '([^']+)'$", Pattern.MULTILINE);

    /** The compose services built from this repository: service → the module folder whose jar it runs. */
    private static final Map<String, String> BUILT = Map.of(
            "api-service", "api-service",
            "controller-service", "controller-service",
            "raw-message-db", "raw-message-db",
            "demo-device", "demo-device",
            "demo-setup", "tools/local-runner");

    private static Path root;
    private static Map<String, Object> compose;
    private static String dockerfile;

    @BeforeAll
    static void load() throws IOException {
        root = RunnerSettings.findRepositoryRoot(Path.of(""));
        compose = new Yaml().load(Files.readString(root.resolve("docker-compose.yml")));
        dockerfile = Files.readString(root.resolve(DOCKERFILE));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void composeFileHasTheApplicationsServicesWithHealthChecksAndVolumes() {
        assertThat(services()).containsKeys("mosquitto", "timescaledb", "api-service", "demo-device",
                "modbus-tcp-connector", "controller-service", "raw-message-db");
        assertThat(services().get("mosquitto").get("image").toString()).startsWith("eclipse-mosquitto:2.");
        assertThat(services().get("timescaledb").get("image").toString()).startsWith("timescale/timescaledb:");
        // Every long-running service started by default has a health check; the one-shot setup has none.
        services().forEach((name, service) -> {
            if (!service.containsKey("profiles") && !name.equals("demo-setup")) {
                assertThat(service).as(name).containsKey("healthcheck");
            }
        });
        @SuppressWarnings("unchecked")
        Map<String, Object> volumes = (Map<String, Object>) compose.get("volumes");
        assertThat(volumes).containsKeys("mosquitto-data", "timescaledb-data");
        assertThat(services().get("mosquitto").get("volumes").toString())
                .contains("./tools/mosquitto/mosquitto.conf:/mosquitto/config/mosquitto.conf")
                .contains("mosquitto-data:/mosquitto/data");
        assertThat(services().get("timescaledb").get("volumes").toString()).contains("timescaledb-data:");
        assertThat(root.resolve("tools/mosquitto/mosquitto.conf")).content().contains("persistence true");
    }

    /** What {@code docker compose config} would refuse, checked on the YAML. */
    @Test
    @SuppressWarnings("unchecked")
    void composeFileIsConsistentAsDockerComposeConfigChecksIt() {
        Set<String> volumes = compose.get("volumes") instanceof Map<?, ?> map ? (Set<String>) map.keySet() : Set.of();
        services().forEach((name, service) -> {
            assertThat(service.containsKey("image") || service.containsKey("build")).as(name + ": image or build").isTrue();
            if (service.get("depends_on") instanceof Map<?, ?> dependencies) {
                dependencies.forEach((dependency, condition) -> {
                    assertThat(services()).as(name + " depends on " + dependency).containsKey(dependency.toString());
                    String wanted = ((Map<String, Object>) condition).get("condition").toString();
                    assertThat(wanted).as(name).isIn("service_started", "service_healthy", "service_completed_successfully");
                    if (wanted.equals("service_healthy")) {
                        assertThat(services().get(dependency.toString())).as(dependency + " (health check)")
                                .containsKey("healthcheck");
                    }
                    if (services().get(dependency.toString()).containsKey("profiles")) {
                        assertThat(service.get("profiles")).as(name + " (no profile) depends on a service of a profile")
                                .isNotNull();
                    }
                });
            } else if (service.containsKey("depends_on")) {
                assertThat(service.get("depends_on")).as(name).isInstanceOf(List.class);
            }
            if (service.get("volumes") instanceof List<?> mounts) {
                for (Object mount : mounts) {
                    String source = mount.toString().split(":")[0];
                    if (source.startsWith("./")) {
                        assertThat(root.resolve(source)).as(name + ": " + source).exists();
                    } else if (!source.startsWith("/")) {
                        assertThat(volumes).as(name + ": named volume " + source).contains(source);
                    }
                }
            }
            if (service.get("environment") instanceof Map<?, ?> environment) {
                environment.forEach((variable, value) -> assertThat(value).as(name + ": " + variable)
                        .isInstanceOfAny(String.class, Integer.class, Boolean.class));
            }
            if (service.get("healthcheck") instanceof Map<?, ?> health) {
                assertThat(health.get("test")).as(name).isInstanceOf(List.class);
            }
            if (service.get("ports") instanceof List<?> ports) {
                ports.forEach(port -> assertThat(port.toString()).as(name).matches("[0-9.${}A-Z_:\\-]+(/udp)?"));
            }
        });
        // Every ${...} interpolation is closed.
        String text = readCompose();
        int open = 0;
        for (int i = text.indexOf("${"); i >= 0; i = text.indexOf("${", i + 2)) {
            open++;
            assertThat(text.indexOf('}', i)).as("closed ${ at " + i).isPositive();
        }
        assertThat(open).isPositive();
    }

    private static String readCompose() {
        try {
            return Files.readString(root.resolve("docker-compose.yml"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyImageTagIsPinned() throws IOException {
        List<String> images = new ArrayList<>();
        services().forEach((name, service) -> {
            if (!service.containsKey("build")) {
                images.add(service.get("image").toString());
            }
        });
        Matcher from = Pattern.compile("(?m)^FROM (\\S+)").matcher(dockerfile);
        while (from.find()) {
            if (!from.group(1).equals("runtime")) {
                images.add(from.group(1));
            }
        }
        try (Stream<Path> manifests = Files.list(root.resolve("tools/kubernetes/base"))) {
            for (Path manifest : manifests.toList()) {
                Matcher image = Pattern.compile("(?m)^\\s+image: (\\S+)$").matcher(Files.readString(manifest));
                while (image.find()) {
                    if (!image.group(1).startsWith("bemcom/")) {
                        images.add(image.group(1));
                    }
                }
            }
        }
        assertThat(images).hasSizeGreaterThan(6).allSatisfy(image -> assertThat(image).matches(PINNED));
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
        Map<String, String> modules = new HashMap<>(BUILT);
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

    /** Every image is a target of the one Dockerfile, whose single build stage builds the reactor once. */
    @Test
    @SuppressWarnings("unchecked")
    void everyImageIsATargetOfTheOneDockerfileBuiltOnce() throws IOException {
        assertThat(root.resolve("tools/docker")).isDirectoryNotContaining(path -> Files.isDirectory(path)
                && Files.exists(path.resolve("Dockerfile")));
        assertThat(root.resolve(DOCKERFILE + ".dockerignore")).content().contains("**/target/");
        assertThat(Pattern.compile("(?m)^FROM maven:\\S+ AS build$").matcher(dockerfile).results().count()).isEqualTo(1);
        assertThat(Pattern.compile("(?m)\\bmvn ").matcher(dockerfile).results().count()).isEqualTo(1);
        assertThat(dockerfile).contains("mvn -B -q package -DskipTests").doesNotContain(ServiceJars.VERSION);
        Map<String, String> targets = targets();
        services().forEach((name, service) -> {
            if (service.get("build") instanceof Map<?, ?> build) {
                assertThat(build.get("context")).as(name).isEqualTo(".");
                assertThat(build.get("dockerfile")).as(name).isEqualTo(DOCKERFILE);
                assertThat(targets).as(name + ": target").containsKey(build.get("target").toString());
            }
        });
        BUILT.forEach((service, module) -> assertThat(((Map<String, Object>) services().get(service).get("build"))
                .get("target")).as(service).isEqualTo(service.equals("demo-setup") ? "local-runner" : service));
        assertThat(connectorServices()).containsEntry("modbus-tcp-connector", "modbus-tcp-connector")
                .containsEntry("fronius-modbus-connector", "fronius-modbus-connector");
        for (Map.Entry<String, String> target : targets.entrySet()) {
            String stage = target.getValue();
            assertThat(stage).as(target.getKey() + ": the extracted application, as the non-root user")
                    .containsPattern("(?m)^COPY --from=build /apps/\\S+ /app$")
                    .containsPattern("(?m)^USER 10001:10001$")
                    .containsPattern("(?m)^ENTRYPOINT \\[\"java\", (\"[^\"]+\", )*\"-jar\", \"/app/app.jar\"");
            if (!target.getKey().equals("local-runner")) {
                assertThat(stage).as(target.getKey() + ": health check").containsPattern("(?m)^HEALTHCHECK .*bemcom-health");
            }
        }
        assertThat(dockerfile).containsPattern("(?m)^RUN groupadd --system --gid 10001 bemcom");
        assertThat(root.resolve("tools/docker/bemcom-health")).isExecutable();
    }

    /** Each jar the build stage extracts is exactly one file of the reactor's build, with no version written. */
    @Test
    void theBuildStageExtractsExactlyOneJarPerServiceAndEveryConnectorsExecJar() throws IOException {
        Matcher extract = EXTRACT.matcher(dockerfile);
        Map<String, String> patterns = new LinkedHashMap<>();
        while (extract.find()) {
            patterns.put(extract.group(1), extract.group(2));
        }
        assertThat(patterns).containsOnlyKeys("api-service", "raw-message-db", "controller-service", "demo-device",
                "local-runner");
        for (Map.Entry<String, String> pattern : patterns.entrySet()) {
            String glob = pattern.getValue();
            Path folder = root.resolve(glob.substring(0, glob.lastIndexOf('/')));
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(glob.lastIndexOf('/') + 1));
            if (pattern.getKey().equals("local-runner")) {
                // This module's own jar is packaged after its tests run; its name is the pom's finalName.
                assertThat(Files.readString(root.resolve("tools/local-runner/pom.xml"))).contains("<finalName>local-runner</finalName>");
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                assertThat(files.filter(file -> matcher.matches(file.getFileName())).toList()).as(glob).hasSize(1);
            }
        }
        assertThat(dockerfile).contains("for jar in connectors/*/target/*-exec.jar; do");
        for (String connector : new LinkedHashSet<>(connectorServices().values())) {
            try (Stream<Path> files = Files.list(root.resolve("connectors").resolve(connector).resolve("target"))) {
                assertThat(files.filter(file -> file.getFileName().toString().endsWith("-exec.jar")).toList())
                        .as(connector + "'s exec jar").hasSize(1);
            }
        }
    }

    @Test
    void theLocalRunnerRunsTheJarsTheDockerfileExtracts() {
        for (ServiceJars jar : ServiceJars.values()) {
            assertThat(jar.jar(root)).as(jar.module()).isRegularFile();
        }
    }

    /** The Dockerfile's stages built {@code FROM runtime}: target → its text. */
    private static Map<String, String> targets() {
        Map<String, String> targets = new LinkedHashMap<>();
        String[] stages = dockerfile.split("(?m)^(?=FROM )");
        for (String stage : stages) {
            Matcher from = Pattern.compile("^FROM runtime AS (\\S+)").matcher(stage);
            if (from.find()) {
                targets.put(from.group(1), stage);
            }
        }
        return targets;
    }

    /** Compose services built as the connector target: service → its CONNECTOR build argument. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> connectorServices() {
        Map<String, String> connectors = new HashMap<>();
        services().forEach((service, definition) -> {
            if (definition.get("build") instanceof Map<?, ?> build && "connector".equals(build.get("target"))) {
                Map<String, Object> args = (Map<String, Object>) build.get("args");
                assertThat(args).as(service + ": build args").containsKey("CONNECTOR");
                connectors.put(service, args.get("CONNECTOR").toString());
            }
        });
        return connectors;
    }

    /** READMEs of this repository that {@code readme} links to with a relative path. */
    private static List<Path> linkedReadmes(Path readme) throws IOException {
        List<Path> linked = new ArrayList<>();
        Matcher matcher = README_LINK.matcher(Files.readString(readme));
        while (matcher.find()) {
            Path target = readme.resolveSibling(matcher.group(1)).normalize();
            if (Files.isRegularFile(target)) {
                linked.add(target);
            }
        }
        return linked;
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
