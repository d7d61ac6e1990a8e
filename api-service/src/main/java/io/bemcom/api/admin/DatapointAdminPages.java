package io.bemcom.api.admin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.bemcom.api.config.ApiSettings;
import io.bemcom.api.connector.ConnectorRepository;
import io.bemcom.api.datapoint.DataFormat;
import io.bemcom.api.datapoint.Datapoint;
import io.bemcom.api.datapoint.DatapointRepository;
import io.bemcom.api.datapoint.DatapointService;
import io.bemcom.api.datapoint.DatapointSpecifications;
import io.bemcom.api.history.MessageTable;
import io.bemcom.protocol.JsonValues;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Datapoints: the list with the original's columns, filters, search, inline edits and bulk
 * actions; the detail page with format-specific metadata and last messages; the history chart.
 * Queries are the repository's ({@link DatapointSpecifications}); every change goes through
 * {@link DatapointService}, which publishes the datapoint maps and checks short names. The inline
 * list form has a field per row and column ({@code short_name_<id>}), bound row by row to
 * {@link DatapointRowForm}; the detail form is bound to {@link DatapointForm}; the chart is
 * {@link DatapointChart}'s.
 */
@Controller
public class DatapointAdminPages {

    /** One list row: the datapoint, its last value, and the values of the inline form (with an error). */
    public record Row(Datapoint datapoint, AdminQueries.Row lastValue, boolean active, String dataFormat,
                      String shortName, String description, String unit, String error) {
    }

    static final Map<String, String> ACTIONS = new LinkedHashMap<>();

    static {
        ACTIONS.put("activate", "Mark datapoints as active");
        ACTIONS.put("deactivate", "Mark datapoints as not active");
        for (String format : List.of("generic_text", "discrete_text", "generic_numeric", "discrete_numeric",
                "continuous_numeric")) {
            ACTIONS.put("format:" + format, "Mark data_format of datapoints as " + format);
        }
    }

    private final DatapointRepository datapoints;
    private final DatapointService datapointService;
    private final ConnectorRepository connectors;
    private final AdminQueries queries;
    private final ApiSettings settings;
    private final DatapointChart chart;
    private final AdminActions actions;

    public DatapointAdminPages(DatapointRepository datapoints, DatapointService datapointService,
                               ConnectorRepository connectors, AdminQueries queries,
                               ApiSettings settings, DatapointChart chart, AdminActions actions) {
        this.chart = chart;
        this.actions = actions;
        this.datapoints = datapoints;
        this.datapointService = datapointService;
        this.connectors = connectors;
        this.queries = queries;
        this.settings = settings;
    }

    // ------------------------------------------------------------------ list

    @AdminPermission("api_main.view_datapoint")
    @GetMapping("/admin/datapoints/")
    public String list(@RequestParam Map<String, String> params, Model model) {
        return render(params, Map.of(), null, model);
    }

