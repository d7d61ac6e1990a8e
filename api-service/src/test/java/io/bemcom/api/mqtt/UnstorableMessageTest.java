package io.bemcom.api.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.bemcom.api.connector.ConnectorService;
import io.bemcom.api.support.AdminClient;
import io.bemcom.api.support.Http;
import io.bemcom.api.support.PostgresApiTest;
import io.bemcom.protocol.HeartbeatMessage;
import io.bemcom.protocol.LogMessage;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.testsupport.TestNames;

/** On PostgreSQL: what the database can never store is set aside, and ingestion goes on (issue 11, item 1). */
class UnstorableMessageTest extends PostgresApiTest {

    @Autowired
    ConnectorService connectors;

    private UnstorableMessages scenarios() {
        return new UnstorableMessages(admin(), probe, jdbc, connectors);
    }

    @Test
    void aKeyTooLongForTheIndexIsLeftOutAndHeartbeatsAndLogsAreStillStored() {
        scenarios().aKeyTooLongForTheIndexIsLeftOutAndWhatFollowsIsStored();
    }

    @Test
    void aValueTheDatabaseRefusesIsADeadLetterShownInTheAdminUi() {
        String connector = TestNames.unique("conn");
        long kept = createDatapoint(connector, "kept", "sensor", null);
        long gone = createDatapoint(connector, "gone", "sensor", null);
        String topic = scenarios().aValueTheDatabaseRefusesBecomesADeadLetterAndTheRestIsStored(kept, gone, connector);

        AdminClient browser = AdminClient.at(port(), "");
        assertThat(browser.login(ADMIN, ADMIN_PASSWORD).status()).isEqualTo(302);
        Http.Response page = browser.get("/admin/dead-letters/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains(topic).contains("foreign key");
        long id = jdbc.queryForObject("SELECT id FROM dead_letter WHERE topic = ?", Long.class, topic);
        assertThat(browser.post("/admin/dead-letters/" + id + "/delete/").status()).isEqualTo(302);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dead_letter WHERE topic = ?", Integer.class, topic)).isZero();
    }

    @Test
    void aLogWithANulCharacterIsADeadLetterAndTheHeartbeatAfterItIsStored() {
        String connector = TestNames.unique("conn");
        connectors.create(connector);
        long now = System.currentTimeMillis();
        // PostgreSQL text cannot hold NUL (SQLSTATE 22021); the message is valid JSON all the same.
        probe.publish(Topics.logs(connector), Delivery.LOG, new LogMessage(now, "nul \u0000 inside", "test", 40));
        probe.publish(Topics.heartbeat(connector), Delivery.HEARTBEAT, new HeartbeatMessage(now, now + 30_000));

        await().atMost(WAIT).until(() -> jdbc.queryForObject("SELECT count(*) FROM connector_heartbeat h JOIN connector c"
                + " ON c.id = h.connector_id WHERE c.name = ?", Integer.class, connector) == 1);
        await().atMost(WAIT).until(() -> jdbc.queryForObject("SELECT count(*) FROM dead_letter WHERE topic = ?",
                Integer.class, Topics.logs(connector)) == 1);
        assertThat(jdbc.queryForObject("SELECT payload FROM dead_letter WHERE topic = ?", String.class,
                Topics.logs(connector))).contains("nul \\u0000 inside");
    }
}
