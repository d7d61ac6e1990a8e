package io.bemcom.tools.localrunner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import tools.jackson.databind.JsonNode;

/** The optional tools of docker-compose.yml (profiles): pgAdmin, pre-connected to the database. */
class ToolsComposeFilesTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
    }

    @Test
    @SuppressWarnings("unchecked")
    void pgAdminIsOptionalAndConnectedToTheDatabaseAsTheReadOnlyLoginAndTheOwner() throws IOException {
        Map<String, Object> pgadmin = service("pgadmin");
        assertThat((List<String>) pgadmin.get("profiles")).containsExactly("pgadmin");
        assertThat(pgadmin.get("image").toString()).startsWith("dpage/pgadmin4:");
        assertThat(pgadmin).doesNotContainKey("build");
        Map<String, Object> env = (Map<String, Object>) pgadmin.get("environment");
        String mounted = env.get("PGADMIN_SERVER_JSON_FILE").toString();
        assertThat((List<String>) pgadmin.get("volumes")).contains("./tools/pgadmin/servers.json:" + mounted + ":ro");
        // No certificate or key is generated, rewritten or mounted by default; published on loopback only.
        assertThat(pgadmin.toString()).doesNotContain("/certs", "SSL_CERT", "SSL_KEY");
        assertThat((List<String>) pgadmin.get("ports")).allMatch(port -> port.startsWith("127.0.0.1:"));

        Map<String, Object> database = service("timescaledb");
        Map<String, Object> dbEnv = (Map<String, Object>) database.get("environment");
        JsonNode servers = ApiClient.JSON.readTree(Files.readString(ROOT.resolve("tools/pgadmin/servers.json"))).get("Servers");
        assertThat(servers.size()).isEqualTo(2);
        String initScript = Files.readString(ROOT.resolve("tools/docker/timescaledb/20-read-only-login.sh"));
        for (JsonNode server : servers) {
            assertThat(server.get("Host").stringValue()).isEqualTo("timescaledb");
            assertThat(server.get("Port").intValue()).isEqualTo(5432);
            assertThat(server.get("MaintenanceDB").stringValue()).isEqualTo(dbEnv.get("POSTGRES_DB"));
            assertThat(server.has("Password")).isFalse();
            String user = server.get("Username").stringValue();
            assertThat(user.equals(dbEnv.get("POSTGRES_USER")) || initScript.contains("CREATE ROLE " + user + " LOGIN"))
                    .as(user).isTrue();
        }
    }
}