    private String render(Map<String, String> params, Map<Long, Row> submitted, String error, Model model) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (String key : List.of("type", "connector", "data_format", "is_active", "short_name", "q", "o")) {
            filters.put(key, params.getOrDefault(key, ""));
        }
        int page = PageOf.clamp(parseInt(params.get("page")));
        Page<Datapoint> found = datapoints.findAll(conditions(filters),
                PageRequest.of(page - 1, PageOf.SIZE, order(filters.get("o"))));
        Map<Long, AdminQueries.Row> last = queries.last(MessageTable.VALUE,
                found.stream().map(Datapoint::getId).toList());
        List<Row> rows = found.stream().map(d -> submitted.containsKey(d.getId())
                ? withLast(submitted.get(d.getId()), d, last.get(d.getId()))
                : new Row(d, last.get(d.getId()), d.isActive(), d.getDataFormat(), orEmpty(d.getShortName()),
                        d.getDescription(), d.getUnit(), null)).toList();
        filters.put("page", "");
        Map<String, String> linkFilters = new LinkedHashMap<>(filters);
        linkFilters.remove("page");
        model.addAttribute("page", new PageOf<>(rows, page, PageOf.SIZE, found.getTotalElements(), linkFilters));
        model.addAttribute("filters", filters);
        model.addAttribute("connectors", connectors.findAll(Sort.by("name")));
        model.addAttribute("formats", DataFormat.CHOICES);
        model.addAttribute("actions", ACTIONS);
        model.addAttribute("error", error);
        return "admin/datapoints";
    }

    /** The sortable columns of the list: the {@code o} parameter's name → the datapoint's property. */
    static final Map<String, String> SORTABLE = new LinkedHashMap<>();

    static {
        SORTABLE.put("id", "id");
        SORTABLE.put("connector", "connector.name");
        SORTABLE.put("key", "keyInConnector");
        SORTABLE.put("type", "type");
        SORTABLE.put("is_active", "active");
        SORTABLE.put("data_format", "dataFormat");
        SORTABLE.put("short_name", "shortName");
        SORTABLE.put("unit", "unit");
    }

    /** {@code o=short_name} sorts ascending, {@code o=-short_name} descending, then by id; anything else by id. */
    static Sort order(String o) {
        boolean descending = o != null && o.startsWith("-");
        String property = SORTABLE.get(descending ? o.substring(1) : o == null ? "" : o);
        if (property == null || property.equals("id")) {
            return Sort.by(descending && property != null ? Sort.Direction.DESC : Sort.Direction.ASC, "id");
        }
        return Sort.by(descending ? Sort.Direction.DESC : Sort.Direction.ASC, property).and(Sort.by("id"));
    }

    /** The list's filters as conditions on datapoints; empty filters select all. */
    private static Specification<Datapoint> conditions(Map<String, String> filters) {
        List<Specification<Datapoint>> all = new ArrayList<>();
        if (!filters.get("type").isEmpty()) {
            all.add(DatapointSpecifications.ofType(filters.get("type")));
        }
        Integer connectorId = parseInt(filters.get("connector"));
        if (connectorId != null) {
            all.add(DatapointSpecifications.ofConnector(connectorId));
        }
        if (!filters.get("data_format").isEmpty()) {
            all.add(DatapointSpecifications.withDataFormat(filters.get("data_format")));
        }
        if (filters.get("is_active").equals("1") || filters.get("is_active").equals("0")) {
            all.add(DatapointSpecifications.active(filters.get("is_active").equals("1")));
        }
        if (filters.get("short_name").equals("set") || filters.get("short_name").equals("empty")) {
            all.add(DatapointSpecifications.withShortName(filters.get("short_name").equals("set")));
        }
        String q = filters.get("q").trim();
        if (!q.isEmpty()) {
            all.add(DatapointSpecifications.containing(q));
        }
        return Specification.allOf(all);
    }

    private static Row withLast(Row row, Datapoint d, AdminQueries.Row last) {
        return new Row(d, last, row.active(), row.dataFormat(), row.shortName(), row.description(), row.unit(), row.error());
    }

    /** The list's form: "Save" applies the inline edits, "Go" runs the chosen bulk action on the ticked rows. */
    @AdminPermission("api_main.change_datapoint")
    @PostMapping("/admin/datapoints/")
    public String submitList(@RequestParam(name = "_action", required = false) String runAction,
                             @RequestParam(defaultValue = "") String action,
                             @RequestParam(name = "selected", required = false) List<Long> ticked,
                             @RequestParam(name = "row", required = false) List<Long> rows, HttpServletRequest request,
                             Model model) {
        List<Long> selected = ticked == null ? List.of() : ticked;
        List<Long> row = rows == null ? List.of() : rows;
        // the filters travel in the query string of the form's action
        Map<String, String> params = new HashMap<>();
        request.getParameterMap().forEach((key, values) -> params.put(key, values[0]));
        String back = "redirect:/admin/datapoints/" + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        if (runAction != null) {
            if (selected.isEmpty() || !ACTIONS.containsKey(action)) {
                return render(params, Map.of(), "Items must be selected in order to perform actions on them,"
                        + " and an action must be chosen. No items have been changed.", model);
            }
            Map<Long, Map<String, Object>> before = snapshot(selected);
            if (action.equals("activate") || action.equals("deactivate")) {
                datapointService.setActive(selected, action.equals("activate"));
            } else {
                datapointService.setDataFormat(selected, action.substring("format:".length()));
            }
            recordChanges(request, before, false);
            AdminSession.flash(request, "Successfully applied \u201c" + ACTIONS.get(action) + "\u201d to "
                    + selected.size() + " datapoint(s).");
            return back;
        }
        // inline edits
        Map<Long, Datapoint> current = datapoints.findAllById(row).stream()
                .collect(Collectors.toMap(Datapoint::getId, d -> d));
        Map<Long, DatapointService.RowEdit> edits = new LinkedHashMap<>();
        for (Long id : row) {
            Datapoint d = current.get(id);
            if (d != null) {
                edits.put(id, DatapointRowForm.bind(id, request).edit(d));
            }
        }
        Map<Long, String> errors = datapointService.shortNameProblems(edits);
        if (!errors.isEmpty()) {
            Map<Long, Row> withErrors = new LinkedHashMap<>();
            edits.forEach((id, edit) -> withErrors.put(id, new Row(current.get(id), null, edit.active(), edit.dataFormat(),
                    edit.shortName(), edit.description(), edit.unit(), errors.get(id))));
            return render(params, withErrors, "Please correct the errors below.", model);
        }
        Map<Long, Map<String, Object>> before = snapshot(edits.keySet());
        int changed = datapointService.editRows(edits);
        recordChanges(request, before, false);
        AdminSession.flash(request, changed + " datapoint(s) were changed successfully.");
        return back;
    }

    // ------------------------------------------------------------------ detail

    @AdminPermission("api_main.view_datapoint")
    @GetMapping("/admin/datapoints/{id}/")
    public String detail(@PathVariable long id, Model model) {
        Datapoint d = find(id);
        return renderDetail(d, DatapointForm.of(d), Map.of(), model);
    }

    private String renderDetail(Datapoint d, DatapointForm form, Map<String, String> errors, Model model) {
        model.addAttribute("dp", d);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("formats", DataFormat.CHOICES);
        Set<Long> one = Set.of(d.getId());
        model.addAttribute("lastValue", queries.last(MessageTable.VALUE, one).get(d.getId()));
        boolean controlInfo = settings.controlExtension() && d.isActuator();
        model.addAttribute("showControl", controlInfo);
        if (controlInfo) {
            model.addAttribute("lastSetpoint", queries.last(MessageTable.SETPOINT, one).get(d.getId()));
            model.addAttribute("lastSchedule", queries.last(MessageTable.SCHEDULE, one).get(d.getId()));
        }
        return "admin/datapoint";
    }

    @AdminPermission("api_main.change_datapoint")
    @PostMapping("/admin/datapoints/{id}/")
    public String save(@PathVariable long id, @ModelAttribute DatapointForm form,
                       @RequestParam(name = "_continue", required = false) String continueEditing,
                       HttpServletRequest request, Model model) {
        Datapoint d = find(id);
        Map<String, String> errors = new LinkedHashMap<>();
        String format = form.dataFormat();
        if (!DataFormat.isValid(format)) {
            errors.put("data_format", "Select a valid choice. " + format + " is not one of the available choices.");
        }
        String shortName = form.shortName().trim();
        datapointService.shortNameProblem(id, shortName).ifPresent(problem -> errors.put("short_name", problem));
        String allowed = form.allowedValues().trim();
        String allowedJson = null;
        if (format.startsWith("discrete_") && !allowed.isEmpty()) {
            try {
                allowedJson = JsonValues.parse(allowed).toString();
            } catch (RuntimeException e) {
                errors.put("allowed_values", "Enter a valid JSON.");
            }
        }
        Double min = null;
        Double max = null;
        if (format.equals("continuous_numeric")) {
            try {
                min = parseNumber(form.minValue());
            } catch (NumberFormatException e) {
                errors.put("min_value", "Enter a number.");
            }
            try {
                max = parseNumber(form.maxValue());
            } catch (NumberFormatException e) {
                errors.put("max_value", "Enter a number.");
            }
            if (min != null && max != null && min > max) {
                errors.put("max_value", "The maximum must not be smaller than the minimum (" + min + ").");
            }
        }
        if (!errors.isEmpty()) {
            model.addAttribute("error", "Please correct the errors below.");
            return renderDetail(d, form, errors, model);
        }
        Map<Long, Map<String, Object>> before = snapshot(List.of(id));
        datapointService.editDetail(id, new DatapointService.DetailEdit(form.active(), format, shortName,
                form.description(), form.unit(), allowedJson, min, max));
        recordChanges(request, before, true);
        AdminSession.flash(request, "The datapoint \u201c" + find(id) + "\u201d was changed successfully.");
        if (continueEditing != null) {
            return "redirect:/admin/datapoints/" + id + "/";
        }
        return "redirect:/admin/datapoints/?connector=" + d.getConnector().getId();
    }

    @AdminPermission("api_main.delete_datapoint")
    @PostMapping("/admin/datapoints/{id}/delete/")
    public String delete(@PathVariable long id,
                         HttpServletRequest request) {
        Datapoint d = find(id);
        datapointService.delete(id);
        actions.deleted(request, CONTENT_TYPE, id, d);
        AdminSession.flash(request, "The datapoint \u201c" + d + "\u201d was deleted successfully.");
        return "redirect:/admin/datapoints/";
    }

    // ------------------------------------------------------------------ chart

    @AdminPermission({"api_main.view_datapoint", "api_main.view_datapointvalue"})
    @GetMapping("/admin/datapoints/{id}/chart/")
    public String chart(@PathVariable long id,
                        @RequestParam(defaultValue = "fit") String range, @RequestParam(defaultValue = "") String from,
                        @RequestParam(defaultValue = "") String to, Model model) {
        if (!settings.historyExtension()) {
            throw new AdminAccess.NotFound("The history (ACTIVATE_HISTORY_EXTENSION is off)");
        }
        Datapoint d = find(id);
        DatapointChart.Chart shown = chart.of(id, range, from, to, System.currentTimeMillis());
        model.addAttribute("dp", d);
        model.addAttribute("series", shown.series());
        model.addAttribute("count", shown.count());
        model.addAttribute("range", shown.range());
        model.addAttribute("from", shown.from());
        model.addAttribute("to", shown.to());
        model.addAttribute("startMs", shown.startMs());
        model.addAttribute("endMs", shown.endMs());
        model.addAttribute("error", shown.error());
        return "admin/chart";
    }

    // ------------------------------------------------------------------ audit trail

    static final String CONTENT_TYPE = "datapoint";

    /** The admin-editable fields of datapoints, by id, as the change messages name them. */
    private Map<Long, Map<String, Object>> snapshot(java.util.Collection<Long> ids) {
        Map<Long, Map<String, Object>> fields = new LinkedHashMap<>();
        datapoints.findAllById(ids).forEach(d -> fields.put(d.getId(), fields(d)));
        return fields;
    }

    private static Map<String, Object> fields(Datapoint d) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("is_active", d.isActive());
        fields.put("data_format", d.getDataFormat());
        fields.put("short_name", orEmpty(d.getShortName()));
        fields.put("description", d.getDescription());
        fields.put("unit", d.getUnit());
        fields.put("allowed_values", d.getAllowedValues());
        fields.put("min_value", d.getMinValue());
        fields.put("max_value", d.getMaxValue());
        return fields;
    }

    /** Records a change of every datapoint in {@code before} that changed (or of all, {@code always}). */
    private void recordChanges(HttpServletRequest request, Map<Long, Map<String, Object>> before, boolean always) {
        for (Datapoint d : datapoints.findAllById(before.keySet())) {
            Map<String, Object> after = fields(d);
            if (always || !after.equals(before.get(d.getId()))) {
                actions.changed(request, CONTENT_TYPE, d.getId(), d, before.get(d.getId()), after);
            }
        }
    }

    private Datapoint find(long id) {
        return datapoints.findById(id).orElseThrow(() -> new AdminAccess.NotFound("Datapoint " + id));
    }

    private static Double parseNumber(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return null;
        }
        double value = Double.parseDouble(trimmed);
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new NumberFormatException(trimmed);
        }
        return value;
    }

    private static Integer parseInt(String text) {
        try {
            return text == null || text.isBlank() ? null : Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
