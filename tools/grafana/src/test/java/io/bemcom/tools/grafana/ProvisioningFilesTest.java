package io.bemcom.tools.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The provisioning files as Grafana reads them: data sources and dashboard provider (YAML), the
 * dashboards (JSON), and how docker-compose.yml mounts and configures them.
 */
class ProvisioningFilesTest {

    private static final Pattern ENV = Pattern.compile("\\$\\{(\\w+)}");
    private static final Pattern VARIABLE_USE = Pattern.compile("\\$(\\w+)|\\$\\{(\\w+)");

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> datasources() {
        Map<String, Object> file = Repository.yaml(Repository.grafana().resolve("provisioning/datasources/bemcom.yaml"));
        assertThat(file.get("apiVersion")).isEqualTo(1);
        return (List<Map<String, Object>>) file.get("datasources");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> composeService(String name) {
        Map<String, Object> compose = Repository.yaml(Repository.root().resolve("docker-compose.yml"));
        return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDatabaseSourceIsTimescaleDbAwareAndReadsAsTheReadOnlyLogin() {
        Map<String, Object> db = datasources().stream().filter(d -> "bemcom-db".equals(d.get("uid"))).findFirst().orElseThrow();
        assertThat(db.get("type")).isEqualTo("grafana-postgresql-datasource");
        Map<String, Object> json = (Map<String, Object>) db.get("jsonData");
        assertThat(json.get("timescaledb")).isEqualTo(true);
        assertThat(json).containsKeys("database", "sslmode");
        assertThat((Map<String, Object>) db.get("secureJsonData")).containsKey("password");
        Map<String, Object> prometheus = datasources().stream().filter(d -> "bemcom-prometheus".equals(d.get("uid")))
                .findFirst().orElseThrow();
        assertThat(prometheus.get("type")).isEqualTo("prometheus");
        assertThat(datasources()).extracting(d -> d.get("name")).doesNotHaveDuplicates();
        assertThat(datasources().stream().filter(d -> Boolean.TRUE.equals(d.get("isDefault")))).hasSize(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeMountsTheFilesWhereTheProviderLooksAndSetsEveryVariableTheDataSourcesUse() throws Exception {
        Map<String, Object> grafana = composeService("grafana");
        assertThat((List<String>) grafana.get("profiles")).containsExactly("grafana");
        List<String> volumes = (List<String>) grafana.get("volumes");
        assertThat(volumes).contains("./tools/grafana/provisioning:/etc/grafana/provisioning:ro");
        Map<String, Object> providers = Repository.yaml(Repository.grafana().resolve("provisioning/dashboards/bemcom.yaml"));
        assertThat(providers.get("apiVersion")).isEqualTo(1);
        Map<String, Object> provider = ((List<Map<String, Object>>) providers.get("providers")).get(0);
        assertThat(provider.get("type")).isEqualTo("file");
        String path = ((Map<String, Object>) provider.get("options")).get("path").toString();
        assertThat(volumes).contains("./tools/grafana/dashboards:" + path + ":ro");

        Map<String, Object> env = (Map<String, Object>) grafana.get("environment");
        String text = Files.readString(Repository.grafana().resolve("provisioning/datasources/bemcom.yaml"));
        Matcher matcher = ENV.matcher(text);
        Set<String> used = new LinkedHashSet<>();
        while (matcher.find()) {
            used.add(matcher.group(1));
        }
        assertThat(used).isNotEmpty();
        assertThat(env).containsKeys(used.toArray(String[]::new));
        assertThat(env.get("BEMCOM_DB_HOST")).isEqualTo("timescaledb");
        assertThat(env.get("BEMCOM_DB_READONLY_USER")).isEqualTo("bemcom_grafana");
        // The login the database's first start creates (docker-entrypoint-initdb.d), in the migration's role.
        assertThat(Repository.read(Repository.root().resolve("tools/docker/timescaledb/20-read-only-login.sh")))
                .contains("CREATE ROLE bemcom_grafana LOGIN PASSWORD :'password' IN ROLE bemcom_readonly");
        assertThat(composeService("timescaledb").get("volumes").toString()).contains("20-read-only-login.sh");
        assertThat(env.get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH").toString()).startsWith(path + "/");
        assertThat(Repository.grafana().resolve("dashboards").resolve(
                Path.of(env.get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH").toString()).getFileName())).isRegularFile();
        assertThat(env.get("GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS")).isEqualTo("bemcom-django-api");
        assertThat(composeService("prometheus").get("volumes").toString()).contains("./tools/grafana/prometheus/prometheus.yml");
    }

    @Test
    void everyDashboardIsWellFormed() {
        Set<String> uids = new HashSet<>();
        Set<String> sources = new HashSet<>();
        datasources().forEach(d -> sources.add(d.get("uid").toString()));
        for (Path file : Repository.dashboards()) {
            JsonNode dashboard = Repository.JSON.readTree(Repository.read(file));
            String name = file.getFileName().toString();
            assertThat(uids.add(dashboard.path("uid").stringValue())).as(name + ": unique uid").isTrue();
            assertThat(dashboard.path("title").stringValue()).as(name).isNotBlank();
            assertThat(dashboard.path("schemaVersion").intValue()).as(name).isGreaterThanOrEqualTo(36);
            assertThat(dashboard.path("editable").booleanValue()).as(name + ": provisioned, read-only").isFalse();

            Set<String> variables = new HashSet<>();
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                variables.add(variable.path("name").stringValue());
                assertThat(sources).as(name + ": variable's data source").contains(variable.path("datasource").path("uid").stringValue());
            }
            Set<Integer> ids = new HashSet<>();
            boolean[][] grid = new boolean[200][24];
            for (JsonNode panel : Repository.panels(dashboard)) {
                String title = name + " / " + panel.path("title").stringValue();
                assertThat(ids.add(panel.path("id").intValue())).as(title + ": unique id").isTrue();
                JsonNode pos = panel.path("gridPos");
                int x = pos.path("x").intValue();
                int y = pos.path("y").intValue();
                int w = pos.path("w").intValue();
                int h = pos.path("h").intValue();
                assertThat(w).as(title).isPositive();
                assertThat(h).as(title).isPositive();
                assertThat(x + w).as(title + ": inside 24 columns").isLessThanOrEqualTo(24);
                for (int row = y; row < y + h; row++) {
                    for (int col = x; col < x + w; col++) {
                        assertThat(grid[row][col]).as(title + ": overlaps another panel").isFalse();
                        grid[row][col] = true;
                    }
                }
                if (panel.path("type").stringValue().equals("row")) {
                    continue;
                }
                if (panel.has("repeat")) {
                    assertThat(variables).as(title + ": repeat variable").contains(panel.path("repeat").stringValue());
                }
                Set<String> refIds = new HashSet<>();
                assertThat(panel.path("targets").size()).as(title).isPositive();
                for (JsonNode target : panel.path("targets")) {
                    assertThat(refIds.add(target.path("refId").stringValue())).as(title + ": unique refId").isTrue();
                    assertThat(sources).as(title).contains(target.path("datasource").path("uid").stringValue());
                    String query = target.has("rawSql") ? target.path("rawSql").stringValue() : target.path("expr").stringValue();
                    assertThat(query).as(title).isNotBlank();
                    Matcher use = VARIABLE_USE.matcher(query);
                    while (use.find()) {
                        String variable = use.group(1) != null ? use.group(1) : use.group(2);
                        if (!variable.startsWith("__")) {
                            assertThat(variables).as(title + ": variable $" + variable).contains(variable);
                        }
                    }
                }
            }
        }
        assertThat(uids).contains("bemcom-connector", "bemcom-services");
    }
}
