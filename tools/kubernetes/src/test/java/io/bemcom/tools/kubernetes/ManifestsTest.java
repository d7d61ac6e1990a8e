package io.bemcom.tools.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Kustomize manifests, rendered offline as {@code kubectl kustomize tools/kubernetes/base}
 * renders them (the kustomization only lists resources, which this test checks), read strictly into
 * the Kubernetes API's types of fabric8's kubernetes-model (a field the API does not have, a wrong
 * type, an invalid quantity or name fails), and checked for what the API server cannot see: every
 * reference resolves (selectors, ports, secrets, config maps, volumes), every service has probes on
 * its health route and resources, passwords come from the Secret, copied files match their sources.
 */
class ManifestsTest {

    private static final Path ROOT = root();
    private static final Path BASE = ROOT.resolve("tools/kubernetes/base");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, Class<? extends HasMetadata>> TYPES = Map.of(
            "v1/ConfigMap", ConfigMap.class, "v1/Secret", Secret.class, "v1/Service", Service.class,
            "v1/PersistentVolumeClaim", PersistentVolumeClaim.class, "apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class);
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

    private static final List<HasMetadata> objects = new ArrayList<>();
    private static final List<Object> rendered = new ArrayList<>();

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void render() throws IOException {
        Map<String, Object> kustomization = new Yaml().load(Files.readString(BASE.resolve("kustomization.yaml")));
        // Only what this rendering does as kustomize does: listing resources.
        assertThat(kustomization.keySet()).containsExactlyInAnyOrder("apiVersion", "kind", "resources");
        assertThat(kustomization.get("kind")).isEqualTo("Kustomization");
        for (String resource : (List<String>) kustomization.get("resources")) {
            Path file = BASE.resolve(resource).normalize();
            assertThat(file.startsWith(BASE)).as(resource + ": inside the kustomization root (kustomize's load restrictor)").isTrue();
            // YAML 1.1 as kubectl reads it; no duplicate keys.
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            for (Object document : new Yaml(options).loadAll(Files.readString(file))) {
                if (document == null) {
                    continue;
                }
                Map<String, Object> map = (Map<String, Object>) document;
                String type = map.get("apiVersion") + "/" + map.get("kind");
                assertThat(TYPES).as(resource + ": a type this test knows").containsKey(type);
                rendered.add(map);
                HasMetadata object = JSON.convertValue(map, TYPES.get(type));
                strict(object, resource + " " + type + " " + object.getMetadata().getName(), new IdentityHashMap<>());
                objects.add(object);
            }
        }
        assertThat(objects).hasSizeGreaterThan(15);
    }

    @Test
    void namesAreUniquePerKindAndValid() {
        Set<String> seen = new HashSet<>();
        for (HasMetadata object : objects) {
            String name = object.getMetadata().getName();
            assertThat(seen.add(object.getKind() + "/" + name)).as("duplicate " + object.getKind() + " " + name).isTrue();
            assertThat(name).matches(DNS_LABEL).hasSizeLessThanOrEqualTo(63);
            assertThat(object.getMetadata().getNamespace()).as(name + ": namespace left to kubectl -n / kustomize").isNull();
        }
    }

    @Test
    void everyReferenceResolves() {
        Map<String, Set<String>> secretKeys = new HashMap<>();
        Map<String, Set<String>> configMapKeys = new HashMap<>();
        Set<String> claims = new HashSet<>();
        for (HasMetadata object : objects) {
            if (object instanceof Secret secret) {
                Set<String> keys = new HashSet<>();
                if (secret.getStringData() != null) {
                    keys.addAll(secret.getStringData().keySet());
                }
                if (secret.getData() != null) {
                    keys.addAll(secret.getData().keySet());
                }
                secretKeys.put(secret.getMetadata().getName(), keys);
            } else if (object instanceof ConfigMap map) {
                configMapKeys.put(map.getMetadata().getName(), map.getData().keySet());
            } else if (object instanceof PersistentVolumeClaim claim) {
                claims.add(claim.getMetadata().getName());
            }
        }
        for (HasMetadata object : objects) {
            if (object instanceof Service service) {
                List<PodTemplateSpec> pods = workloads().values().stream()
                        .filter(pod -> pod.getMetadata().getLabels().entrySet().containsAll(service.getSpec().getSelector().entrySet()))
                        .toList();
                assertThat(pods).as("pods of service " + service.getMetadata().getName()).isNotEmpty();
                for (ServicePort port : service.getSpec().getPorts()) {
                    for (PodTemplateSpec pod : pods) {
                        assertThat(portExists(pod, port.getTargetPort()))
                                .as(service.getMetadata().getName() + " → " + port.getTargetPort()).isTrue();
                    }
                }
            }
        }
        workloads().forEach((name, pod) -> {
            Set<String> volumes = new HashSet<>();
            for (Volume volume : pod.getSpec().getVolumes() == null ? List.<Volume>of() : pod.getSpec().getVolumes()) {
                volumes.add(volume.getName());
                if (volume.getConfigMap() != null) {
                    assertThat(configMapKeys).as(name).containsKey(volume.getConfigMap().getName());
                }
                if (volume.getPersistentVolumeClaim() != null) {
                    assertThat(claims).as(name).contains(volume.getPersistentVolumeClaim().getClaimName());
                }
            }
            objects.stream().filter(o -> o instanceof StatefulSet s && s.getMetadata().getName().equals(name))
                    .forEach(o -> ((StatefulSet) o).getSpec().getVolumeClaimTemplates()
                            .forEach(t -> volumes.add(t.getMetadata().getName())));
            for (Container container : pod.getSpec().getContainers()) {
                container.getVolumeMounts().forEach(m -> assertThat(volumes).as(name + " mount").contains(m.getName()));
                for (EnvVar env : container.getEnv()) {
                    assertThat(env.getName()).matches(ENV_NAME);
                    if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                        var ref = env.getValueFrom().getSecretKeyRef();
                        assertThat(secretKeys.get(ref.getName())).as(name + " " + env.getName()).contains(ref.getKey());
                    }
                }
                container.getEnvFrom().forEach(from -> assertThat(configMapKeys).as(name)
                        .containsKey(from.getConfigMapRef().getName()));
                for (Probe probe : probes(container)) {
                    IntOrString port = probe.getHttpGet() != null ? probe.getHttpGet().getPort()
                            : probe.getTcpSocket() != null ? probe.getTcpSocket().getPort() : null;
                    if (port != null) {
                        assertThat(portExists(pod, port)).as(name + " probe port " + port).isTrue();
                    }
                }
                for (ContainerPort port : container.getPorts()) {
                    assertThat(port.getName()).matches(PORT_NAME).hasSizeLessThanOrEqualTo(15);
                }
            }
        });
        for (HasMetadata object : objects) {
            if (object instanceof StatefulSet set) {
                Service governing = find(Service.class, set.getSpec().getServiceName());
                assertThat(governing.getSpec().getClusterIP()).as("headless service of " + set.getMetadata().getName())
                        .isEqualTo("None");
            }
            if (object instanceof Deployment deployment) {
                assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels().entrySet())
                        .containsAll(deployment.getSpec().getSelector().getMatchLabels().entrySet());
            }
            if (object instanceof StatefulSet set) {
                assertThat(set.getSpec().getTemplate().getMetadata().getLabels().entrySet())
                        .containsAll(set.getSpec().getSelector().getMatchLabels().entrySet());
            }
        }
    }

    @Test
    void everyServiceHasProbesOnItsHealthRouteAndResourcesAndPasswordsFromTheSecret() {
        Map<String, String> healthRoutes = Map.of("api-service", "/health/", "raw-message-db", "/raw-messages/healthcheck",
                "modbus-tcp-connector", "/health");
        workloads().forEach((name, pod) -> {
            for (Container container : pod.getSpec().getContainers()) {
                var resources = container.getResources();
                Quantity cpu = resources.getRequests().get("cpu");
                Quantity memory = resources.getRequests().get("memory");
                Quantity limit = resources.getLimits().get("memory");
                assertThat(cpu).as(name + " cpu request").isNotNull();
                assertThat(memory).as(name + " memory request").isNotNull();
                assertThat(limit).as(name + " memory limit").isNotNull();
                assertThat(Quantity.getAmountInBytes(limit)).as(name).isGreaterThanOrEqualTo(Quantity.getAmountInBytes(memory));
                if (healthRoutes.containsKey(name)) {
                    List<Probe> probes = probes(container);
                    assertThat(probes).as(name + " probes").isNotEmpty();
                    probes.forEach(p -> assertThat(p.getHttpGet().getPath()).as(name).isEqualTo(healthRoutes.get(name)));
                    assertThat(container.getReadinessProbe()).as(name + " readiness").isNotNull();
                } else if (!container.getPorts().isEmpty()) {
                    assertThat(container.getReadinessProbe()).as(name + " readiness").isNotNull();
                }
                for (EnvVar env : container.getEnv()) {
                    if (env.getName().contains("PASSWORD")) {
                        assertThat(env.getValue()).as(name + " " + env.getName() + " literal").isNull();
                        assertThat(env.getValueFrom().getSecretKeyRef()).as(name + " " + env.getName()).isNotNull();
                    }
                    if (env.getName().equals("JAVA_TOOL_OPTIONS") && env.getValue().contains("-Xmx")) {
                        long heap = Quantity.getAmountInBytes(new Quantity(
                                env.getValue().replaceAll(".*-Xmx(\\d+)m.*", "$1") + "Mi")).longValue();
                        assertThat(heap).as(name + ": heap below the memory request")
                                .isLessThan(Quantity.getAmountInBytes(memory).longValue());
                    }
                }
            }
        });
        assertThat(workloads().keySet()).contains("mosquitto", "timescaledb", "api-service", "raw-message-db",
                "controller-service", "demo-device", "modbus-tcp-connector");
    }

    @Test
    void theApiServiceRunsAsSeveralReplicasEachWithItsOwnStableClientId() {
        StatefulSet api = find(StatefulSet.class, "api-service");
        assertThat(api.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
        EnvVar clientId = api.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals("MQTT_CLIENT_ID")).findFirst().orElseThrow();
        assertThat(clientId.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        assertThat(find(Service.class, "api-service").getSpec().getSessionAffinity()).isEqualTo("ClientIP");
        // Each probe names an allowed host: DJANGO_ALLOWED_HOSTS refuses the pod's IP.
        for (Probe probe : probes(api.getSpec().getTemplate().getSpec().getContainers().get(0))) {
            assertThat(probe.getHttpGet().getHttpHeaders()).anyMatch(h -> h.getName().equals("Host")
                    && find(ConfigMap.class, "bemcom-config").getData().get("DJANGO_ALLOWED_HOSTS").contains("\"" + h.getValue() + "\""));
        }
    }

    @Test
    void copiedFilesMatchTheirSources() throws IOException {
        assertThat(find(ConfigMap.class, "mosquitto-config").getData().get("mosquitto.conf"))
                .isEqualTo(Files.readString(ROOT.resolve("tools/mosquitto/mosquitto.conf")));
        Map<String, String> init = find(ConfigMap.class, "timescaledb-init").getData();
        for (String file : List.of("10-raw-message-db.sql", "20-read-only-login.sh")) {
            assertThat(init.get(file)).as(file).isEqualTo(Files.readString(ROOT.resolve("tools/docker/timescaledb").resolve(file)));
        }
    }

    @Test
    void kubectlKustomizeRendersTheSameObjectsOffline() throws Exception {
        Path kubectl = Path.of("/usr/bin/kubectl");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(kubectl), "kubectl is not installed");
        Process process = new ProcessBuilder(kubectl.toString(), "kustomize", BASE.toString()).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String errors = new String(process.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(errors).isZero();
        List<Object> theirs = new ArrayList<>();
        new Yaml().loadAll(output).forEach(theirs::add);
        // kustomize orders by kind; the objects themselves are the same.
        assertThat(theirs).containsExactlyInAnyOrderElementsOf(rendered);
    }

    // --- helpers

    private static Map<String, PodTemplateSpec> workloads() {
        Map<String, PodTemplateSpec> pods = new HashMap<>();
        for (HasMetadata object : objects) {
            if (object instanceof Deployment d) {
                pods.put(d.getMetadata().getName(), d.getSpec().getTemplate());
            } else if (object instanceof StatefulSet s) {
                pods.put(s.getMetadata().getName(), s.getSpec().getTemplate());
            }
        }
        return pods;
    }

    private static List<Probe> probes(Container container) {
        List<Probe> probes = new ArrayList<>();
        for (Probe probe : new Probe[] {container.getStartupProbe(), container.getReadinessProbe(), container.getLivenessProbe()}) {
            if (probe != null) {
                probes.add(probe);
            }
        }
        return probes;
    }

    private static boolean portExists(PodTemplateSpec pod, IntOrString port) {
        for (Container container : pod.getSpec().getContainers()) {
            for (ContainerPort declared : container.getPorts()) {
                if (port.getStrVal() != null ? port.getStrVal().equals(declared.getName())
                        : port.getIntVal().equals(declared.getContainerPort())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static <T extends HasMetadata> T find(Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    /** No field the API does not know: fabric8 keeps unknown fields in additionalProperties. */
    private static void strict(Object value, String path, IdentityHashMap<Object, Boolean> seen) {
        if (value == null || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            int i = 0;
            for (Object item : collection) {
                strict(item, path + "[" + i++ + "]", seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> strict(v, path + "." + k, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        if (value instanceof Quantity quantity) {
            assertThat(Quantity.getAmountInBytes(quantity)).as(path).isNotNull();
            return;
        }
        for (Method method : value.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
                    || !method.getName().startsWith("get") || method.getDeclaringClass() == Object.class) {
                continue;
            }
            Object field;
            try {
                field = method.invoke(value);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (method.getName().equals("getAdditionalProperties")) {
                assertThat((Map<?, ?>) field).as(path + ": fields the Kubernetes API does not have").isNullOrEmpty();
            } else {
                strict(field, path + "." + method.getName().substring(3), seen);
            }
        }
    }

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("api-service/pom.xml"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
