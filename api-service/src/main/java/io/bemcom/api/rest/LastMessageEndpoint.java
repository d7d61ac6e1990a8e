package io.bemcom.api.rest;

import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.bemcom.api.datapoint.DataFormat;
import io.bemcom.api.history.MessageStore;
import io.bemcom.api.history.MessageTable;
import io.bemcom.api.history.TimeFilter;
import io.bemcom.api.json.Json;
import tools.jackson.databind.node.ObjectNode;

/** {@code /datapoint/last_value|last_schedule|last_setpoint/}: the newest message per active datapoint (8.7). */
@RestController
public class LastMessageEndpoint {

    private final MessageStore store;

    public LastMessageEndpoint(MessageStore store) {
        this.store = store;
    }

    @GetMapping("/datapoint/last_value/")
    public ResponseEntity<String> lastValue(@RequestParam Map<String, String> params) {
        return last(MessageTable.VALUE, params);
    }

    @GetMapping("/datapoint/last_schedule/")
    public ResponseEntity<String> lastSchedule(@RequestParam Map<String, String> params) {
        return last(MessageTable.SCHEDULE, params);
    }

    @GetMapping("/datapoint/last_setpoint/")
    public ResponseEntity<String> lastSetpoint(@RequestParam Map<String, String> params) {
        return last(MessageTable.SETPOINT, params);
    }

    private ResponseEntity<String> last(MessageTable table, Map<String, String> params) {
        QueryParams query = new QueryParams(params);
        List<Long> ids = query.ids("datapoint__id__in");
        TimeFilter filter = query.timeFilter();
        query.throwIfInvalid();
        ObjectNode byId = Json.object();
        for (MessageStore.LastMessage last : store.lastMessages(table, ids, filter)) {
            byId.set(Long.toString(last.message().datapointId()),
                    MessageJson.render(table, last.message(), DataFormat.isNumeric(last.dataFormat())));
        }
        ObjectNode result = Json.object();
        result.set("msgs_by_datapoint_id", byId);
        return JsonResponses.ok(result);
    }
}
