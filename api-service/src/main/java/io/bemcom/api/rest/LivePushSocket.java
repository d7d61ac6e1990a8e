package io.bemcom.api.rest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.bemcom.api.config.ApiSettings;
import io.bemcom.api.live.LiveHub;
import io.bemcom.api.live.LiveSubscription;
import io.bemcom.api.security.Authenticator;
import jakarta.servlet.ServletContext;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Ours: the live push over WebSocket, {@code /datapoint/live/ws/?datapoint__id__in=…&kind=…} (the
 * servlet container's Jakarta WebSocket). The upgrade request passes the REST gate first
 * ({@link AuthFilter}: Basic or Token, {@code view_datapoint}); the kinds are checked here as for
 * SSE ({@link LiveRequest}), a refusal closes at once with 1008 and the REST message. Every message
 * is one text frame holding the JSON of {@code /datapoint/last_value/} for it, with its kind. A
 * client too slow to read is closed with 1008 and {@link LiveSubscription#SLOW_CLIENT}.
 */
@Component
public class LivePushSocket extends Endpoint {

    static final String PATH = "/datapoint/live/ws/";
    private static final String SUBSCRIPTION = "bemcom.live.request";
    private static final String REFUSAL = "bemcom.live.refusal";
    private static final String WHO = "bemcom.live.who";

    private final LiveHub hub;

    public LivePushSocket(LiveHub hub, ApiSettings settings, Authenticator authenticator,
                          ObjectProvider<ServletContext> servletContexts) throws DeploymentException {
        this.hub = hub;
        ServletContext servletContext = servletContexts.getIfAvailable();
        ServerContainer container = servletContext == null ? null
                : (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());
        if (container == null) {
            return; // no web server (the maintenance commands) or no WebSocket support in it
        }
        LivePushSocket endpoint = this;
        container.addEndpoint(ServerEndpointConfig.Builder.create(LivePushSocket.class, PATH)
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <T> T getEndpointInstance(Class<T> type) {
                        return (T) endpoint;
                    }

                    @Override
                    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request,
                                                HandshakeResponse response) {
                        // The gate has authenticated this header already; here it comes from the cache.
                        List<String> header = request.getHeaders().entrySet().stream()
                                .filter(e -> e.getKey().equalsIgnoreCase("Authorization")).map(Map.Entry::getValue)
                                .findFirst().orElse(List.of());
                        Authenticator.Outcome outcome = authenticator.authenticate(header.isEmpty() ? null : header.get(0),
                                "websocket");
                        Map<String, String> params = new HashMap<>();
                        request.getParameterMap().forEach((k, v) -> params.put(k, v.isEmpty() ? "" : v.get(v.size() - 1)));
                        Map<String, Object> properties = config.getUserProperties();
                        properties.remove(SUBSCRIPTION);
                        properties.remove(REFUSAL);
                        try {
                            if (outcome.principal() == null) {
                                throw new ApiException(401, io.bemcom.api.json.Json.detail(
                                        "Authentication credentials were not provided."));
                            }
                            properties.put(WHO, outcome.principal().username() + " (WebSocket)");
                            properties.put(SUBSCRIPTION, LiveRequest.of(params, outcome.principal(), settings));
                        } catch (ApiException e) {
                            properties.put(REFUSAL, e.body().get("detail").asString());
                        }
                    }
                }).build());
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        // The configurator's user properties are per endpoint config; copied into the session at the handshake.
        Map<String, Object> properties = session.getUserProperties();
        Object refusal = properties.get(REFUSAL);
        LiveRequest wanted = (LiveRequest) properties.get(SUBSCRIPTION);
        if (refusal != null || wanted == null) {
            close(session, refusal == null ? "not subscribed" : refusal.toString());
            return;
        }
        LiveSubscription subscription = hub.subscribe(String.valueOf(properties.get(WHO)), wanted.datapointIds(),
                wanted.tables(), new LiveSubscription.Sink() {
                    @Override
                    public void send(List<LiveSubscription.Pushed> messages) throws Exception {
                        for (String frame : LiveRequest.render(messages)) {
                            session.getBasicRemote().sendText(frame);
                        }
                    }

                    @Override
                    public void close(String reason) {
                        LivePushSocket.close(session, reason);
                    }
                });
        properties.put("bemcom.live.subscription", subscription);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        if (session.getUserProperties().get("bemcom.live.subscription") instanceof LiveSubscription subscription) {
            hub.unsubscribe(subscription);
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        onClose(session, null);
    }

    private static void close(Session session, String reason) {
        try {
            // A close reason has at most 123 bytes.
            String cut = reason.length() > 120 ? reason.substring(0, 120) : reason;
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, cut));
        } catch (Exception e) {
            // gone already
        }
    }
}
