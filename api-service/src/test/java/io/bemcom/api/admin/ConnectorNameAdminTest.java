package io.bemcom.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.bemcom.api.support.AdminClient;
import io.bemcom.api.support.Http;
import io.bemcom.api.support.PostgresApiTest;
import io.bemcom.testsupport.TestNames;

/** Connector names in the admin UI: refused when they cannot be part of MQTT topics; old ones can be deleted. */
class ConnectorNameAdminTest extends PostgresApiTest {

    private AdminClient browser;

    @BeforeEach
    void logIn() {
        browser = AdminClient.at(port(), "");
        assertThat(browser.login(ADMIN, ADMIN_PASSWORD).status()).isEqualTo(302);
    }

    @Test
    void theAddFormRefusesANameWithATabOrASlash() {
        String base = TestNames.unique("conn");
        for (String name : new String[] {base + "\ttab", base + "/slash", base + "\u0000nul", base + "\ud83d\ude00"}) {
            Http.Response answer = browser.post("/admin/connectors/add/", "name", name);
            assertThat(answer.status()).as(name).isEqualTo(200);
            assertThat(answer.text()).as(name).contains("The name is part of MQTT topics and cannot be used");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM connector WHERE name LIKE ?", Integer.class, base + "%"))
                .isZero();
    }

    @Test
    void renamingRefusesANameThatCannotBeATopicLevel() {
        String name = TestNames.unique("conn");
        long id = createConnector(name);
        Http.Response answer = browser.post("/admin/connectors/" + id + "/", "name", name + "\tx");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text()).contains("control character U+0009");
        assertThat(jdbc.queryForObject("SELECT name FROM connector WHERE id = ?", String.class, id)).isEqualTo(name);
    }

    @Test
    void aConnectorWhoseNameAnOlderVersionStoredHasAPageAndCanBeDeleted() {
        for (String name : new String[] {TestNames.unique("old") + "\tTAB", TestNames.unique("old") + "/a/b",
                TestNames.unique("old") + "+#"}) {
            jdbc.update("INSERT INTO connector (name, added, last_changed) VALUES (?, 0, 0)", name);
            long id = jdbc.queryForObject("SELECT id FROM connector WHERE name = ?", Long.class, name);

            Http.Response page = browser.get("/admin/connectors/" + id + "/");
            assertThat(page.status()).as(name).isEqualTo(200);
            assertThat(page.text()).contains("cannot be part of MQTT topics").contains("Delete connector");
            assertThat(browser.get("/admin/connectors/").status()).isEqualTo(200);

            assertThat(browser.post("/admin/connectors/" + id + "/delete/").status()).isEqualTo(302);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM connector WHERE id = ?", Integer.class, id)).isZero();
        }
    }

    private long createConnector(String name) {
        Http.Response answer = browser.post("/admin/connectors/add/", "name", name);
        assertThat(answer.status()).as(answer.text()).isEqualTo(302);
        return jdbc.queryForObject("SELECT id FROM connector WHERE name = ?", Long.class, name);
    }
}
