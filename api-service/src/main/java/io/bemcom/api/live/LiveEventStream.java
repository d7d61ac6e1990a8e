package io.bemcom.api.live;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.bemcom.api.history.MessageTable;

/**
 * A live-push subscription bound to a Server-Sent Events stream, for the REST route and the admin
 * pages alike: the subscription ends with the stream (completed, timed out, broken), and the stream
 * opens with a comment so that the client knows it is subscribed before the first message.
 */
public final class LiveEventStream {

    /** Writes one pushed message as an event. */
    @FunctionalInterface
    public interface Events {
        void send(SseEmitter emitter, LiveSubscription.Pushed pushed) throws IOException;
    }

    /** What a dropped client gets before the stream ends (e.g. a last event with the reason). */
    @FunctionalInterface
    public interface LastWords {
        void say(SseEmitter emitter, String reason) throws IOException;
    }

    private LiveEventStream() {
    }

    /** Subscribes {@code who} (checked by the caller) and returns the stream that carries it. */
    public static SseEmitter open(LiveHub hub, String who, Set<Long> datapointIds, Set<MessageTable> tables,
                                  long timeoutMillis, Events events, LastWords lastWords) {
        SseEmitter emitter = new SseEmitter(timeoutMillis);
        LiveSubscription subscription = hub.subscribe(who, datapointIds, tables, new LiveSubscription.Sink() {
            @Override
            public void send(List<LiveSubscription.Pushed> messages) throws IOException {
                for (LiveSubscription.Pushed pushed : messages) {
                    events.send(emitter, pushed);
                }
            }

            @Override
            public void close(String reason) {
                try {
                    lastWords.say(emitter, reason);
                } catch (IOException | IllegalStateException e) {
                    // gone already
                }
                emitter.complete();
            }
        });
        emitter.onCompletion(() -> hub.unsubscribe(subscription));
        emitter.onTimeout(() -> hub.unsubscribe(subscription));
        emitter.onError(e -> hub.unsubscribe(subscription));
        try {
            emitter.send(SseEmitter.event().comment("subscribed"));
        } catch (IOException e) {
            hub.unsubscribe(subscription);
        }
        return emitter;
    }
}
