package io.bemcom.api.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The api-service's packages depend in one direction (see the README, "Packages"): the shared JSON
 * helpers know nothing of the service; the domain (connectors, datapoints, controllers, history)
 * knows neither the web nor MQTT; the edges (REST, admin, MQTT) use the domain and not each other.
 * Reads the compiled classes; no Spring context.
 */
class DependencyDirectionTest {

    private static final Set<String> SHARED = Set.of("json");
    private static final Set<String> DOMAIN = Set.of("metadata", "connector", "datapoint", "controller", "history",
            "deadletter", "audit", "alert");
    private static final Set<String> EDGES = Set.of("rest", "admin", "mqtt", "security", "metrics", "monitor", "live");

    private static PackageDependencies dependencies;

    @BeforeAll
    static void readClasses() {
        dependencies = PackageDependencies.ofCompiledClasses();
        assertThat(dependencies.classCount()).as("compiled classes found").isGreaterThan(100);
    }

    @Test
    void sharedJsonHelpersDependOnNoOtherPackageOfTheService() {
        for (String shared : SHARED) {
            assertThat(dependencies.packageGraph().get(shared)).as("packages that %s refers to", shared).isEmpty();
        }
    }

    @Test
    void domainKnowsNeitherTheWebNorMqtt() {
        assertThat(violations(DOMAIN, EDGES)).isEmpty();
    }

    @Test
    void settingsKnowNeitherTheDomainNorTheEdges() {
        Set<String> above = new java.util.HashSet<>(DOMAIN);
        above.addAll(EDGES);
        assertThat(violations(Set.of("config"), above)).isEmpty();
    }

    @Test
    void adminAndMqttDoNotUseTheRestPackage() {
        assertThat(violations(Set.of("admin", "mqtt"), Set.of("rest"))).isEmpty();
    }

    @Test
    void restAndAdminDoNotUseMqttButItsPublishingInterface() {
        assertThat(violations(Set.of("rest", "admin"), Set.of("mqtt"))).isEmpty();
    }

    @Test
    void packagesDependOnEachOtherInOneDirectionOnly() {
        assertThat(dependencies.cycles()).isEmpty();
    }

    private static List<String> violations(Set<String> from, Set<String> forbidden) {
        List<String> found = new ArrayList<>();
        for (String source : from) {
            for (String target : forbidden) {
                found.addAll(dependencies.references(source, target));
            }
        }
        return found;
    }
}
