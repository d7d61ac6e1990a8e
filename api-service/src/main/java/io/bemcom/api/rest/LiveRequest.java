package io.bemcom.api.rest;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.bemcom.api.config.ApiSettings;
import io.bemcom.api.history.MessageTable;
import io.bemcom.api.json.Json;
import io.bemcom.api.live.LiveSubscription;
import io.bemcom.api.security.Authenticator.Principal;
import tools.jackson.databind.node.ObjectNode;

/**
 * A live-push subscription as the client asks for it, over SSE or WebSocket alike:
 * {@code datapoint__id__in=1,2} (required) and {@code kind=value,schedule,setpoint} (default: every
 * kind the client may read). Reading a kind needs the view permission of its history or of its last
 * message ({@code view_datapointvalue} or {@code view_datapointlastvalue}, ...); schedules and
 * setpoints exist only with ACTIVATE_CONTROL_EXTENSION. Also renders a pushed message: the JSON of
 * {@code /datapoint/last_value/} for one message, with its kind.
 */
record LiveRequest(Set<Long> datapointIds, Set<MessageTable> tables) {

    static LiveRequest of(Map<String, String> params, Principal principal, ApiSettings settings) {
        QueryParams query = new QueryParams(params);
        List<Long> ids = query.ids("datapoint__id__in");
        query.throwIfInvalid();
        if (ids == null || ids.isEmpty()) {
            throw new ApiException(400, Json.detail("datapoint__id__in is required: the ids of the datapoints to receive,"
                    + " comma-separated."));
        }
        Set<MessageTable> available = settings.controlExtension() ? EnumSet.allOf(MessageTable.class)
                : EnumSet.of(MessageTable.VALUE);
        String kinds = params.get("kind");
        Set<MessageTable> tables = EnumSet.noneOf(MessageTable.class);
        if (kinds == null || kinds.isBlank()) {
            available.stream().filter(t -> mayRead(principal, t)).forEach(tables::add);
        } else {
            for (String kind : kinds.split(",")) {
                MessageTable table = available.stream().filter(t -> t.column().equals(kind.strip().toLowerCase(Locale.ROOT)))
                        .findFirst().orElseThrow(() -> new ApiException(400, Json.detail("kind must be one or more of "
                                + String.join(", ", available.stream().map(MessageTable::column).toList()) + ".")));
                if (!mayRead(principal, table)) {
                    throw new ApiException(403, Json.detail("You do not have permission to perform this action."));
                }
                tables.add(table);
            }
        }
        if (tables.isEmpty()) {
            throw new ApiException(403, Json.detail("You do not have permission to perform this action."));
        }
        return new LiveRequest(new LinkedHashSet<>(ids), tables);
    }

    static boolean mayRead(Principal principal, MessageTable table) {
        String kind = "datapoint" + table.column();
        return principal != null && (principal.has("api_main.view_" + kind) || principal.has("api_main.view_datapointlast"
                + table.column()));
    }

    /** {@code {"kind": "value", "msgs_by_datapoint_id": {"12": {"value": "21.5", "timestamp": 1700000000000}}}} */
    static String render(LiveSubscription.Pushed pushed) {
        ObjectNode byId = Json.object();
        byId.set(Long.toString(pushed.message().datapointId()),
                MessageJson.render(pushed.table(), pushed.message(), pushed.numeric()));
        ObjectNode node = Json.object();
        node.put("kind", pushed.table().column());
        node.set("msgs_by_datapoint_id", byId);
        return Json.write(node);
    }

    static List<String> render(List<LiveSubscription.Pushed> batch) {
        List<String> frames = new ArrayList<>(batch.size());
        batch.forEach(p -> frames.add(render(p)));
        return frames;
    }
}
