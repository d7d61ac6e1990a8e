package io.bemcom.api.admin;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.bemcom.api.history.MessageTable;
import io.bemcom.api.json.Json;
import io.bemcom.api.live.LiveHub;
import io.bemcom.api.live.LiveEventStream;
import io.bemcom.api.security.Authenticator.Principal;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin UI's live values ({@code /admin/live/events/?datapoint__id__in=1,2}): the datapoint
 * list's last values and the chart update themselves from these Server-Sent Events (assets
 * {@code live.js}). The same {@link LiveHub} as the REST API's live push, with the admin session;
 * the permissions of the pages that show them (a datapoint's values).
 */
@Controller
public class LiveAdminPages {

    private static final long STREAM_TIMEOUT_MILLIS = 30 * 60 * 1000L; // EventSource reconnects by itself
    private static final int MAX_DATAPOINTS = 1000;

    private final LiveHub hub;
    private final AdminFormat format;

    public LiveAdminPages(LiveHub hub, AdminFormat format) {
        this.hub = hub;
        this.format = format;
    }

    /** Each value as a {@code value} event: {@code {"datapoint", "value" (cut as the list shows it), "time", "timestamp", "number"}}. */
    @AdminPermission({"api_main.view_datapoint", "api_main.view_datapointlastvalue"})
    @GetMapping(path = "/admin/live/events/", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter values(@RequestParam(name = "datapoint__id__in", defaultValue = "") String ids,
                             HttpServletRequest request) {
        Set<Long> datapoints = new LinkedHashSet<>();
        for (String part : ids.split(",")) {
            if (part.strip().matches("\\d{1,18}") && datapoints.size() < MAX_DATAPOINTS) {
                datapoints.add(Long.parseLong(part.strip()));
            }
        }
        Principal principal = (Principal) request.getAttribute(AdminSession.PRINCIPAL);
        return LiveEventStream.open(hub, principal.username() + " (admin UI)", datapoints, EnumSet.of(MessageTable.VALUE),
                STREAM_TIMEOUT_MILLIS, (emitter, pushed) -> {
                    ObjectNode event = Json.object();
                    event.put("datapoint", pushed.message().datapointId());
                    event.put("value", format.cut(pushed.message().json()));
                    event.put("time", format.time(pushed.message().time()));
                    event.put("timestamp", pushed.message().time());
                    if (pushed.message().numeric() != null) {
                        event.put("number", pushed.message().numeric());
                    }
                    emitter.send(SseEmitter.event().name("value").data(Json.write(event), MediaType.APPLICATION_JSON));
                }, (emitter, reason) -> {
                    // the page's EventSource reconnects by itself
                });
    }
}
