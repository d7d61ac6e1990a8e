package io.bemcom.api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;

import io.bemcom.api.support.AdminClient;
import io.bemcom.api.support.Http;
import io.bemcom.api.support.PostgresApiTest;
import io.bemcom.testsupport.TestNames;

/**
 * Who may see the MQTT monitor, over plain HTTP: staff only, as every admin page (anonymous
 * visitors and users without the staff flag are sent to the login page, page and event stream
 * alike); a staff user needs no model permission. The live updates are tested in the browser
 * ({@code AdminBrowserTest}).
 */
class MqttMonitorAccessTest extends PostgresApiTest {

    @Test
    void staffOnly() {
        String topic = TestNames.unique("monitor-access") + "/messages/1/value";
        probe.publishText(topic, "{\"value\": \"<b>21.5</b>\", \"timestamp\": 1}", false);

        AdminClient anonymous = AdminClient.at(port(), "");
        for (String path : new String[] {"/admin/mqtt-monitor/", "/admin/mqtt-monitor/events/"}) {
            Http.Response answer = anonymous.get(path);
            assertThat(answer.status()).as(path).isEqualTo(302);
            assertThat(answer.header("Location")).as(path).contains("/admin/login/?next=");
        }

        String plain = TestNames.unique("monitor-plain");
        users.createUser(plain, "pw", "", false);
        users.grant(plain, "api_main.view_datapoint");
        AdminClient notStaff = AdminClient.at(port(), "");
        assertThat(notStaff.login(plain, "pw").status()).isEqualTo(200); // the form again, with an error
        assertThat(notStaff.get("/admin/mqtt-monitor/events/").status()).isEqualTo(302);

        String staff = TestNames.unique("monitor-staff");
        users.createUser(staff, "pw", "", false);
        users.setStaff(staff, true);
        AdminClient staffClient = AdminClient.at(port(), "");
        assertThat(staffClient.login(staff, "pw").status()).isEqualTo(302);
        await().atMost(WAIT).untilAsserted(() -> {
            // again while waiting: other tests' traffic on the shared broker may evict the topic
            probe.publishText(topic, "{\"value\": \"<b>21.5</b>\", \"timestamp\": 1}", false);
            Http.Response page = staffClient.get("/admin/mqtt-monitor/?topic=" + topic);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.text()).contains(topic).contains("&lt;b&gt;21.5&lt;/b&gt;"); // escaped
        });
        assertThat(staffClient.get("/admin/").text()).contains("MQTT monitor");
    }
}
