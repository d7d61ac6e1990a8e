package io.bemcom.api.admin;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.bemcom.api.json.Json;
import io.bemcom.api.monitor.MqttMonitor;
import io.bemcom.api.monitor.TopicFilter;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The MQTT message monitor ({@code /admin/mqtt-monitor/}): the last message per topic as the
 * {@link MqttMonitor} holds it, with a topic filter, updated live over Server-Sent Events
 * ({@code /admin/mqtt-monitor/events/}). Staff only, like every admin page (the session gate sends
 * everyone else to the login page); it needs no model permission because it shows broker traffic,
 * not database rows. Every viewer gets the topics changed since its last update twice a second, as
 * one event, so a busy broker costs a viewer at most two events per second.
 */
@Controller
public class MqttMonitorPages implements SmartLifecycle {

    static final long TICK_MILLIS = 500;
    private static final long STREAM_TIMEOUT_MILLIS = 30 * 60 * 1000L; // EventSource reconnects by itself

    private static final long KEEP_ALIVE_MILLIS = 15_000; // a comment line, so that gone viewers are noticed

    private record Viewer(SseEmitter emitter, TopicFilter filter, long[] sentUpTo, long[] lastSentAt) {
    }

    private final MqttMonitor monitor;
    private volatile boolean running;
    private final List<Viewer> viewers = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService ticker;

    public MqttMonitorPages(MqttMonitor monitor) {
        this.monitor = monitor;
    }

    /** A fresh ticker at every start: a stopped context (a paused test context) may be started again. */
    @Override
    public synchronized void start() {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "admin-mqtt-monitor");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        running = true;
    }

    /** Ends the open streams first, so that the web server's graceful shutdown need not wait for them. */
    @Override
    public synchronized void stop() {
        running = false;
        if (ticker != null) {
            ticker.shutdownNow();
        }
        viewers.forEach(viewer -> viewer.emitter().complete());
        viewers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @GetMapping("/admin/mqtt-monitor/")
    public String page(@RequestParam(defaultValue = "") String topic, Model model) {
        monitor.watchAndWait(2000); // the first look opens the monitor's session: show the retained state
        model.addAttribute("topic", topic);
        model.addAttribute("rows", monitor.since(0, topic));
        model.addAttribute("sequence", monitor.sequence());
        model.addAttribute("connected", monitor.isConnected());
        model.addAttribute("maxTopics", monitor.maxTopics());
        model.addAttribute("maxPayloadChars", monitor.maxPayloadChars());
        return "admin/mqtt-monitor";
    }

    /**
     * The live updates: an {@code update} event (id = the monitor's sequence number) whose data is a
     * JSON list of last messages, sorted by topic. {@code after} (or the {@code Last-Event-ID} an
     * EventSource sends when it reconnects) skips what the viewer has seen.
     */
    @GetMapping(path = "/admin/mqtt-monitor/events/", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter events(@RequestParam(defaultValue = "") String topic,
                             @RequestParam(defaultValue = "0") long after,
                             @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        long seen = after;
        if (lastEventId != null && lastEventId.matches("\\d{1,18}")) {
            seen = Long.parseLong(lastEventId);
        }
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MILLIS);
        Viewer viewer = new Viewer(emitter, TopicFilter.of(topic), new long[] {seen}, new long[1]);
        emitter.onCompletion(() -> viewers.remove(viewer));
        emitter.onTimeout(() -> viewers.remove(viewer));
        emitter.onError(e -> viewers.remove(viewer));
        viewers.add(viewer);
        monitor.watch();
        send(viewer, true);
        return emitter;
    }

    private void tick() {
        if (!viewers.isEmpty()) {
            monitor.watch(); // an open page keeps the monitor's session open
        }
        for (Viewer viewer : viewers) {
            send(viewer, false);
        }
    }

    private void send(Viewer viewer, boolean always) {
        synchronized (viewer) {
            long upTo = monitor.sequence();
            List<MqttMonitor.LastMessage> changed = monitor.since(viewer.sentUpTo()[0], viewer.filter().text());
            viewer.sentUpTo()[0] = upTo;
            long now = System.currentTimeMillis();
            if (changed.isEmpty() && !always) {
                if (now - viewer.lastSentAt()[0] >= KEEP_ALIVE_MILLIS) {
                    try {
                        viewer.emitter().send(SseEmitter.event().comment("keep-alive"));
                        viewer.lastSentAt()[0] = now;
                    } catch (IOException | IllegalStateException e) {
                        viewers.remove(viewer);
                    }
                }
                return;
            }
            viewer.lastSentAt()[0] = now;
            ArrayNode rows = Json.array();
            for (MqttMonitor.LastMessage message : changed) {
                ObjectNode row = rows.addObject();
                row.put("topic", message.topic());
                row.put("payload", message.payload());
                row.put("bytes", message.bytes());
                row.put("truncated", message.truncated());
                row.put("retained", message.retained());
                row.put("received_at", message.receivedAt());
                row.put("count", message.count());
            }
            try {
                viewer.emitter().send(SseEmitter.event().name("update").id(Long.toString(upTo)).data(Json.write(rows)));
            } catch (IOException | IllegalStateException e) {
                viewers.remove(viewer); // the viewer has gone
            }
        }
    }
}
