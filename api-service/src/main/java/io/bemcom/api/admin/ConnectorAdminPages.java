package io.bemcom.api.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;

import io.bemcom.api.connector.Connector;
import io.bemcom.api.connector.ConnectorHeartbeat;
import io.bemcom.api.connector.ConnectorHeartbeatRepository;
import io.bemcom.api.connector.ConnectorLogEntry;
import io.bemcom.api.connector.ConnectorLogEntryRepository;
import io.bemcom.api.connector.ConnectorNames;
import io.bemcom.api.connector.ConnectorRepository;
import io.bemcom.api.connector.ConnectorService;
import io.bemcom.api.datapoint.DatapointRepository;
import io.bemcom.api.security.Authenticator.Principal;
import io.bemcom.protocol.MessageKind;
import jakarta.servlet.http.HttpServletRequest;

/** Connectors: list with alive state, add by name, detail (counts, heartbeat, topics, datapoints, logs), delete. */
@Controller
public class ConnectorAdminPages {

    /** A connector row: the connector and its heartbeat, if any. */
    public record ConnectorRow(Connector connector, ConnectorHeartbeat heartbeat, Boolean alive) {
    }

    private final ConnectorRepository connectors;
    private final ConnectorService connectorService;
    private final ConnectorHeartbeatRepository heartbeats;
    private final ConnectorLogEntryRepository logs;
    private final DatapointRepository datapoints;
    private final AdminQueries queries;

    private final AdminActions actions;

    static final String CONTENT_TYPE = "connector";

    public ConnectorAdminPages(ConnectorRepository connectors, ConnectorService connectorService,
                               ConnectorHeartbeatRepository heartbeats, ConnectorLogEntryRepository logs,
                               DatapointRepository datapoints, AdminQueries queries, AdminActions actions) {
        this.actions = actions;
        this.connectors = connectors;
        this.connectorService = connectorService;
        this.heartbeats = heartbeats;
        this.logs = logs;
        this.datapoints = datapoints;
        this.queries = queries;
    }

    @AdminPermission("api_main.view_connector")
    @GetMapping("/admin/connectors/")
    public String list(@RequestParam(defaultValue = "") String q,
                       @RequestParam(required = false) Integer page, Model model) {
        String needle = q.trim();
        int current = PageOf.clamp(page);
        PageRequest request = PageRequest.of(current - 1, PageOf.SIZE, Sort.by(Sort.Direction.DESC, "name"));
        Page<Connector> matching = needle.isEmpty() ? connectors.findAll(request)
                : connectors.findByNameContainingIgnoreCase(needle, request);
        long now = System.currentTimeMillis();
        List<ConnectorRow> rows = matching.stream().map(c -> row(c, now)).toList();
        model.addAttribute("page", new PageOf<>(rows, current, PageOf.SIZE, matching.getTotalElements(), Map.of("q", q)));
        model.addAttribute("q", q);
        return "admin/connectors";
    }

    private ConnectorRow row(Connector connector, long now) {
        ConnectorHeartbeat heartbeat = heartbeats.findById(connector.getId()).orElse(null);
        return new ConnectorRow(connector, heartbeat, heartbeat == null ? null : heartbeat.isAlive(now));
    }

    @AdminPermission("api_main.add_connector")
    @PostMapping("/admin/connectors/add/")
    public String add(@RequestAttribute(AdminSession.PRINCIPAL) Principal me, @RequestParam(defaultValue = "") String name,
                      HttpServletRequest request, Model model) {
        String error = nameError(name, null);
        if (error != null) {
            model.addAttribute("nameError", error);
            model.addAttribute("name", name);
            AdminAccess.require(me, "api_main.view_connector"); // renders that page, which needs its own permission
            return list("", 1, model);
        }
        Connector created = connectorService.create(name.trim());
        actions.added(request, CONTENT_TYPE, created.getId(), created.getName());
        AdminSession.flash(request, "The connector \u201c" + created.getName() + "\u201d was added successfully.");
        return "redirect:/admin/connectors/" + created.getId() + "/";
    }

