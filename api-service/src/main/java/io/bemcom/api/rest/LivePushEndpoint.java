package io.bemcom.api.rest;

import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.bemcom.api.config.ApiSettings;
import io.bemcom.api.json.Json;
import io.bemcom.api.live.LiveHub;
import io.bemcom.api.live.LiveEventStream;
import io.bemcom.api.security.Authenticator.Principal;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Ours: the live push over Server-Sent Events, {@code GET /datapoint/live/} (see {@link LiveRequest}
 * for the query and the permissions). Each message is an event named after its kind whose data is
 * the JSON of {@code /datapoint/last_value/} for that one message; a dropped client gets a last
 * {@code close} event with the reason. {@code GET /datapoint/live/ws/} without a WebSocket upgrade
 * is answered 426 (the upgrade is {@link LivePushSocket}'s).
 */
@RestController
public class LivePushEndpoint {

    private static final long STREAM_TIMEOUT_MILLIS = 24 * 3600 * 1000L;

    private final LiveHub hub;
    private final ApiSettings settings;

    public LivePushEndpoint(LiveHub hub, ApiSettings settings) {
        this.hub = hub;
        this.settings = settings;
    }

    @GetMapping("/datapoint/live/")
    public SseEmitter events(@RequestParam Map<String, String> params, HttpServletRequest request) {
        Principal principal = (Principal) request.getAttribute(AuthFilter.PRINCIPAL);
        LiveRequest wanted = LiveRequest.of(params, principal, settings);
        return LiveEventStream.open(hub, principal.username() + "@" + request.getRemoteAddr() + " (SSE)",
                wanted.datapointIds(), wanted.tables(), STREAM_TIMEOUT_MILLIS,
                (emitter, pushed) -> emitter.send(SseEmitter.event().name(pushed.table().column())
                        .data(LiveRequest.render(pushed), MediaType.APPLICATION_JSON)),
                (emitter, reason) -> emitter.send(SseEmitter.event().name("close")
                        .data(Json.write(Json.detail(reason)), MediaType.APPLICATION_JSON)));
    }

    @GetMapping("/datapoint/live/ws/")
    public ResponseEntity<String> notUpgraded() {
        return ResponseEntity.status(426).header("Upgrade", "websocket").contentType(MediaType.APPLICATION_JSON)
                .body(Json.write(Json.detail("This route is a WebSocket: connect with an Upgrade: websocket request.")));
    }
}
