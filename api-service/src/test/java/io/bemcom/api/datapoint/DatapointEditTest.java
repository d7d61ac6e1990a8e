package io.bemcom.api.datapoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
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

    @Test
    void theListsShortNameChecksAllowASwapAndRefuseDuplicatesAndTakenNames() {
        String connector = TestNames.unique("rows");
        Http.Response created = admin().post("/datapoint/", "[{\"connector\": {\"name\": \"" + connector
                + "\"}, \"key_in_connector\": \"a\", \"type\": \"sensor\", \"short_name\": \"" + connector + "-one\"},"
                + "{\"connector\": {\"name\": \"" + connector + "\"}, \"key_in_connector\": \"b\", \"type\": \"sensor\","
                + " \"short_name\": \"" + connector + "-two\"},"
                + "{\"connector\": {\"name\": \"" + connector + "\"}, \"key_in_connector\": \"c\", \"type\": \"sensor\"}]");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long first = created.json().get(0).get("id").longValue();
        long second = created.json().get(1).get("id").longValue();
        long third = created.json().get(2).get("id").longValue();

        Map<Long, DatapointService.RowEdit> swap = new LinkedHashMap<>();
        swap.put(first, row(connector + "-two"));
        swap.put(second, row(connector + "-one"));
        assertThat(datapointService.shortNameProblems(swap)).isEmpty();

        Map<Long, DatapointService.RowEdit> twice = new LinkedHashMap<>();
        twice.put(second, row(connector + "-new"));
        twice.put(third, row(connector + "-new"));
        assertThat(datapointService.shortNameProblems(twice))
                .isEqualTo(Map.of(third, "Datapoint with this Short name already exists."));

        Map<Long, DatapointService.RowEdit> taken = new LinkedHashMap<>();
        taken.put(third, row(connector + "-one"));
        assertThat(datapointService.shortNameProblems(taken))
                .isEqualTo(Map.of(third, "Datapoint with this Short name already exists."));
        assertThat(datapointService.shortNameProblem(third, connector + "-one"))
                .contains("Datapoint with this Short name already exists.");
        assertThat(datapointService.shortNameProblem(first, connector + "-one")).isEmpty();

        taken.put(third, row("x".repeat(Datapoint.MAX_INDEXED_TEXT_LENGTH + 1)));
        assertThat(datapointService.shortNameProblems(taken).get(third)).contains(
                String.valueOf(Datapoint.MAX_INDEXED_TEXT_LENGTH));
    }

    private static DatapointService.RowEdit row(String shortName) {
        return new DatapointService.RowEdit(true, "generic_text", shortName, "", "");
    }
}
