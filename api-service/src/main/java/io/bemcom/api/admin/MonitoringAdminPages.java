package io.bemcom.api.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.bemcom.api.connector.Connector;
import io.bemcom.api.connector.ConnectorHeartbeatRepository;
import io.bemcom.api.connector.ConnectorLogEntry;
import io.bemcom.api.connector.ConnectorLogEntryRepository;
import io.bemcom.api.connector.ConnectorLogEntrySpecifications;
import io.bemcom.api.connector.ConnectorRepository;
import io.bemcom.api.datapoint.Datapoint;
import io.bemcom.api.datapoint.DatapointRepository;
import io.bemcom.api.deadletter.DeadLetterStore;
import io.bemcom.api.history.MessageTable;
import jakarta.servlet.http.HttpServletRequest;

/** Read-only pages: connector log entries, heartbeats, dead letters (deletable), and the value/setpoint/schedule histories. */
@Controller
public class MonitoringAdminPages {

    private final ConnectorRepository connectors;
    private final ConnectorHeartbeatRepository heartbeats;
    private final DatapointRepository datapoints;
    private final AdminQueries queries;
    private final ConnectorLogEntryRepository logs;
    private final DeadLetterStore deadLetters;

    public MonitoringAdminPages(ConnectorRepository connectors, ConnectorHeartbeatRepository heartbeats,
                                DatapointRepository datapoints, AdminQueries queries, ConnectorLogEntryRepository logs,
                                DeadLetterStore deadLetters) {
        this.connectors = connectors;
        this.heartbeats = heartbeats;
        this.datapoints = datapoints;
        this.queries = queries;
        this.logs = logs;
        this.deadLetters = deadLetters;
    }

    @AdminPermission("api_main.view_connectorlogentry")
    @GetMapping("/admin/logs/")
    public String logs(@RequestParam(defaultValue = "") String connector, @RequestParam(defaultValue = "") String level,
                       @RequestParam(defaultValue = "") String emitter, @RequestParam(defaultValue = "") String q,
                       @RequestParam(required = false) Integer page, Model model) {
        List<Specification<ConnectorLogEntry>> conditions = new ArrayList<>();
        if (connector.matches("\\d+")) {
            conditions.add(ConnectorLogEntrySpecifications.ofConnector(Long.parseLong(connector)));
        }
        if (level.matches("\\d+")) {
            conditions.add(ConnectorLogEntrySpecifications.atLevel(Integer.parseInt(level)));
        }
        if (!emitter.isEmpty()) {
            conditions.add(ConnectorLogEntrySpecifications.fromEmitter(emitter));
        }
        if (!q.isBlank()) {
            conditions.add(ConnectorLogEntrySpecifications.messageContaining(q));
        }
        int current = PageOf.clamp(page);
        Page<ConnectorLogEntry> found = logs.findAll(Specification.allOf(conditions), PageRequest.of(current - 1,
                PageOf.SIZE, Sort.by(Sort.Order.desc("timestamp"), Sort.Order.desc("id"))));
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("connector", connector);
        filters.put("level", level);
        filters.put("emitter", emitter);
        filters.put("q", q);
        model.addAttribute("page", new PageOf<>(found.getContent(), current, PageOf.SIZE, found.getTotalElements(), filters));
        model.addAttribute("filters", filters);
        model.addAttribute("connectors", connectors.findAll(Sort.by("name")));
        model.addAttribute("names", connectorNames());
        model.addAttribute("emitters", logs.findEmitters(PageRequest.of(0, 200)));
        return "admin/logs";
    }

    @AdminPermission("api_main.view_connectorheartbeat")
    @GetMapping("/admin/heartbeats/")
    public String heartbeats(@RequestParam(defaultValue = "") String connector, Model model) {
        model.addAttribute("rows", connector.isEmpty() ? heartbeats.findAll()
                : IdFilter.parse(connector).flatMap(heartbeats::findById).stream().toList());
        model.addAttribute("names", connectorNames());
        model.addAttribute("connectors", connectors.findAll(Sort.by("name")));
        model.addAttribute("connector", connector);
        model.addAttribute("now", System.currentTimeMillis());
        return "admin/heartbeats";
    }

    @AdminPermission(value = "api_main.view_datapointvalue", needs = AdminPermission.Needs.HISTORY)
    @GetMapping("/admin/history/value/")
    public String values(@RequestParam(required = false) Long datapoint, @RequestParam(required = false) Integer page,
                         Model model) {
        return history(MessageTable.VALUE, "value", datapoint, page, model);
    }

    @AdminPermission(value = "api_main.view_datapointsetpoint", needs = AdminPermission.Needs.HISTORY_AND_CONTROL)
    @GetMapping("/admin/history/setpoint/")
    public String setpoints(@RequestParam(required = false) Long datapoint, @RequestParam(required = false) Integer page,
                            Model model) {
        return history(MessageTable.SETPOINT, "setpoint", datapoint, page, model);
    }

    @AdminPermission(value = "api_main.view_datapointschedule", needs = AdminPermission.Needs.HISTORY_AND_CONTROL)
    @GetMapping("/admin/history/schedule/")
    public String schedules(@RequestParam(required = false) Long datapoint, @RequestParam(required = false) Integer page,
                            Model model) {
        return history(MessageTable.SCHEDULE, "schedule", datapoint, page, model);
    }

    /** Any other kind of history: no such page. */
    @GetMapping("/admin/history/{kind}/")
    public String otherHistory(@PathVariable String kind) {
        throw new AdminAccess.NotFound("The page (its extension flags are off)");
    }

    private String history(MessageTable table, String kind, Long datapoint, Integer page, Model model) {
        int current = PageOf.clamp(page);
        List<AdminQueries.Row> rows = queries.history(table, datapoint, current, PageOf.SIZE);
        Map<Long, Datapoint> byId = datapoints.findAllById(rows.stream().map(AdminQueries.Row::datapointId).distinct().toList())
                .stream().collect(Collectors.toMap(Datapoint::getId, Function.identity()));
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("datapoint", datapoint == null ? "" : datapoint.toString());
        model.addAttribute("page", new PageOf<>(rows, current, PageOf.SIZE, queries.countHistory(table, datapoint), filters));
        model.addAttribute("datapoints", byId);
        model.addAttribute("kind", kind);
        model.addAttribute("selected", datapoint == null ? null : datapoints.findById(datapoint).orElse(null));
        return "admin/history";
    }

    @AdminPermission("api_main.view_deadletter")
    @GetMapping("/admin/dead-letters/")
    public String deadLetters(@RequestParam(required = false) Integer page, Model model) {
        int current = PageOf.clamp(page);
        model.addAttribute("page", new PageOf<>(deadLetters.page((current - 1) * PageOf.SIZE, PageOf.SIZE), current,
                PageOf.SIZE, deadLetters.count(), Map.of()));
        return "admin/deadletters";
    }

    @AdminPermission("api_main.delete_deadletter")
    @PostMapping("/admin/dead-letters/{id}/delete/")
    public String deleteDeadLetter(@PathVariable long id,
                                   HttpServletRequest request) {
        if (deadLetters.delete(id)) {
            AdminSession.flash(request, "The dead letter was deleted.");
        }
        return "redirect:/admin/dead-letters/";
    }

    private Map<Long, String> connectorNames() {
        return connectors.findAll().stream().collect(Collectors.toMap(Connector::getId, Connector::getName));
    }
}