    private String nameError(String name, Long self) {
        String trimmed = name.trim();
        if (trimmed.isEmpty()) {
            return "This field is required.";
        }
        Optional<String> problem = ConnectorNames.problem(trimmed);
        if (problem.isPresent()) {
            return problem.get();
        }
        Optional<Connector> holder = connectors.findByName(trimmed);
        if (holder.isPresent() && !holder.get().getId().equals(self)) {
            return "Connector with this Name already exists.";
        }
        return null;
    }

    @AdminPermission("api_main.view_connector")
    @GetMapping("/admin/connectors/{id}/")
    public String detail(@PathVariable long id, Model model) {
        Connector connector = connectors.findById(id).orElseThrow(() -> new AdminAccess.NotFound("Connector " + id));
        model.addAttribute("row", row(connector, System.currentTimeMillis()));
        model.addAttribute("available", queries.countDatapoints(id, false));
        model.addAttribute("used", queries.countDatapoints(id, true));
        Map<String, String> topics = new LinkedHashMap<>();
        Optional<String> nameProblem = connector.nameProblem();
        if (nameProblem.isEmpty()) {
            topics.put("Logs", connector.topic(MessageKind.LOGS));
            topics.put("Heartbeat", connector.topic(MessageKind.HEARTBEAT));
            topics.put("Available datapoints", connector.topic(MessageKind.AVAILABLE_DATAPOINTS));
            topics.put("Datapoint map", connector.topic(MessageKind.DATAPOINT_MAP));
            topics.put("Raw message to DB", connector.topic(MessageKind.RAW_MESSAGE_TO_DB));
            topics.put("Raw message reprocess", connector.getName() + "/raw_message_reprocess");
            topics.put("Datapoint message wildcard", connector.datapointMessageWildcardTopic());
        }
        // A name stored by an older version may not be a topic level: the connector has no topics
        // (the service subscribes nothing for it) until it is renamed or deleted here.
        model.addAttribute("nameProblem", nameProblem.orElse(null));
        model.addAttribute("quotedName", ConnectorNames.quoted(connector.getName()));
        model.addAttribute("topics", topics);
        model.addAttribute("activeDatapoints", datapoints.findActiveByConnector(id));
        List<ConnectorLogEntry> lastLogs = new ArrayList<>(logs.findByConnectorIdOrderByTimestampDesc(id,
                PageRequest.of(0, 10)));
        model.addAttribute("logs", lastLogs);
        model.addAttribute("connector", connector);
        if (!model.containsAttribute("name")) {
            model.addAttribute("name", connector.getName());
        }
        return "admin/connector";
    }

    @AdminPermission("api_main.change_connector")
    @PostMapping("/admin/connectors/{id}/")
    public String rename(@RequestAttribute(AdminSession.PRINCIPAL) Principal me, @PathVariable long id,
                         @RequestParam(defaultValue = "") String name, HttpServletRequest request, Model model) {
        Connector connector = connectors.findById(id).orElseThrow(() -> new AdminAccess.NotFound("Connector " + id));
        String error = nameError(name, id);
        if (error != null) {
            model.addAttribute("nameError", error);
            model.addAttribute("name", name);
            AdminAccess.require(me, "api_main.view_connector"); // renders that page, which needs its own permission
            return detail(id, model);
        }
        if (!connector.getName().equals(name.trim())) {
            connectorService.rename(id, name.trim());
        }
        actions.changed(request, CONTENT_TYPE, id, name.trim(), java.util.Collections.singletonMap("name", connector.getName()),
                java.util.Collections.singletonMap("name", name.trim()));
        AdminSession.flash(request, "The connector \u201c" + name.trim() + "\u201d was changed successfully.");
        if (request.getParameter("_av_dp") != null) {
            return "redirect:/admin/datapoints/?connector=" + id;
        }
        return "redirect:/admin/connectors/" + id + "/";
    }

    @AdminPermission("api_main.delete_connector")
    @PostMapping("/admin/connectors/{id}/delete/")
    public String delete(@PathVariable long id,
                         HttpServletRequest request) {
        Connector connector = connectors.findById(id).orElseThrow(() -> new AdminAccess.NotFound("Connector " + id));
        connectorService.delete(id);
        actions.deleted(request, CONTENT_TYPE, id, connector.getName());
        AdminSession.flash(request, "The connector \u201c" + connector.getName() + "\u201d was deleted successfully;"
                + " its retained datapoint map was cleared.");
        return "redirect:/admin/connectors/";
    }
}
