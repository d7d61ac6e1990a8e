package io.bemcom.api.alert;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Stale-datapoint and dead-connector alerts (issue 20, item 2). Every {@code ALERT_CHECK_SECONDS}
 * it reads from the database which active datapoints with a maximum age have no value within it
 * (by the value's timestamp) and which connectors' heartbeats are overdue (the time the last
 * heartbeat announced for the next one has passed by more than {@code HEARTBEAT_GRACE_SECONDS}).
 * Every raised and cleared alert is logged (WARN and INFO), counted in the metrics, and announced
 * as {@link AlertsChanged}. With several instances each one checks: the result is the same, as
 * it depends on the database and the clock only.
 */
@Component
public class AlertMonitor {

    private static final Logger log = LoggerFactory.getLogger(AlertMonitor.class);

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;
    private final long heartbeatGraceMillis;
    private volatile Map<String, Alert> raised = Map.of();
    private volatile boolean checked;
    /** 1 while stale, per monitored datapoint / per connector with a heartbeat. */
    private final Map<String, AtomicInteger> states = new ConcurrentHashMap<>();
    private final Map<String, Meter> gauges = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    public AlertMonitor(JdbcTemplate jdbc, ApplicationEventPublisher events, MeterRegistry meters,
                        @Value("${HEARTBEAT_GRACE_SECONDS:10}") long heartbeatGraceSeconds) {
        this.jdbc = jdbc;
        this.events = events;
        this.meters = meters;
        this.heartbeatGraceMillis = Math.max(0, heartbeatGraceSeconds) * 1_000;
        for (String kind : List.of(Alert.STALE_DATAPOINT, Alert.OVERDUE_HEARTBEAT)) {
            AtomicInteger count = new AtomicInteger();
            counts.put(kind, count);
            Gauge.builder("bemcom.api.alerts", count, AtomicInteger::get).tag("kind", kind)
                    .description("Raised alerts").register(meters);
        }
    }

    /** The raised alerts, ordered by kind and subject. */
    public List<Alert> alerts() {
        return sorted(raised.values());
    }

    /** Whether the last check raised an alert for this datapoint. */
    public boolean isStale(long datapointId) {
        return raised.containsKey("datapoint:" + datapointId);
    }

    @Scheduled(initialDelayString = "${ALERT_CHECK_SECONDS:10}000", fixedDelayString = "${ALERT_CHECK_SECONDS:10}000")
    public void scheduledCheck() {
        try {
            check();
        } catch (RuntimeException e) {
            // The database may be away: the alerts stay as they are until it is back.
            log.warn("Could not check for stale datapoints and overdue heartbeats: {}", e.toString());
        }
    }

    /** Checks now; returns the raised alerts. */
    public synchronized List<Alert> check() {
        long now = System.currentTimeMillis();
        Map<String, Alert> found = new LinkedHashMap<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        jdbc.query("SELECT d.id, c.name, d.max_age_seconds, l.time FROM datapoint d JOIN connector c ON c.id = "
                + "d.connector_id LEFT JOIN datapoint_last_value l ON l.datapoint_id = d.id WHERE d.is_active AND "
                + "d.max_age_seconds IS NOT NULL", rs -> {
                    long id = rs.getLong(1);
                    long maxAgeMillis = rs.getLong(3) * 1_000;
                    long last = rs.getLong(4);
                    boolean noValue = rs.wasNull();
                    Alert alert = new Alert(Alert.STALE_DATAPOINT, rs.getString(2), id, noValue ? null
                            : last + maxAgeMillis);
                    boolean stale = noValue || now - last > maxAgeMillis;
                    seen.put(alert.key(), stale ? 1 : 0);
                    if (stale) {
                        found.put(alert.key(), alert);
                    }
                });
        jdbc.query("SELECT c.name, h.next_heartbeat FROM connector_heartbeat h JOIN connector c ON c.id = "
                + "h.connector_id", rs -> {
                    Alert alert = new Alert(Alert.OVERDUE_HEARTBEAT, rs.getString(1), null, rs.getLong(2));
                    boolean overdue = now > alert.since() + heartbeatGraceMillis;
                    seen.put(alert.key(), overdue ? 1 : 0);
                    if (overdue) {
                        found.put(alert.key(), alert);
                    }
                });
        Map<String, Alert> before = raised;
        for (Alert alert : found.values()) {
            if (!before.containsKey(alert.key())) {
                log.warn("Alert raised: {}.", alert.describe());
            }
        }
        for (Alert alert : before.values()) {
            if (!found.containsKey(alert.key())) {
                log.info("Alert cleared: {}{}.", alert.describe().replace(" has no value within", " has a value "
                        + "within").replace(" is overdue", " is on time again"),
                        seen.containsKey(alert.key()) ? "" : " (no longer monitored)");
            }
        }
        updateMeters(seen, found);
        raised = Map.copyOf(found);
        boolean changed = !checked || !before.equals(raised);
        checked = true;
        List<Alert> alerts = alerts();
        if (changed) {
            events.publishEvent(new AlertsChanged(alerts));
        }
        return alerts;
    }

    private void updateMeters(Map<String, Integer> seen, Map<String, Alert> found) {
        seen.forEach((key, state) -> states.computeIfAbsent(key, k -> {
            AtomicInteger value = new AtomicInteger();
            boolean datapoint = k.startsWith("datapoint:");
            String subject = k.substring(k.indexOf(':') + 1);
            gauges.put(k, Gauge.builder(datapoint ? "bemcom.api.alert.datapoint.stale"
                            : "bemcom.api.alert.connector.heartbeat.overdue", value, AtomicInteger::get)
                    .tag(datapoint ? "datapoint" : "connector", subject)
                    .description(datapoint ? "1 while the datapoint has no value within its maximum age"
                            : "1 while the connector's heartbeat is overdue")
                    .register(meters));
            return value;
        }).set(state));
        for (String key : List.copyOf(states.keySet())) {
            if (!seen.containsKey(key)) {
                states.remove(key);
                Meter gauge = gauges.remove(key);
                if (gauge != null) {
                    meters.remove(gauge);
                }
            }
        }
        counts.forEach((kind, count) -> count.set((int) found.values().stream()
                .filter(alert -> alert.kind().equals(kind)).count()));
    }

    private static List<Alert> sorted(java.util.Collection<Alert> alerts) {
        List<Alert> list = new ArrayList<>(alerts);
        list.sort(Comparator.comparing(Alert::kind).thenComparing(Alert::connector)
                .thenComparing(alert -> alert.datapoint() == null ? 0L : alert.datapoint()));
        return list;
    }
}
