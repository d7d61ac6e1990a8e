package io.bemcom.api.datapoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.bemcom.api.support.Http;
import io.bemcom.api.support.PostgresApiTest;
import io.bemcom.testsupport.TestNames;

/** The admin UI's edits of several datapoints in one save. */
class DatapointEditTest extends PostgresApiTest {

    @Test
    void twoDatapointsMaySwapTheirShortNamesInOneSave() {
        String connector = TestNames.unique("swap");
        Http.Response created = admin().post("/datapoint/", "[{\"connector\": {\"name\": \"" + connector
                + "\"}, \"key_in_connector\": \"a\", \"type\": \"sensor\", \"short_name\": \"" + connector + "-one\"},"
                + "{\"connector\": {\"name\": \"" + connector + "\"}, \"key_in_connector\": \"b\", \"type\": \"sensor\","
                + " \"short_name\": \"" + connector + "-two\"}]");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long first = created.json().get(0).get("id").longValue();
        long second = created.json().get(1).get("id").longValue();

        Consumer<Datapoint> toTwo = d -> d.setShortName(connector + "-two");
        Consumer<Datapoint> toOne = d -> d.setShortName(connector + "-one");
        datapointService.edit(Map.of(first, toTwo, second, toOne));

        assertThat(jdbc.queryForObject("SELECT short_name FROM datapoint WHERE id = ?", String.class, first))
                .isEqualTo(connector + "-two");
        assertThat(jdbc.queryForObject("SELECT short_name FROM datapoint WHERE id = ?", String.class, second))
                .isEqualTo(connector + "-one");
    }
}
